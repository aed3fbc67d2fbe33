"""Sign-in against the sandbox, end to end in Chromium: the happy path and every refusal."""

import json
import time

from devsupport import STORE_TOKEN

from .harness import ACCOUNTS_ORIGIN, API_ORIGIN, SITE_URL, session_token, wait_ready
from .steps import sign_in, store_minted_token


def assert_token_only_sent_to_api(context, token):
    carriers = context.recorded.with_token(token)
    allowed = (API_ORIGIN + "/", ACCOUNTS_ORIGIN + "/oauth/v2/token/revoke?")
    assert all(request.url.startswith(allowed) for request in carriers), [r.url for r in carriers]
    for request in carriers:
        if request.url.startswith(API_ORIGIN):
            assert request.headers["authorization"] == "Zoho-oauthtoken " + token


def test_sign_in_stores_token_shows_user_and_cleans_the_url(context, page, sandbox):
    sign_in(page)
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()

    assert "#" not in page.url and "access_token" not in page.url
    assert page.evaluate("location.hash") == ""
    stored = session_token(page)
    assert set(stored) >= {"access_token", "expires_at", "api_domain", "scopes", "location"}
    assert isinstance(stored["expires_at"], (int, float))
    assert abs(stored["expires_at"] - (time.time() + 3600)) < 60
    assert stored["api_domain"] == API_ORIGIN
    assert stored["location"] == "us"
    assert "ZohoCRM.users.READ" in stored["scopes"]
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("sessionStorage.getItem('zoho.pending')") is None
    assert page.get_by_test_id("token-status").inner_text().startswith("Valid for ")
    assert_token_only_sent_to_api(context, stored["access_token"])
    # The history entry of the callback no longer holds the token either.
    page.go_back()
    page.wait_for_url("**")
    assert "access_token" not in page.url


def test_deny_shows_a_readable_message_and_stores_nothing(page, sandbox):
    page.goto(SITE_URL)
    wait_ready(page)
    page.get_by_test_id("sign-in").click()
    page.get_by_role("button", name="Deny").click()
    page.wait_for_url(SITE_URL + "**")
    wait_ready(page)
    error = page.get_by_test_id("error")
    assert "declined" in error.inner_text() and error.is_visible()
    assert "#" not in page.url
    assert session_token(page) is None
    assert page.get_by_test_id("sign-in").is_visible()


def test_forged_state_is_refused(page, sandbox):
    page.goto(SITE_URL)
    wait_ready(page)
    page.get_by_test_id("sign-in").click()
    page.wait_for_url(ACCOUNTS_ORIGIN + "/**")
    minted = sandbox.mint_token()
    fragment = (f"#&access_token={minted['access_token']}&expires_in=3600"
                f"&api_domain={API_ORIGIN.replace(':', '%3A').replace('/', '%2F')}&location=us&state=forged")
    page.goto(SITE_URL + fragment)
    wait_ready(page)
    assert "does not belong to the sign-in started in this tab" in page.get_by_test_id("error").inner_text()
    assert session_token(page) is None
    assert minted["access_token"] not in page.url


def test_response_without_a_pending_sign_in_is_refused(context, page, sandbox):
    minted = sandbox.mint_token()
    page.goto(SITE_URL + f"#&access_token={minted['access_token']}&expires_in=3600"
              f"&api_domain={API_ORIGIN}&location=us&state=abc")
    wait_ready(page)
    assert page.get_by_test_id("error").is_visible()
    assert session_token(page) is None
    assert page.evaluate("location.hash") == ""
    # The fragment never leaves the browser, and the app sent the token nowhere.
    assert context.recorded.with_token(minted["access_token"]) == []


def test_callback_url_replayed_in_another_tab_is_refused(context, page, sandbox):
    callback_urls = []
    page.on("response", lambda response: "access_token=" in (response.headers.get("location") or "")
            and callback_urls.append(response.headers["location"]))
    sign_in(page)
    assert callback_urls, "the sandbox redirected back with a token fragment"
    # Another browser (a context of its own: the app's open tabs would share their sign-in).
    elsewhere = context.browser.new_context(service_workers="block")
    try:
        other = elsewhere.new_page()
        other.goto(callback_urls[0])
        wait_ready(other)
        assert other.get_by_test_id("error").is_visible()
        assert session_token(other) is None
        assert other.evaluate("location.hash") == ""
    finally:
        elsewhere.close()


