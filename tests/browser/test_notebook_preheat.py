"""The notebook's Python started ahead (app/web/views/notebook_preheat.py): on a connection that
is not Save-Data, metered or slow, a signed-in workspace left open starts it without a click;
the notebook's checkbox turns that off, kept in localStorage. (The other browser tests run on an
emulated Save-Data connection, see conftest.py, so nothing starts ahead there.)"""

from playwright.sync_api import expect

from .harness import TIMEOUTS, wait_ready
from .steps import open_signed_in, open_view

FAST_CONNECTION = ("Object.defineProperty(Navigator.prototype, 'connection', "
                   "{configurable: true, get: () => ({saveData: false, effectiveType: '4g'})});")


def test_python_starts_ahead_in_an_open_workspace_and_a_run_finds_it_up(page, sandbox):
    page.add_init_script(FAST_CONNECTION)
    open_signed_in(page, sandbox)  # on the Records view: nobody asks for Python
    status = page.get_by_test_id("notebook-status")
    status.filter(has_text="is ready").wait_for(state="attached", timeout=TIMEOUTS["pyodide"] * 2)
    open_view(page, "notebook")
    page.get_by_test_id("cell-code").first.fill('print("up " + str(2 * 21))')
    page.get_by_test_id("cell-run").first.click()
    page.get_by_test_id("cell-output").first.filter(has_text="up 42").wait_for()
    assert page.get_by_test_id("notebook-start").is_disabled()


def test_the_setting_is_kept_and_starts_nothing_when_off(page, sandbox):
    page.add_init_script(FAST_CONNECTION)
    open_signed_in(page, sandbox, path="?view=notebook")
    box = page.get_by_test_id("notebook-preheat")
    expect(box).to_be_checked()
    box.uncheck()
    page.wait_for_function("localStorage.getItem('zoho.notebook.preheat') === 'off'")
    page.reload()
    wait_ready(page)
    expect(page.get_by_test_id("notebook-preheat")).not_to_be_checked()
