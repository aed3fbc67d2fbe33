"""Cross-origin isolation by the service worker (it adds COOP and COEP to the app's pages): the
notebook's Stop raises KeyboardInterrupt and keeps the namespace, and sign-in (redirect and
pop-up), the pop-up renewal and the tabs' channel still work under it."""

import time

from devsupport import STORE_TOKEN

from .harness import SITE_URL, TIMEOUTS, session_token, wait_ready
from .steps import sign_in, sign_in_in_a_pop_up, store_minted_token

WAIT_FOR_CONTROL = """() => navigator.serviceWorker.controller !== null || new Promise(
    (resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, {once: true}))"""


def open_isolated(page, path=""):
    """The app at ``path`` once its service worker controls the page: from the second load on,
    the page is cross-origin isolated."""
    page.goto(SITE_URL)
    wait_ready(page)
    assert page.evaluate("crossOriginIsolated") is False  # the first visit: no service worker yet
    page.evaluate(WAIT_FOR_CONTROL)
    page.goto(SITE_URL + path)
    wait_ready(page)
    assert page.evaluate("crossOriginIsolated") is True


def cell(page, number):
    cells = page.get_by_test_id("cell")
    while cells.count() < number:
        page.get_by_test_id("cell-add").click()
    return cells.nth(number - 1)


def run(page, number, code):
    """Run ``code`` in cell ``number`` and wait until it has ended; its output."""
    target = cell(page, number)
    target.get_by_test_id("cell-code").fill(code)
    target.get_by_test_id("cell-run").click()
    target.get_by_test_id("cell-count").filter(has_text="[*]").wait_for(state="detached",
                                                                         timeout=TIMEOUTS["pyodide"])
    return target.get_by_test_id("cell-output")


def stop(page, number, code):
    """Run ``code`` in cell ``number``, press Stop once it runs: its output once it has ended
    (within two seconds, as the README says Stop does)."""
    target = cell(page, number)
    target.get_by_test_id("cell-code").fill(code)
    target.get_by_test_id("cell-run").click()
    page.get_by_test_id("notebook-status").filter(has_text=f"Running cell {number}").wait_for()
    page.get_by_test_id("notebook-stop").click()
    target.get_by_test_id("cell-count").filter(has_text="[*]").wait_for(state="detached", timeout=2000)
    return target.get_by_test_id("cell-output").inner_text()


def test_stop_raises_keyboard_interrupt_in_any_cell_and_keeps_the_variables(isolating, sandbox):
    page = isolating.new_page()
    open_isolated(page)
    store_minted_token(page, sandbox, lifetime=3600)
    page.goto(SITE_URL + "?view=notebook")
    wait_ready(page)
    page.get_by_test_id("notebook-start").click()
    page.get_by_test_id("notebook-status").filter(has_text="is ready").wait_for(timeout=TIMEOUTS["pyodide"])
    run(page, 1, "x = 41")
    for code in ("while True:\n    pass",  # a loop of plain Python
                 "import time\nwhile True:\n    time.sleep(0.05)",  # a wait
                 "import asyncio\nawait asyncio.sleep(60)"):  # an await
        stopped = stop(page, 2, code)
        assert stopped.rstrip().endswith("KeyboardInterrupt"), stopped
        assert 'Cell [' in stopped and "reset" not in stopped and "asyncio" not in stopped.split("Cell [")[0]
    assert run(page, 3, "x + 1").inner_text() == "42"


def test_sign_in_by_redirect_and_the_tabs_channel_work_isolated(isolating, sandbox):
    page = isolating.new_page()
    open_isolated(page)
    sign_in(page)  # through Zoho's (the sandbox's) consent page and back
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    assert page.evaluate("crossOriginIsolated") is True
    assert page.get_by_test_id("error").is_hidden()
    # Another tab, isolated too, is signed in by this one over the tabs' channel.
    other = isolating.new_page()
    other.goto(SITE_URL)
    wait_ready(other)
    other.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    assert other.evaluate("crossOriginIsolated") is True
    assert session_token(other)["access_token"] == session_token(page)["access_token"]
    # And signed out by it.
    page.get_by_test_id("sign-out").click()
    other.get_by_test_id("sign-in").wait_for(timeout=2000)
    assert session_token(other) is None


def test_sign_in_and_renewal_in_a_pop_up_work_isolated(isolating, sandbox):
    page = isolating.new_page()
    open_isolated(page, "?view=console")
    sign_in_in_a_pop_up(isolating, page)
    assert "view=console" in page.url and page.evaluate("crossOriginIsolated") is True
    assert page.get_by_test_id("error").is_hidden() and page.get_by_test_id("notice").inner_text() == ""

    # The renewal, due in a few minutes, in the pop-up that closes itself; the page stays as it is.
    first = session_token(page)
    page.evaluate(STORE_TOKEN, dict(first, expires_at=time.time() + 280))
    with isolating.expect_page(timeout=TIMEOUTS["ready"]) as opened:
        page.reload()
        wait_ready(page)
        page.get_by_test_id("console-path").fill("/crm/v8/Deals")
    renewal = opened.value
    page.wait_for_function(
        "token => JSON.parse(sessionStorage.getItem('zoho.token') || '{}').access_token !== token",
        arg=first["access_token"], timeout=TIMEOUTS["ready"])
    if not renewal.is_closed():
        renewal.wait_for_event("close", timeout=TIMEOUTS["ready"])
    assert session_token(page)["expires_at"] > time.time() + 3000
    page.get_by_test_id("token-status").filter(has_text="Valid for").wait_for()
    assert page.get_by_test_id("console-path").input_value() == "/crm/v8/Deals"
    assert page.get_by_test_id("notice").inner_text() == "" and page.evaluate("crossOriginIsolated") is True
