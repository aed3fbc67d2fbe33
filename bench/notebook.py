"""How long the notebook takes from Start to a cell's first output, cold and warm, next to a
bare PyScript + Pyodide page that imports the same packages (issue 13; issue 15's goal).

    .venv/bin/python -m bench.notebook [--runs N]

(default 5 runs, about 4 minutes on 2 cores; `python -m bench.startup --notebook` measures the
same within its own run.) Builds the site into a temp dir as bench/startup.py does (the same
ports, bench/harness.py's sandbox and GitHub-Pages-like server), adds a bare page, and drives headless
Chromium on loopback with a profile on disk (a persistent context: Chromium's
disk cache keeps Pyodide's 9.6 MB wasm, which the in-memory cache of an ordinary Playwright
context does not). Service workers are blocked, so both pages get only the HTTP cache.

- App: signed in (a token minted by the sandbox), on ?view=notebook, ready; then one click
  on Start and Run of the first cell, whose code is ``print("hello")``. Measured: from that
  click to the moment "hello" is in the cell's output (page clock).
- Bare page: ``core.js`` and ``<script type="py">`` with the same wheels in ``files`` of its
  config, inline in the page (``<py-config>``, as bench/startup.py's bare pages have theirs); its
  code imports pyodide_http and requests, patches, and prints "hello" into the page. Measured:
  from the navigation start to that moment. (It runs Pyodide on the main thread, the app in
  a worker; the bare page's time includes loading core.js, the app's does not.)

- App, Python started ahead (``preheated_once``, issue 23): signed in on the Records view and
  left open until the notebook's status says Python is ready (started ahead by the page when
  idle, app/web/views/notebook_preheat.py); then Notebook and Run of the first cell. Measured:
  from the click on Run to "hello" in its output, and how long after the ready mark Python was up.
  (In the cold and warm loads above the page is told not to start ahead.)

Cold: a new profile. Warm: a second tab of the same profile, within the server's max-age=600,
so it finds every file fresh in the disk cache and sends no request. Bytes: what the site
server sent (gzip where it compresses) with 200 between the click (or navigation) and the
output. The app's first tab is closed once its worker has stored the memory snapshot of Python
it makes after a full start (py/scratch/python.mjs; at most ``SNAPSHOT_WAIT_MS`` later): the
warm tab starts from it. Each load says how its Python started (``start``: "full" or "snapshot").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

from bench import report
from bench.harness import TIMEOUTS, Bench, launch, launch_with_profile
from bench.neighbours import add_bare_notebook_page
from bench.pages_server import ServerLog

# The ports of bench/startup.py, which measures the notebook within its own run too.
BENCH = Bench(site_port=8730, accounts_port=8731, api_port=8732, client_id="1000.BENCHNOTEBOOK")

# In the app: the moment "hello" is in the first cell's output, in the page's clock.
WATCH_OUTPUT = """
(startFirst) => {
  const output = document.querySelector('[data-testid="cell"] [data-testid="cell-output"]');
  new MutationObserver(() => {
    if (window.__outputAt === undefined && output.textContent.includes("hello")) {
      window.__outputAt = performance.now();
    }
  }).observe(output, {subtree: true, childList: true, characterData: true});
  window.__clickAt = performance.now();
  if (startFirst) document.querySelector('[data-testid="notebook-start"]').click();
  document.querySelector('[data-testid="cell"] [data-testid="cell-run"]').click();
}
"""
# The app's notebook not started ahead (app/web/views/notebook_preheat.py), for Start to be cold or warm.
NO_PREHEAT = "localStorage.setItem('zoho.notebook.preheat', 'off')"
PREHEAT_ON = "localStorage.removeItem('zoho.notebook.preheat')"
# How the worker's Python started (app/web/views/notebook_worker.py): "full" or "snapshot".
PYTHON_START = "document.querySelector('script[worker][data-python-start]')?.dataset.pythonStart"
# Whether the worker has stored its snapshot, as last looked at (wait_for_function does not await).
SNAPSHOT_KEPT = """() => {
  (async () => {
    const name = (await caches.keys()).find((name) => name.startsWith("zoho-notebook-python "));
    window.__snapshotKept = Boolean(name) && (await (await caches.open(name)).keys()).length > 0;
  })();
  return window.__snapshotKept === true;
}"""
SNAPSHOT_WAIT_MS = 30000
PYTHON_UP = "document.querySelector('[data-testid=\"notebook-status\"]').textContent.includes('is ready')"
GOAL_PREHEATED_MS = 1500  # issue 23: the first cell's output within 1.5 s of Run


def _bytes(served: list[tuple[str, int, int]]) -> tuple[int, int, list[str]]:
    """(bytes sent in the 200 answers, how many, the names of files served more than once)."""
    answers = [(urlsplit(path).path, sent) for path, status, sent in served if status == 200]
    paths = [path for path, _sent in answers]
    twice = sorted({Path(path).name for path in paths if paths.count(path) > 1})
    return sum(sent for _path, sent in answers), len(answers), twice


def _app_load(context, bench: Bench, log: ServerLog) -> dict:
    page = context.new_page()
    page.goto(bench.site_url + "?view=notebook")
    page.wait_for_function("document.documentElement.dataset.app === 'ready'", timeout=TIMEOUTS["ready"])
    page.locator('[data-testid="cell"]').first.wait_for()
    page.locator('[data-testid="cell-code"]').first.fill('print("hello")')
    mark = log.mark()
    page.evaluate(WATCH_OUTPUT, True)
    page.wait_for_function("window.__outputAt !== undefined", timeout=TIMEOUTS["pyodide"], polling=50)
    elapsed = page.evaluate("window.__outputAt - window.__clickAt")
    start = page.evaluate(PYTHON_START)
    page.wait_for_timeout(200)  # let the server log catch up
    size, count, twice = _bytes(log.since(mark, bench.site_port))
    try:
        page.wait_for_function(SNAPSHOT_KEPT, timeout=SNAPSHOT_WAIT_MS, polling=100)
    except PlaywrightTimeoutError:
        print("notebook: no snapshot stored after the load", file=sys.stderr, flush=True)
    page.close()
    return {"ms": elapsed, "bytes": size, "files": count, "twice": twice, "start": start}


def _bare_load(context, bench: Bench, log: ServerLog) -> dict:
    page = context.new_page()
    mark = log.mark()
    page.goto(bench.site_url + "bare-notebook.html", wait_until="commit")
    page.wait_for_function("window.__outputAt !== undefined", timeout=TIMEOUTS["pyodide"], polling=50)
    elapsed = page.evaluate("window.__outputAt")
    page.wait_for_timeout(200)
    size, count, twice = _bytes(log.since(mark, bench.site_port))
    page.close()
    return {"ms": elapsed, "bytes": size, "files": count, "twice": twice}


def measure(playwright, kind: str, bench: Bench, log: ServerLog, token_record: dict) -> dict:
    """One cold and one warm load of ``kind`` ("app" or "bare") in a new profile."""
    with tempfile.TemporaryDirectory(prefix="bench-notebook-profile-") as profile:
        context = launch_with_profile(playwright, profile, service_workers="block")
        context.set_default_timeout(TIMEOUTS["action"])
        if kind == "app":
            bench.store_token_at_start(context, token_record)
            context.add_init_script(NO_PREHEAT)
        load = _app_load if kind == "app" else _bare_load
        result = {"cold": load(context, bench, log), "warm": load(context, bench, log)}
        context.close()
    return result


def measure_runs(playwright, bench: Bench, log: ServerLog, token_record: dict, runs: int) -> dict[str, list[dict]]:
    """``runs`` cold-and-warm pairs of each page, alternating which goes first."""
    results = {"app": [], "bare": []}
    for run in range(runs):
        for kind in (("app", "bare") if run % 2 == 0 else ("bare", "app")):
            results[kind].append(measure(playwright, kind, bench, log, token_record))
        print(f"notebook run {run + 1}/{runs} done", file=sys.stderr, flush=True)
    return results


def preheated_once(playwright, bench: Bench, token_record: dict) -> dict:
    """The app signed in on its Records view, left open until its Python is up (started ahead,
    on its own); then Notebook and Run of the first cell: from the click to its output (ms), and
    how long after the ready mark Python was up (``up``, ms)."""
    with tempfile.TemporaryDirectory(prefix="bench-notebook-profile-") as profile:
        context = launch_with_profile(playwright, profile, service_workers="block")
        context.set_default_timeout(TIMEOUTS["action"])
        bench.store_token_at_start(context, token_record)
        context.add_init_script(PREHEAT_ON)
        page = context.new_page()
        page.goto(bench.site_url)
        page.wait_for_function("document.documentElement.dataset.app === 'ready'", timeout=TIMEOUTS["ready"])
        ready_at = page.evaluate("performance.now()")
        page.wait_for_function(PYTHON_UP, timeout=TIMEOUTS["pyodide"] * 2, polling=100)
        up = page.evaluate("performance.now()") - ready_at
        page.get_by_test_id("nav-notebook").click()
        page.locator('[data-testid="cell-code"]').first.fill('print("hello")')
        page.evaluate(WATCH_OUTPUT, False)
        page.wait_for_function("window.__outputAt !== undefined", timeout=TIMEOUTS["pyodide"], polling=50)
        elapsed = page.evaluate("window.__outputAt - window.__clickAt")
        context.close()
    return {"ms": elapsed, "up": up}


def summarize(results: dict[str, list[dict]]) -> dict[str, dict]:
    """Per page: the medians of cold and warm, and the last cold load's bytes and files."""
    return {kind: {"cold": statistics.median(run["cold"]["ms"] for run in runs),
                   "warm": statistics.median(run["warm"]["ms"] for run in runs),
                   "bytes": runs[-1]["cold"]["bytes"], "files": runs[-1]["cold"]["files"]}
            for kind, runs in results.items()}


