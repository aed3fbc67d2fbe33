"""The notebook's Python started from Pyodide's memory snapshot (py/scratch/python.mjs): the first
start makes one, a second tab of the same browser starts from it and runs a cell; a snapshot that
is damaged in storage, or that Pyodide refuses, gives a full start, and the cell runs all the same;
where the page is cross-origin isolated, Stop in Python started from it keeps the namespace."""

import pytest

from .harness import SITE_URL, TIMEOUTS, wait_ready
from .steps import open_signed_in, store_minted_token

CELL = ("import time, requests\n"
        "time.sleep(0.2)\n"
        "print('hello from', type(zoho).__name__, requests.__version__)")

# Whether the snapshot is stored (Cache Storage, one entry in the site's cache for it), as last
# looked at: Playwright's wait_for_function does not await a promise, so each poll looks again and
# answers what the look before found.
SNAPSHOT_KEPT = """() => {
  (async () => {
    const name = (await caches.keys()).find((name) => name.startsWith("zoho-notebook-python "));
    window.snapshotKept = Boolean(name) && (await (await caches.open(name)).keys()).length === 1;
  })();
  return window.snapshotKept === true;
}"""
# Its bytes replaced by `how`: "damaged" (bits flipped, its SHA-256 header kept: refused before
# Pyodide sees it) or "refused" (other bytes with a matching SHA-256: Pyodide itself refuses them).
SPOIL_SNAPSHOT = """async (how) => {
  const name = (await caches.keys()).find((name) => name.startsWith("zoho-notebook-python "));
  const cache = await caches.open(name);
  const [request] = await cache.keys();
  const kept = await cache.match(request);
  const bytes = new Uint8Array(await kept.arrayBuffer());
  for (let index = 0; index < bytes.length; index += 4096) {
    bytes[index] ^= 0xff;
  }
  const headers = new Headers(kept.headers);
  if (how === "refused") {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    headers.set("X-Snapshot-SHA256", Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join(""));
  }
  await cache.put(request, new Response(bytes, {headers}));
}"""


def run_first_cell(page, sandbox):
    """Signed in on the notebook, CELL run in the first cell (Python started by the run): its output
    and how Python started ("full" or "snapshot")."""
    open_signed_in(page, sandbox, path="?view=notebook")
    page.locator('[data-testid="cell"] [data-testid="cell-code"]').first.fill(CELL)
    page.locator('[data-testid="cell"] [data-testid="cell-run"]').first.click()
    output = page.locator('[data-testid="cell"] [data-testid="cell-output"]').first
    output.filter(has_text="hello from Zoho").wait_for(timeout=TIMEOUTS["pyodide"])
    started = page.locator("script[worker][data-python-start]")
    return output.inner_text(), started.get_attribute("data-python-start")


def wait_for_the_snapshot(page):
    page.wait_for_function(SNAPSHOT_KEPT, timeout=TIMEOUTS["pyodide"], polling=100)


def test_a_second_tab_starts_python_from_the_snapshot_and_runs_a_cell(context, page, sandbox):
    first, started = run_first_cell(page, sandbox)
    assert started == "full"
    wait_for_the_snapshot(page)
    second, started = run_first_cell(context.new_page(), sandbox)
    assert started == "snapshot"
    assert second == first


@pytest.mark.parametrize("how", ["damaged", "refused"])
def test_a_spoilt_snapshot_gives_a_full_start_and_the_cell_runs(context, page, sandbox, how):
    run_first_cell(page, sandbox)
    wait_for_the_snapshot(page)
    page.evaluate(SPOIL_SNAPSHOT, how)
    second = context.new_page()
    output, started = run_first_cell(second, sandbox)
    assert started == "full"
    assert output.startswith("hello from Zoho")
    assert not context.recorded.console_errors


WAIT_FOR_CONTROL = """() => navigator.serviceWorker.controller !== null || new Promise(
    (resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, {once: true}))"""


def start_isolated_python(page):
    """Python started in the notebook of an isolated page: how it started."""
    page.goto(SITE_URL + "?view=notebook")
    wait_ready(page)
    assert page.evaluate("crossOriginIsolated") is True
    page.get_by_test_id("notebook-start").click()
    page.get_by_test_id("notebook-status").filter(has_text="is ready").wait_for(timeout=TIMEOUTS["pyodide"])
    return page.locator("script[worker][data-python-start]").get_attribute("data-python-start")


def test_stop_keeps_the_namespace_of_python_started_from_the_snapshot_where_isolated(isolating, sandbox):
    first = isolating.new_page()
    first.goto(SITE_URL)
    wait_ready(first)
    first.evaluate(WAIT_FOR_CONTROL)
    store_minted_token(first, sandbox, lifetime=3600)
    assert start_isolated_python(first) == "full"
    wait_for_the_snapshot(first)
    page = isolating.new_page()  # signed in by the first tab, over the tabs' channel
    assert start_isolated_python(page) == "snapshot"
    cell = page.locator('[data-testid="cell"]').first
    cell.get_by_test_id("cell-code").fill("import requests\nx = 41\n"
                                          "print(requests.get(zoho.url('/crm/v8/org'), headers=zoho.headers).status_code)")
    cell.get_by_test_id("cell-run").click()
    cell.get_by_test_id("cell-output").filter(has_text="200").wait_for(timeout=TIMEOUTS["pyodide"])
    cell.get_by_test_id("cell-code").fill("while True:\n    pass")
    cell.get_by_test_id("cell-run").click()
    page.get_by_test_id("notebook-status").filter(has_text="Running cell 1").wait_for()
    page.get_by_test_id("notebook-stop").click()
    cell.get_by_test_id("cell-output").filter(has_text="KeyboardInterrupt").wait_for(timeout=2000)
    cell.get_by_test_id("cell-code").fill("print(x + 1)")
    cell.get_by_test_id("cell-run").click()
    cell.get_by_test_id("cell-output").filter(has_text="42").wait_for(timeout=TIMEOUTS["pyodide"])
