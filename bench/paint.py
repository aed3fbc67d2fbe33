"""The signed-in workspace painted from the tab's snapshot before Python runs (issue 23), on a
repeat load over Slow 4G, next to the plain JavaScript page's repeat load.

    .venv/bin/python -m bench.paint [--runs 3]

Each run: a new browser context (service workers allowed), a stored token, the app opened on
``?view=records&module=Leads`` over the emulated network, ready and its records shown, its
service worker active; then the tab leaves for about:blank (the page's pagehide keeps the
snapshot) and comes back to the same address, a normal navigation within max-age=600, so no
request is sent for the page: the repeat load. Measured in the page's clock from its navigation
start: the first frame in which the snapshot is painted (``data-paint="cache"`` on the root,
checked in each requestAnimationFrame callback; the first contentful paint when that is later)
and the ready mark with the records table live again. The plain page: bench/neighbours.py's callback page, opened cold and then again in the
same tab the same way. Ratio: painted / plain page ready, goal ≤ 1.2. The plain page's own first
contentful paint is reported beside it: its ready mark is set by a script in its head, before the
browser draws anything.
"""

from __future__ import annotations

import argparse
import sys

from playwright.sync_api import sync_playwright

from bench import report
from bench.harness import TIMEOUTS, Bench, launch
from bench.neighbours import add_reference_pages, plain_callback_path
from bench.startup import NETWORKS, WATCH_READY, emulate

BENCH = Bench(site_port=8760, accounts_port=8761, api_port=8762, client_id="1000.BENCHPAINT")
GOAL = 1.2
SERVICE_WORKER_WAIT_MS = 30000

# The first frame in which the snapshot is shown: the first requestAnimationFrame callback that
# finds it (they run just before a frame is drawn), or the first contentful paint when that came
# later (a frame the browser held back: it draws none until the page's module scripts have run).
WATCH_PAINT = """
(() => {
  const onFrame = () => {
    if (document.documentElement && document.documentElement.dataset.paint === "cache") {
      window.__snapshotFrameAt = performance.now();
    } else if (window.__readyAt === undefined) {
      requestAnimationFrame(onFrame);
    }
  };
  requestAnimationFrame(onFrame);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === "first-contentful-paint") window.__fcpAt = entry.startTime;
    }
  }).observe({type: "paint", buffered: true});
})();
"""

ROWS_SHOWN = "document.querySelectorAll('[data-testid=\"records\"] tbody tr').length > 0"


def _visit(page, url: str, waits: str) -> dict:
    # Nothing is asked of the page before its load event: Playwright's first evaluation in a page
    # sets up its own scripts there, 15-30 ms of the main thread, which fell in the page's parsing
    # and delayed the painted snapshot (the plain page's ready mark came before it).
    page.goto(url, wait_until="load", timeout=TIMEOUTS["ready"] * 3)
    page.wait_for_function(waits, timeout=TIMEOUTS["ready"] * 3, polling=50)
    page.wait_for_function("window.__fcpAt !== undefined", timeout=TIMEOUTS["action"], polling=50)
    return page.evaluate("""({ready: window.__readyAt, fcp: window.__fcpAt, paint: window.__snapshotFrameAt === undefined
        ? null : Math.max(window.__snapshotFrameAt, window.__fcpAt)})""")


def measure_once(browser, bench: Bench, token_record: dict, network_key: str = "slow4g") -> dict:
    """One run: the app's repeat load (painted from its snapshot, ready) and the plain page's."""
    network = NETWORKS[network_key]
    out = {}
    context = browser.new_context()
    context.set_default_timeout(TIMEOUTS["action"])
    context.add_init_script(WATCH_READY)
    context.add_init_script(WATCH_PAINT)
    bench.store_token_at_start(context, token_record)
    page = context.new_page()
    emulate(context, page, network)
    url = bench.site_url + "?view=records&module=Leads"
    _visit(page, url, f"window.__readyAt !== undefined && {ROWS_SHOWN}")
    page.evaluate("""(wait) => Promise.race([navigator.serviceWorker.ready,
        new Promise((resolve) => setTimeout(resolve, wait))])""", SERVICE_WORKER_WAIT_MS)
    page.goto("about:blank")
    repeat = _visit(page, url, f"window.__readyAt !== undefined && {ROWS_SHOWN}")
    out["painted"], out["ready"] = repeat["paint"], repeat["ready"]
    context.close()
    context = browser.new_context()
    context.add_init_script(WATCH_READY)
    context.add_init_script(WATCH_PAINT)
    page = context.new_page()
    emulate(context, page, network)
    plain = bench.site_url + plain_callback_path(bench.api_origin)
    _visit(page, plain, "window.__readyAt !== undefined")
    page.goto("about:blank")
    plain_repeat = _visit(page, plain, "window.__readyAt !== undefined")
    out["plain"], out["plain_fcp"] = plain_repeat["ready"], plain_repeat["fcp"]
    context.close()
    return out


def figures(runs: list[dict]) -> list[dict]:
    """The bench's figures (the shape of bench/export.py's ``measure``)."""
    painted = [run["painted"] for run in runs if run["painted"] is not None]
    plain = [run["plain"] for run in runs]
    ratios = [run["painted"] / run["plain"] for run in runs if run["painted"] is not None]
    missing = len(runs) - len(painted)
    ratio = report.median(painted) / report.median(plain) if painted else None
    return [
        {"name": "Slow 4G repeat load, signed in: workspace painted from cache / plain JS page's repeat ready",
         "value": None if ratio is None else round(ratio, 2), "goal": f"≤ {GOAL}",
         "met": ratio is not None and ratio <= GOAL,
         "spread": f"{min(ratios):.2f}–{max(ratios):.2f}" if ratios else "–",
         "note": (f"painted {report.figure(painted)}, plain page {report.figure(plain)}"
                  + (f"; not painted in {missing} of {len(runs)} runs" if missing else ""))},
        {"name": "Slow 4G repeat load: the plain JS page's first contentful paint (its text drawn)",
         "value": round(report.median([run["plain_fcp"] for run in runs])), "goal": "reported", "met": None,
         "spread": report.figure([run["plain_fcp"] for run in runs]),
         "note": "ms from the navigation start; its ready mark is a script's, before any frame"},
        {"name": "Slow 4G repeat load, signed in: ready (Python up, the snapshot replaced)",
         "value": round(report.median([run["ready"] for run in runs])), "goal": "reported", "met": None,
         "spread": report.figure([run["ready"] for run in runs]), "note": "ms from the navigation start"},
    ]


def measure(runs: int = 3, browser=None, bench: Bench = BENCH) -> list[dict]:
    """``runs`` runs on Slow 4G; with ``browser`` given, the site must already be served by ``bench``."""
    if browser is not None:
        return figures([measure_once(browser, bench, bench.token_record()) for _ in range(runs)])
    with bench.served(None, add_reference_pages), sync_playwright() as playwright:
        browser = launch(playwright)
        results = [measure_once(browser, bench, bench.token_record()) for _ in range(runs)]
        browser.close()
    return figures(results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    load_before = report.warn_if_busy()
    rows = measure(args.runs)
    print(report.figure_table(rows))
    print("\n".join(report.load_lines(load_before)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