def figures(results: dict[str, list[dict]], preheated: list[dict]) -> list[dict]:
    """The figures of issue 23 (warm / cold, Run after Python started ahead) and issue 15's cold
    ratio, as the one bench command lists them: name, value, goal, met, spread, note."""
    med = summarize(results)
    app_warm = [run["warm"]["ms"] / run["cold"]["ms"] for run in results["app"]]
    cold_ratio = med["app"]["cold"] / med["bare"]["cold"]
    rows = [
        {"name": "notebook (loopback): Start → first output, warm / cold", "value": round(med["app"]["warm"] / med["app"]["cold"], 2),
         "goal": "≤ 0.5", "met": med["app"]["warm"] / med["app"]["cold"] <= 0.5,
         "spread": f"{min(app_warm):.2f}–{max(app_warm):.2f}",
         "note": f"cold {report.figure([run['cold']['ms'] for run in results['app']])}, "
                 f"warm {report.figure([run['warm']['ms'] for run in results['app']])} "
                 f"(Python from its snapshot in {sum(run['warm'].get('start') == 'snapshot' for run in results['app'])} "
                 f"of {len(results['app'])} warm loads)"},
        {"name": "notebook (loopback): cold / bare PyScript + Pyodide page, cold", "value": round(cold_ratio, 2),
         "goal": "reported (issue 15: ≤ 1.0)", "met": None, "spread": "–",
         "note": f"bare page cold {report.figure([run['cold']['ms'] for run in results['bare']])}"},
    ]
    if preheated:
        ms = [run["ms"] for run in preheated]
        rows.append({"name": "notebook (loopback): Run → first output, Python started ahead",
                     "value": round(report.median(ms)), "goal": f"≤ {GOAL_PREHEATED_MS:,} ms",
                     "met": report.median(ms) <= GOAL_PREHEATED_MS, "spread": report.figure(ms),
                     "note": f"Python up {report.figure([run['up'] / 1000 for run in preheated], 's', 1)} "
                             "after the ready mark"})
    return rows