def test_foreign_api_domain_is_refused_and_token_never_sent(context, page, sandbox):
    page.goto(SITE_URL)
    wait_ready(page)
    page.get_by_test_id("sign-in").click()
    page.wait_for_url(ACCOUNTS_ORIGIN + "/**")
    page.go_back()
    wait_ready(page)
    pending = json.loads(page.evaluate("sessionStorage.getItem('zoho.pending')"))
    page.goto(SITE_URL + f"#&access_token=1000.abc.def&expires_in=3600"
              f"&api_domain=https%3A%2F%2Fwww.zohoapis.com.evil.test&location=us&state={pending['state']}")
    wait_ready(page)
    assert "evil.test" in page.get_by_test_id("error").inner_text()
    assert session_token(page) is None
    assert not [r for r in context.recorded.requests if "evil.test" in r.url]


def test_corrupt_stored_token_is_discarded_with_a_message(page, sandbox):
    page.goto(SITE_URL)
    wait_ready(page)
    page.evaluate("sessionStorage.setItem('zoho.token', '{not json')")
    page.reload()
    wait_ready(page)
    assert page.get_by_test_id("error").is_visible()
    assert session_token(page) is None
    assert page.get_by_test_id("sign-in").is_visible()


def test_tampered_api_domain_in_storage_is_discarded(context, page, sandbox):
    page.goto(SITE_URL)
    wait_ready(page)
    record = {"access_token": "1000.aa.bb", "expires_at": time.time() + 3000,
              "api_domain": "https://evil.test", "scopes": ["ZohoCRM.users.READ"], "location": "us"}
    page.evaluate(STORE_TOKEN, record)
    page.reload()
    wait_ready(page)
    assert page.get_by_test_id("error").is_visible()
    assert session_token(page) is None
    assert not [r for r in context.recorded.requests if "evil.test" in r.url]


def test_short_lived_token_expires_and_offers_sign_in(page, sandbox):
    page.goto(SITE_URL)
    wait_ready(page)
    store_minted_token(page, sandbox, lifetime=63)
    page.reload()
    wait_ready(page)
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    # 63 s of life minus the 60 s margin: within a few seconds the token is no longer used.
    page.get_by_test_id("error").filter(has_text="expired").wait_for(timeout=15000)
    assert session_token(page) is None
    assert page.get_by_role("button", name="Sign in again").is_visible()


def test_invalid_token_from_the_api_signs_out_with_a_message(page, sandbox):
    page.goto(SITE_URL)
    wait_ready(page)
    minted = store_minted_token(page, sandbox, lifetime=3600)
    sandbox.post("/oauth/v2/token/revoke?token=" + minted["access_token"], origin=sandbox.accounts_url)
    page.reload()
    wait_ready(page)
    page.get_by_test_id("error").filter(has_text="sign in again").wait_for()
    assert session_token(page) is None
    assert page.get_by_test_id("sign-in").is_visible()


def test_sign_out_revokes_the_token_and_clears_storage(context, page, sandbox):
    sign_in(page)
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    token = session_token(page)["access_token"]
    page.get_by_test_id("sign-out").click()
    page.get_by_test_id("notice").filter(has_text="revoked").wait_for()
    assert session_token(page) is None
    assert page.get_by_test_id("sign-in").is_visible()
    assert token in sandbox.state()["tokens"]["revoked"]
    assert_token_only_sent_to_api(context, token)


def test_sign_out_says_so_when_revoke_fails(page, sandbox):
    sign_in(page)
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    page.route("**/oauth/v2/token/revoke**", lambda route: route.abort())
    page.get_by_test_id("sign-out").click()
    page.get_by_test_id("error").filter(has_text="answer to revoking the token could not be read").wait_for()
    assert session_token(page) is None


def test_sign_out_of_a_token_stored_with_only_the_contract_keys(context, page, sandbox):
    page.goto(SITE_URL)
    wait_ready(page)
    minted = sandbox.mint_token()
    record = {"access_token": minted["access_token"], "expires_at": time.time() + 3000,
              "api_domain": minted["api_domain"], "scopes": ["ZohoCRM.users.READ"], "location": None}
    page.evaluate(STORE_TOKEN, record)
    page.reload()
    wait_ready(page)
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    page.get_by_test_id("sign-out").click()
    page.get_by_test_id("error").filter(has_text="so it was not revoked").wait_for()
    assert session_token(page) is None
    assert page.get_by_test_id("sign-in").is_visible()
    assert context.recorded.page_errors == []


def test_token_leaves_the_url_even_where_python_cannot_start(context, page, sandbox):
    context.add_init_script("delete window.WebAssembly;")
    minted = sandbox.mint_token()
    page.goto(SITE_URL + f"#&access_token={minted['access_token']}&expires_in=3600&state=abc")
    page.wait_for_function("location.hash === ''", timeout=5000)
    assert minted["access_token"] not in page.url
    assert page.evaluate("document.documentElement.dataset.app") != "ready"  # Python really did not run
