"""Session edges: quiet renewal, blocked or failing storage, and the data-centre choice."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

import build

from devsupport import STORE_TOKEN

from .harness import API_ORIGIN, SITE_URL, TIMEOUTS, session_token, wait_ready
from .steps import open_signed_in, sign_in

ZOHO_SITE_PORT = 0  # any free port


def test_session_grant_is_renewed_quietly_and_returns_to_the_same_place(page, sandbox):
    sign_in(page)
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    first = session_token(page)
    assert first["granted_for_session"] is True
    # Pretend the hour is nearly over, at an in-app place the user should come back to.
    near_expiry = dict(first, expires_at=time.time() + 62)
    page.evaluate(STORE_TOKEN, near_expiry)
    page.goto(SITE_URL + "?view=leads")
    wait_ready(page)
    page.wait_for_function(
        "token => JSON.parse(sessionStorage.getItem('zoho.token') || '{}').access_token"
        " && JSON.parse(sessionStorage.getItem('zoho.token')).access_token !== token",
        arg=first["access_token"], timeout=TIMEOUTS["ready"])
    wait_ready(page)
    renewed = session_token(page)
    assert renewed["expires_at"] > time.time() + 3000
    assert urlsplit(page.url).query == "view=leads"
    assert "access_token" not in page.url
    paths = [request["path"] for request in sandbox.state()["requests"]]
    assert "/oauth/v2/auth/refresh" in paths
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()


def test_renewal_refused_by_zoho_offers_the_full_sign_in(context, page, sandbox):
    sign_in(page)
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    record = dict(session_token(page), expires_at=time.time() + 62)
    context.clear_cookies()  # Zoho no longer remembers the session grant
    page.evaluate(STORE_TOKEN, record)
    page.reload()
    error = page.get_by_test_id("error")
    error.filter(has_text="sign in again").wait_for(timeout=TIMEOUTS["ready"])
    wait_ready(page)
    assert session_token(page) is None
    assert page.get_by_role("button", name="Sign in again").is_visible()


BLOCK_SESSION_STORAGE = """
Object.defineProperty(window, 'sessionStorage', {
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }
});
"""


def test_blocked_storage_is_explained_and_sign_in_does_not_proceed(context, page, sandbox):
    context.add_init_script(BLOCK_SESSION_STORAGE)
    page.goto(SITE_URL)
    wait_ready(page)
    assert "memory for this tab" in page.get_by_test_id("notice").inner_text()
    page.get_by_test_id("sign-in").click()
    page.get_by_test_id("error").filter(has_text="session storage is blocked").wait_for()
    assert page.url == SITE_URL
    assert context.recorded.page_errors == []


FAIL_TOKEN_WRITES = """
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (key === 'zoho.token') { throw new DOMException('full', 'QuotaExceededError'); }
  return setItem.call(this, key, value);
};
"""


def test_token_is_kept_in_memory_when_it_cannot_be_stored(context, page, sandbox):
    context.add_init_script(FAIL_TOKEN_WRITES)
    sign_in(page)
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    assert "memory for this tab" in page.get_by_test_id("notice").inner_text()
    assert session_token(page) is None
    assert page.get_by_test_id("token-status").inner_text().startswith("Valid for ")


@pytest.fixture(scope="module")
def zoho_site(tmp_path_factory):
    """A build for Zoho's real servers, served locally; it must never reach them in tests."""
    config_path = tmp_path_factory.mktemp("zoho") / "zoho.toml"
    config_path.write_text('[zoho]\nclient_id = "1000.REALCLIENT"\nscopes = ["ZohoCRM.users.READ"]\n')
    site = build.build(build.load_config(config_path), tmp_path_factory.mktemp("zoho-site") / "site")
    with build.SiteServer(site, ZOHO_SITE_PORT) as server:
        yield server.url


def test_sign_in_screen_offers_zoho_data_centres_and_uses_the_chosen_one(context, page, zoho_site):
    authorize_requests = []

    def answer_for_zoho(route):
        authorize_requests.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<p>Zoho stand-in</p>")

    context.route("https://accounts.zoho.eu/**", answer_for_zoho)
    page.goto(zoho_site)
    wait_ready(page)
    select = page.get_by_test_id("data-centre")
    labels = select.locator("option").all_inner_texts()
    # Every data centre whose API domain Zoho names: not the UK, which has none confirmed.
    assert len(labels) == 8 and "Europe" in labels and "China" in labels and "United Kingdom" not in labels
    assert select.input_value() == "https://accounts.zoho.com"  # the config's default
    select.select_option(label="Europe")
    page.get_by_test_id("sign-in").click()
    page.wait_for_url("https://accounts.zoho.eu/**")
    url = urlsplit(authorize_requests[0])
    params = parse_qs(url.query)
    assert url.path == "/oauth/v2/auth"
    assert params["response_type"] == ["token"]
    assert params["client_id"] == ["1000.REALCLIENT"]
    assert params["redirect_uri"] == [zoho_site]
    assert params["scope"] == ["ZohoCRM.users.READ"]
    assert len(params["state"][0]) >= 32


def test_works_in_browsers_without_promise_try(context, page, sandbox):
    context.add_init_script("delete Promise.try;")
    sign_in(page)
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    assert session_token(page) is not None
    assert context.recorded.page_errors == []


def load_with_zoho_unreachable(page, sandbox):
    """A signed-in tab reloaded while Zoho's API cannot be reached; the way to reach it again."""
    open_signed_in(page, sandbox, path="?view=records")
    cut = API_ORIGIN + "/**"
    page.route(cut, lambda route: route.abort("internetdisconnected"))
    page.reload()
    wait_ready(page)
    error = page.get_by_test_id("error").filter(has_text="Could not reach Zoho")
    error.wait_for(timeout=TIMEOUTS["ready"])
    page.get_by_test_id("progress").wait_for(state="hidden")  # every call of the load has ended
    assert page.locator("text=Could not reach Zoho >> visible=true").count() == 1  # one message, not one a call
    assert error.get_by_role("button", name="Retry").is_visible()
    assert page.get_by_test_id("modules").locator("li").count() == 0
    return lambda: page.unroute(cut)


def filled_in(page):
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    page.get_by_test_id("org-name").filter(has_text="Analytical").wait_for()
    page.get_by_test_id("modules").locator("li").first.wait_for()
    expect(page.get_by_test_id("error")).to_be_hidden()


def test_zoho_unreachable_as_the_page_loads_is_retried_when_the_browser_is_back_online(context, page, sandbox):
    restore = load_with_zoho_unreachable(page, sandbox)
    context.set_offline(True)
    restore()
    context.set_offline(False)  # the browser's `online` event
    filled_in(page)  # without a reload


def test_zoho_unreachable_as_the_page_loads_offers_retry(page, sandbox):
    restore = load_with_zoho_unreachable(page, sandbox)
    restore()
    page.get_by_test_id("error").get_by_role("button", name="Retry").click()
    filled_in(page)
