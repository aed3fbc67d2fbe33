"""A repeat load of the signed-in workspace paints the tab's snapshot of it before Python runs
(static/first-script.js, app/zoho/snapshot.py), marked as not live, and the live page replaces
it; a corrupt snapshot is ignored, a foreign one shows only as text, and sign-out removes it."""

import json

from .harness import wait_ready
from .steps import open_signed_in, record_rows

# Before the page's own scripts: each change of the page's marks, in order, with what the
# page showed at that moment (the snapshot's paint happens in one go, before Python runs).
WATCH_MARKS = """
(() => {
  window.__marks = [];
  const seen = {paint: null, app: null};
  new MutationObserver(() => {
    const root = document.documentElement;
    if (!root) return;
    for (const name of ["paint", "app"]) {
      const value = root.dataset[name] ?? null;
      if (value === seen[name]) continue;
      seen[name] = value;
      const main = document.querySelector("main");
      window.__marks.push({
        mark: name + "=" + value,
        user: document.querySelector('[data-testid="current-user"]')?.textContent ?? null,
        rows: [...document.querySelectorAll('[data-testid="records"] tbody tr')].map(r => r.textContent),
        inert: main ? main.inert : null,
        images: document.querySelectorAll("header img, main img").length,
      });
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-paint", "data-app"]});
})();
"""


def reload_watched(page):
    """Reload ``page``; the changes of its marks until ready (the HTML's own data-app="loading" left out)."""
    page.add_init_script(WATCH_MARKS)
    page.reload()
    wait_ready(page)
    return [mark for mark in page.evaluate("window.__marks") if mark["mark"] != "app=loading"]


def test_a_repeat_load_paints_the_snapshot_before_python_and_the_live_page_replaces_it(page, sandbox):
    open_signed_in(page, sandbox, path="?view=records&module=Leads")
    record_rows(page).first.wait_for()
    rows = record_rows(page).all_text_contents()
    token = json.loads(page.evaluate("sessionStorage.getItem('zoho.token')"))["access_token"]
    marks = reload_watched(page)
    assert [mark["mark"] for mark in marks] == ["paint=cache", "paint=null", "app=ready"]
    painted, taken_over = marks[0], marks[1]
    assert painted["user"].startswith("Ada") and painted["inert"] is True
    assert painted["rows"] == rows
    # Python took over: nothing of the snapshot is left, the page is live and fills itself.
    assert taken_over["inert"] is False and taken_over["rows"] == []
    assert page.evaluate("document.querySelectorAll('[data-snapshot], [data-snapshot-shown], "
                         "[data-snapshot-inert], [data-snapshot-current]').length") == 0
    record_rows(page).first.wait_for()
    assert record_rows(page).all_text_contents() == rows
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    kept = page.evaluate("sessionStorage.getItem('zoho.paint')")
    assert kept is not None and token not in kept


# Before the page's own scripts: in the first animation frame that shows the snapshot (the
# browser renders it right after its requestAnimationFrame callbacks), whether PyScript's core
# had run already (its first statements register a symbol on globalThis).
WATCH_FIRST_FRAME = """
(() => {
  const pyscript = Symbol.for("polyscript.js_modules");
  const onFrame = () => {
    if (document.documentElement?.dataset.paint === "cache") {
      window.__snapshotFrame = {pyscriptRan: pyscript in globalThis};
    } else if (document.documentElement?.dataset.app !== "ready") {
      requestAnimationFrame(onFrame);
    }
  };
  requestAnimationFrame(onFrame);
})();
"""


def test_the_snapshot_gets_a_frame_before_pyscript_runs(page, sandbox):
    """Evaluating PyScript's modules holds the main thread for tens of milliseconds: a painted
    snapshot is rendered first (static/python-archive.js waits a frame before it imports core.js).
    Without that wait, the browser runs the page's module scripts before its first frame whenever
    they are ready as the HTML ends (here, from the memory cache, in some reloads, not all: hence
    a few reloads, each of which must hold)."""
    open_signed_in(page, sandbox, path="?view=records&module=Leads")
    record_rows(page).first.wait_for()
    page.add_init_script(WATCH_FIRST_FRAME)
    for _ in range(3):
        page.reload()
        wait_ready(page)
        assert page.evaluate("window.__snapshotFrame") == {"pyscriptRan": False}
        assert page.evaluate("Symbol.for('polyscript.js_modules') in globalThis")  # the observable holds


def test_a_corrupt_snapshot_is_ignored_and_removed(page, sandbox):
    open_signed_in(page, sandbox)
    page.add_init_script("sessionStorage.setItem('zoho.paint', '{\"v\": 1, \"view\": \"records\"')")
    marks = reload_watched(page)
    assert [mark["mark"] for mark in marks] == ["app=ready"]
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()


def test_a_foreign_snapshot_is_painted_only_as_text(page, sandbox):
    open_signed_in(page, sandbox, path="?view=console")
    markup = '<img src="x" onerror="window.__ran = 1">'
    snapshot = {"v": 1, "view": "console", "search": "?view=console",
                "header": {"user": markup, "org": "\U0001F642" * 200, "dc": ""},  # 200 characters, as the core counts
                "modules": [], "title": "", "head": [], "rows": []}
    page.add_init_script(f"sessionStorage.setItem('zoho.paint', {json.dumps(json.dumps(snapshot))})")
    marks = reload_watched(page)
    assert marks[0]["mark"] == "paint=cache" and marks[0]["user"] == markup and marks[0]["images"] == 0
    assert page.evaluate("window.__ran") is None


def test_sign_out_removes_the_snapshot(page, sandbox):
    open_signed_in(page, sandbox, path="?view=console")
    page.reload()
    wait_ready(page)
    assert page.evaluate("sessionStorage.getItem('zoho.paint')") is not None
    page.get_by_test_id("sign-out").click()
    page.get_by_test_id("sign-in").wait_for()
    page.wait_for_function("sessionStorage.getItem('zoho.paint') === null")


def test_the_signed_out_first_screen_fetches_no_views_and_a_sign_in_brings_them(page, sandbox):
    """The views' code is a second archive (sitebuild/packing.py): not fetched for the signed-out
    first screen, fetched once for the page signed in (as it starts) and used there."""
    from .steps import open_module, open_view, sign_in
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    sign_in(page)
    consent = next(at for at, url in enumerate(asked) if "/oauth/v2/auth" in url)
    views = [at for at, url in enumerate(asked) if url.endswith("/py/views.tar.gz")]
    assert any(url.endswith("/py/app.tar.gz") for url in asked[:consent])
    assert len(views) == 1 and views[0] > consent  # only for the page signed in
    # The signed-in page asks for it as it starts, before Python runs (its files are written then).
    views_asked, python_files = page.evaluate("""[
        performance.getEntriesByType("resource").find((entry) => entry.name.endsWith("/py/views.tar.gz")).startTime,
        performance.getEntriesByName("python-archive: files written")[0].startTime]""")
    assert views_asked < python_files
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    open_module(page, "Leads")  # the views work
    record_rows(page).first.wait_for()
    open_view(page, "query")
