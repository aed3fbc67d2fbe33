"""Sessions that lose nothing: tabs share the sign-in, renewal in a pop-up keeps the page,
drafts survive, Back to Zoho's page is calm, and sign-out leaves nothing behind."""

import json
import time

from devsupport import STORE_TOKEN, token_record

from .harness import (ACCOUNTS_ORIGIN, API_ORIGIN, SANDBOX_API_ORIGIN, SCOPES, SITE_URL, TIMEOUTS, session_token,
                      wait_ready)
from .steps import open_module, open_signed_in, open_view, record_rows, sign_in, sign_in_in_a_pop_up, view_message


def signed_in_elsewhere(context):
    """A new tab of the app in ``context`` (whose other tab is signed in), ready."""
    other = context.new_page()
    other.goto(SITE_URL)
    wait_ready(other)
    other.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    return other


def test_a_new_tab_is_signed_in_by_an_open_tab_without_visiting_zoho(context, page, sandbox):
    open_signed_in(page, sandbox)
    other = signed_in_elsewhere(context)
    assert session_token(other)["access_token"] == session_token(page)["access_token"]
    visits = [r.url for r in context.recorded.requests if r.url.startswith(ACCOUNTS_ORIGIN + "/oauth/v2/auth")]
    assert visits == []
    assert other.evaluate("localStorage.length") == 0


def test_sign_out_in_one_tab_signs_out_the_others_within_two_seconds(context, page, sandbox):
    open_signed_in(page, sandbox)
    other = signed_in_elsewhere(context)
    page.get_by_test_id("sign-out").click()
    other.get_by_test_id("sign-in").wait_for(timeout=2000)
    assert session_token(other) is None
    assert other.get_by_test_id("current-user").inner_text() == ""
    revokes = [r for r in context.recorded.requests if "/oauth/v2/token/revoke" in r.url]
    assert len(revokes) == 1


def test_back_to_zoho_and_accept_again_in_a_signed_in_tab_shows_no_error(page, sandbox):
    sign_in(page)
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    token = session_token(page)["access_token"]
    page.go_back()
    page.wait_for_url(ACCOUNTS_ORIGIN + "/oauth/v2/auth?**")
    page.get_by_role("button", name="Accept").click()
    page.wait_for_url(SITE_URL + "**")
    wait_ready(page)
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    assert page.get_by_test_id("error").is_hidden()
    assert session_token(page)["access_token"] == token
    assert "access_token" not in page.url


def test_a_renewal_in_a_pop_up_keeps_a_half_filled_form_and_the_new_token_is_used(context, page, sandbox):
    sign_in(page)
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    first = session_token(page)
    assert first["granted_for_session"] is True
    page.evaluate(STORE_TOKEN, dict(first, expires_at=time.time() + 280))  # renewal due, still usable
    page.goto(SITE_URL + "?view=records&module=Leads")
    wait_ready(page)
    record_rows(page).first.wait_for()
    page.get_by_test_id("new-record").click()
    page.locator("#field-Last_Name").fill("Babbage")
    page.wait_for_function(
        "token => JSON.parse(sessionStorage.getItem('zoho.token') || '{}').access_token !== token",
        arg=first["access_token"], timeout=TIMEOUTS["ready"])
    renewed = session_token(page)
    assert renewed["expires_at"] > time.time() + 3000
    assert page.locator("#field-Last_Name").input_value() == "Babbage"  # the form is intact
    page.get_by_test_id("token-status").filter(has_text="Valid for").wait_for()
    page.get_by_test_id("save-record").click()
    view_message(page, "records").filter(has_text="Done: record added").wait_for()
    posts = [r for r in context.recorded.requests if r.url == API_ORIGIN + "/crm/v8/Leads" and r.method == "POST"]
    assert [r.headers["authorization"] for r in posts] == ["Zoho-oauthtoken " + renewed["access_token"]]
    assert len(context.pages) == 1  # the pop-up closed itself


def test_a_blocked_pop_up_gives_a_one_click_renew(context, page, sandbox):
    context.add_init_script("window.open = () => null;")
    open_signed_in(page, sandbox)
    record = dict(session_token(page), expires_at=time.time() + 280, granted_for_session=True)
    page.evaluate(STORE_TOKEN, record)
    page.reload()
    wait_ready(page)
    notice = page.get_by_test_id("notice")
    notice.filter(has_text="Your Zoho session ends in 4 min").wait_for()
    assert notice.get_by_role("button", name="Renew").is_visible()
    assert page.get_by_test_id("token-status").inner_text().startswith("Valid for")


