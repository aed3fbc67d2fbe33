"""What a person does in the app, as steps the browser tests share: sign in, open a view or a
module, read the rows, make a lead, move the focus. (Infrastructure is in harness.py.)"""

from devsupport import STORE_TOKEN, token_record

from .harness import ACCOUNTS_ORIGIN, SCOPES, SITE_URL, TIMEOUTS, wait_ready


def sign_in(page, place=""):
    """From the signed-out page at ``place`` (a query) through Zoho's (the sandbox's) consent
    screen and back."""
    page.goto(SITE_URL + place)
    wait_ready(page)
    page.get_by_test_id("sign-in").click()
    page.wait_for_url(ACCOUNTS_ORIGIN + "/oauth/v2/auth?**")
    page.get_by_role("button", name="Accept").click()
    page.wait_for_url(SITE_URL + place + "**")
    wait_ready(page)


def sign_in_in_a_pop_up(context, page):
    """On the signed-out page: Sign in, in the app's pop-up window, through Zoho's (the
    sandbox's) consent screen; back once the page shows who signed in and the window closed."""
    page.get_by_test_id("sign-in-popup").check()
    with context.expect_page() as opened:
        page.get_by_test_id("sign-in").click()
    popup = opened.value
    popup.wait_for_url(ACCOUNTS_ORIGIN + "/oauth/v2/auth?**")
    popup.get_by_role("button", name="Accept").click()
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for(timeout=TIMEOUTS["ready"])
    if not popup.is_closed():
        popup.wait_for_event("close", timeout=TIMEOUTS["ready"])


def store_minted_token(page, sandbox, lifetime, granted_for_session=False):
    minted = sandbox.mint_token(lifetime=lifetime)
    page.evaluate(STORE_TOKEN, token_record(minted, SCOPES, ACCOUNTS_ORIGIN, lifetime, granted_for_session))
    return minted


def store_scoped_token(page, sandbox, scopes):
    page.evaluate(STORE_TOKEN, token_record(sandbox.mint_token(scopes=scopes), scopes, sandbox.accounts_url))


def open_signed_in(page, sandbox, scopes=None, path=""):
    page.goto(SITE_URL)
    wait_ready(page)
    if scopes is None:
        store_minted_token(page, sandbox, lifetime=3600)
    else:
        store_scoped_token(page, sandbox, scopes)
    page.goto(SITE_URL + path)
    wait_ready(page)
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()


def open_view(page, view):
    page.get_by_test_id("nav-" + view).click()
    page.locator(f'[data-view="{view}"]').wait_for()


def open_module(page, label):
    page.get_by_test_id("modules").get_by_role("button", name=label, exact=True).click()
    page.get_by_test_id("module-title").filter(has_text=label).wait_for()


def record_rows(page):
    return page.get_by_test_id("records").locator("tbody tr")


def view_message(page, view):
    """The message area of the view named ``view`` (records, query, console, notebook)."""
    return page.locator(f'[data-view="{view}"] [data-testid="view-message"]')


def create_lead(page, sandbox, **values):
    """Signed in, on the Leads table: fill the new-record form with ``values`` and save."""
    open_signed_in(page, sandbox)
    open_module(page, "Leads")
    record_rows(page).first.wait_for()
    page.get_by_test_id("new-record").click()
    for name, value in values.items():
        page.locator("#field-" + name).fill(value)
    page.get_by_test_id("save-record").click()


def tab_to(page, testid, presses=20):
    """Press Tab until the element ``testid`` has the focus (fails after ``presses``)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.testid") == testid:
            return
    raise AssertionError(f"{testid} was not reached with {presses} presses of Tab")