def notebook_report(results: dict[str, list[dict]], runs: int, machine: str) -> str:
    lines = [f"### Notebook: Start to a cell's first output (headless Chromium, loopback, profile on disk, "
             f"medians of {runs} runs)", "",
             "| page | cold | warm | warm / cold | bytes sent, cold (files) | bytes sent, warm |",
             "|---|---|---|---|---|---|"]
    med = summarize(results)
    for kind, label in (("app", "app: Start + Run of `print(\"hello\")` → output"),
                        ("bare", "bare PyScript + Pyodide, same wheels imported → output")):
        cold = [run["cold"]["ms"] for run in results[kind]]
        warm = [run["warm"]["ms"] for run in results[kind]]
        last = results[kind][-1]
        lines.append(f"| {label} | {report.figure(cold)} | {report.figure(warm)} "
                     f"| {med[kind]['warm'] / med[kind]['cold']:.2f} "
                     f"| {report.size(last['cold']['bytes'])} ({last['cold']['files']}) "
                     f"| {report.size(last['warm']['bytes'])} ({last['warm']['files']}) |")
    lines.append("")
    lines.append(f"App / bare: cold {med['app']['cold'] / med['bare']['cold']:.2f}, "
                 f"warm {med['app']['warm'] / med['bare']['warm']:.2f}.")
    per_run = [run["warm"]["ms"] / run["cold"]["ms"] for run in results["app"]]
    lines.append(f"App warm / cold, run by run: {', '.join(f'{ratio:.2f}' for ratio in per_run)}.")
    starts = {load: [run[load].get("start") for run in results["app"]] for load in ("cold", "warm")}
    lines.append(f"How the app's Python started: cold {', '.join(map(str, starts['cold']))}; warm {', '.join(map(str, starts['warm']))}.")
    twice = sorted({name for kind in results for run in results[kind] for load in run.values() for name in load["twice"]})
    lines.append("Files served twice within one load: " + (", ".join(twice) if twice else "none") + ".")
    lines.append("")
    lines.append(f"Measured {report.now()} {machine}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per page (default: %(default)s)")
    args = parser.parse_args()
    load_before = report.warn_if_busy()
    log = ServerLog()
    with BENCH.served(log, add_bare_notebook_page), sync_playwright() as playwright:
        browser = launch(playwright)
        machine = report.machine(browser, "loopback, no emulation")
        browser.close()
        results = measure_runs(playwright, BENCH, log, BENCH.token_record(), args.runs)
    print(notebook_report(results, args.runs, machine))
    print("\n".join(report.load_lines(load_before)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