def test_drafts_survive_a_reload_and_go_at_sign_out(page, sandbox):
    open_signed_in(page, sandbox)
    open_view(page, "console")
    page.get_by_test_id("console-method").select_option("POST")
    page.get_by_test_id("console-path").fill("/crm/v8/Contacts")
    page.get_by_test_id("console-body").fill('{"data": [{"Last_Name": "Somerville"}]}')
    open_view(page, "records")
    open_module(page, "Leads")
    record_rows(page).first.wait_for()
    page.get_by_test_id("new-record").click()
    page.locator("#field-Last_Name").fill("Herschel")
    page.wait_for_function("(sessionStorage.getItem('zoho.draft.records') || '').includes('Herschel')")
    page.reload()
    wait_ready(page)
    page.locator("#field-Last_Name").wait_for()
    assert page.locator("#field-Last_Name").input_value() == "Herschel"
    open_view(page, "console")
    assert page.get_by_test_id("console-method").input_value() == "POST"
    assert page.get_by_test_id("console-path").input_value() == "/crm/v8/Contacts"
    assert "Somerville" in page.get_by_test_id("console-body").input_value()
    drafts = page.evaluate("Object.keys(sessionStorage).filter(k => k.startsWith('zoho.draft.'))")
    assert sorted(drafts) == ["zoho.draft.console", "zoho.draft.records"]
    token = session_token(page)["access_token"]
    assert not [k for k in drafts if token in page.evaluate("k => sessionStorage.getItem(k)", k)]
    page.get_by_test_id("sign-out").click()
    # The new record being filled in is the Records view's unsaved work: asked about first.
    notice = page.get_by_test_id("notice")
    notice.filter(has_text="The new record you are filling in is not saved").wait_for()
    notice.get_by_role("button", name="Sign out and discard it").click()
    page.get_by_test_id("sign-in").wait_for()
    assert page.evaluate("sessionStorage.length") == 0


PAGE_TEXT = """async () => {
  const values = [...document.querySelectorAll('input, textarea, select')].map(e => e.value);
  const titles = [...document.querySelectorAll('[title]')].map(e => e.title);
  const cached = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      cached.push(request.url, await (await cache.match(request)).text());
    }
  }
  const storage = [sessionStorage, localStorage].flatMap(s => Object.keys(s).map(k => k + '=' + s.getItem(k)));
  return [document.documentElement.outerHTML, ...values, ...titles, ...storage, ...cached].join('\\n');
}"""


def test_sign_out_leaves_nothing_of_the_session(page, sandbox):
    open_signed_in(page, sandbox)
    token = session_token(page)["access_token"]
    page.get_by_test_id("org-name").filter(has_text="Analytical").wait_for()
    open_module(page, "Leads")
    first = record_rows(page).first
    first.wait_for()
    last_name = first.locator('td[data-label="Last Name"]').inner_text()
    first.get_by_role("button", name="Open").click()
    page.get_by_test_id("record-detail").wait_for()
    open_view(page, "console")
    page.get_by_test_id("console-send").click()
    page.get_by_test_id("console-status").filter(has_text="HTTP 200").wait_for()
    page.get_by_test_id("sign-out").click()
    page.get_by_test_id("sign-in").wait_for()
    page.get_by_test_id("notice").filter(has_text="revoked").wait_for()
    left = page.evaluate(PAGE_TEXT)
    for secret in (token, "Ada", "Lovelace", "ada@", "Analytical Engines", last_name):
        assert secret not in left, secret


def test_sign_in_in_a_pop_up_keeps_the_page(context, page, sandbox):
    page.goto(SITE_URL + "?view=console")
    wait_ready(page)
    sign_in_in_a_pop_up(context, page)
    assert "view=console" in page.url and page.locator('[data-view="console"]').is_visible()
    assert session_token(page)["api_domain"] == API_ORIGIN


def test_work_in_progress_survives_a_sign_in_that_ran_out(page, sandbox):
    open_signed_in(page, sandbox)
    open_view(page, "console")
    page.get_by_test_id("console-path").fill("/crm/v8/Deals")
    page.wait_for_function("(sessionStorage.getItem('zoho.draft.console') || '').includes('Deals')")
    record = dict(session_token(page), expires_at=time.time() + 62, granted_for_session=False)
    page.evaluate(STORE_TOKEN, record)
    page.reload()
    wait_ready(page)
    page.get_by_test_id("error").filter(has_text="expired").wait_for(timeout=TIMEOUTS["ready"])
    assert page.get_by_test_id("console-path").input_value() != "/crm/v8/Deals"  # nothing of it on show
    page.get_by_role("button", name="Sign in again").click()
    page.get_by_role("button", name="Accept").click()
    page.wait_for_url(SITE_URL + "?view=console**")
    wait_ready(page)
    page.locator('[data-view="console"]').wait_for()
    page.wait_for_function("document.querySelector('[data-testid=console-path]').value === '/crm/v8/Deals'")


def signed_in_tab(context, sandbox, api_domain, lifetime):
    """A new tab that starts with a sign-in of its own, at ``api_domain`` (its organisation)."""
    tab = context.new_page()
    record = token_record(sandbox.mint_token(lifetime=lifetime), SCOPES, ACCOUNTS_ORIGIN, lifetime)
    stored = json.dumps(json.dumps(dict(record, api_domain=api_domain)))
    tab.add_init_script(f"sessionStorage.getItem('zoho.token') || sessionStorage.setItem('zoho.token', {stored})")
    tab.goto(SITE_URL + "?view=records")
    wait_ready(tab)
    tab.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    return tab


def test_tabs_in_two_organisations_keep_their_own_when_a_third_tab_opens(context, sandbox):
    in_sandbox = signed_in_tab(context, sandbox, SANDBOX_API_ORIGIN, lifetime=3000)
    in_production = signed_in_tab(context, sandbox, API_ORIGIN, lifetime=3500)  # the longer-lasting one
    in_sandbox.get_by_test_id("data-centre-name").filter(has_text="Sandbox organisation").wait_for()
    signed_in_elsewhere(context)  # asks the open tabs; both answer
    in_production.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    assert session_token(in_sandbox)["api_domain"] == SANDBOX_API_ORIGIN
    assert "Sandbox" in in_sandbox.get_by_test_id("data-centre-name").inner_text()
    assert session_token(in_production)["api_domain"] == API_ORIGIN
    assert "Sandbox" not in in_production.get_by_test_id("data-centre-name").inner_text()
    # What the sandbox tab does goes to the sandbox organisation only.
    context.recorded.requests.clear()
    open_module(in_sandbox, "Leads")
    record_rows(in_sandbox).first.wait_for()
    crm_calls = {r.url.split("/crm/")[0] for r in context.recorded.requests
                 if "/crm/v8/" in r.url and r.frame.page == in_sandbox}
    assert crm_calls == {SANDBOX_API_ORIGIN}


def type_unsaved_cell(page):
    open_view(page, "notebook")
    page.get_by_test_id("cell-add").click()
    codes = page.get_by_test_id("cell-code")
    codes.last.fill("analysis = 'kept nowhere else'")


def test_signed_out_in_another_tab_the_notebook_keeps_its_cells_with_download_and_discard(context, page, sandbox):
    open_signed_in(page, sandbox)
    other = signed_in_elsewhere(context)
    type_unsaved_cell(other)
    page.get_by_test_id("sign-out").click()
    other.get_by_test_id("sign-in").wait_for()
    notebook = other.locator('[data-view="notebook"]')
    assert notebook.is_visible()
    assert other.get_by_test_id("cell-code").last.input_value() == "analysis = 'kept nowhere else'"
    assert notebook.get_by_role("button", name="Download").first.is_visible()
    assert notebook.get_by_role("button", name="Discard").is_visible()


def test_sign_out_with_unsaved_cells_asks_in_the_page_and_offers_to_keep_them_to_download(page, sandbox):
    open_signed_in(page, sandbox)
    type_unsaved_cell(page)
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog))  # a bound builtin cannot be a handler
    page.get_by_test_id("sign-out").click()
    notice = page.get_by_test_id("notice").filter(has_text="Before you sign out")
    notice.wait_for()
    assert session_token(page) is not None  # nothing revoked or forgotten yet
    notice.get_by_role("button", name="Sign out, keep it on screen to download").click()
    page.get_by_test_id("sign-in").wait_for()
    assert page.get_by_test_id("cell-code").last.input_value() == "analysis = 'kept nowhere else'"
    assert page.locator('[data-view="notebook"]').get_by_role("button", name="Discard").is_visible()
    assert dialogs == []  # no native dialog
