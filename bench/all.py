"""Every figure of issue 23 beside its goal, in one command (about 10 minutes on 2 cores):

    .venv/bin/python -m bench [--quick]        (the same as: python -m bench.all)

One site build, served as GitHub Pages serves it, with the local sandbox, measured in turn by:
Lighthouse on the signed-out first screen (bench/lighthouse.py, 5 runs); the start-up loads of
bench/startup.py on loopback and Slow 4G beside the bare PyScript + MicroPython page and the plain
JavaScript page, cold and as a repeat visit (3 runs); the workspace painted from the tab's
snapshot on a Slow 4G repeat load (bench/paint.py, 3 runs); the notebook cold, warm and Run after
Python was started ahead (bench/notebook.py, 3 runs; the bare Pyodide page beside it); then the
export of 10,000 records over a 150 ms round trip (bench/export.py's ``measure``, its own site).
``--quick``: 1 run each (Lighthouse 2): a smoke run, not figures to quote. Prints one table
(median, spread, goal, met, note), the machine, and its load before and after: the spreads widen
when other work competes for the 2 cores.
"""

from __future__ import annotations

import argparse
import sys
import time

from playwright.sync_api import sync_playwright

from bench import export, lighthouse, notebook, paint, report
from bench.harness import launch
from bench.neighbours import add_bare_notebook_page, add_reference_pages
from bench.pages_server import ServerLog
from bench.startup import BENCH, NETWORKS, VARIANTS, Results, measure

GOALS = {"loopback_cold": 1.0, "slow4g_cold": 0.7, "slow4g_repeat": 0.15}
STARTUP_VARIANTS = ("plain-js", "bare-mpy", "app-out", "app-in")


def _ratio_row(name: str, results: Results, network: str, top: tuple[str, str], bottom: tuple[str, str],
               goal: float) -> dict:
    """The ratio of two medians (variant, kind) on ``network``, with each run's ratio as the spread."""
    def values(variant, kind):
        return results.values(network, variant, kind)

    tops, bottoms = values(*top), values(*bottom)
    ratio = report.median(tops) / report.median(bottoms)
    per_run = [a / b for a, b in zip(tops, bottoms)]
    return {"name": name, "value": round(ratio, 2), "goal": f"≤ {goal}", "met": ratio <= goal,
            "spread": f"{min(per_run):.2f}–{max(per_run):.2f}",
            "note": f"{report.figure(tops)} / {report.figure(bottoms)}"}


def startup_figures(results: Results) -> list[dict]:
    return [
        _ratio_row("loopback, cold: app ready (signed out) / bare PyScript + MicroPython ready", results,
                   "loopback", ("app-out", "cold"), ("bare-mpy", "cold"), GOALS["loopback_cold"]),
        _ratio_row("Slow 4G, cold: app ready (signed out) / bare PyScript + MicroPython ready", results,
                   "slow4g", ("app-out", "cold"), ("bare-mpy", "cold"), GOALS["slow4g_cold"]),
        _ratio_row("Slow 4G: repeat visit / cold, app signed out", results,
                   "slow4g", ("app-out", "repeat"), ("app-out", "cold"), GOALS["slow4g_repeat"]),
        _ratio_row("Slow 4G: repeat visit / cold, app signed in (a new tab: no snapshot)", results,
                   "slow4g", ("app-in", "repeat"), ("app-in", "cold"), GOALS["slow4g_repeat"]),
    ]


def lighthouse_figures(results: list[dict]) -> list[dict]:
    rows = []
    for key, what, unit, goal, met in lighthouse.FIGURES:
        values = [result[key] for result in results]
        middle = report.median(values)
        digits = 2 if unit == "s" else 3 if key == "cls" else 0
        rows.append({"name": f"Lighthouse mobile, first screen: {what}",
                     "value": round(middle, digits) if digits else round(middle),
                     "goal": goal, "met": None if met is None else met(middle),
                     "spread": f"{min(values):,.{digits}f}–{max(values):,.{digits}f} {unit}".rstrip(),
                     "note": ""})
    failed = sorted({audit for result in results for audit in result["failed"]})
    rows[-1]["note"] = f"audits failed in any run: {', '.join(failed) or 'none'}"
    return rows


def export_figures(quick: bool) -> list[dict]:
    measure_export = getattr(export, "measure", None)
    if measure_export is None:  # bench/export.py of a tree without it
        return [{"name": "export of 10,000 records", "value": None, "goal": "≤ 0.3 × one by one", "met": None,
                 "spread": "–", "note": "bench/export.py has no measure() in this tree"}]
    return measure_export(quick=quick)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run of each (Lighthouse: 2), to try the command")
    args = parser.parse_args()
    runs = 1 if args.quick else 3
    lighthouse.ensure_installed()
    load_before = report.warn_if_busy()
    started = time.monotonic()

    def done(what: str) -> None:
        print(f"{what} done ({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)

    def add_pages(site):
        add_reference_pages(site)
        add_bare_notebook_page(site)

    rows = []
    log = ServerLog()
    with BENCH.served(log, add_pages), sync_playwright() as playwright:
        rows += lighthouse_figures(lighthouse.measure(BENCH.site_url, 2 if args.quick else 5))
        done("lighthouse")
        browser = launch(playwright)
        machine = report.machine(browser, "; ".join(NETWORKS[key].label for key in ("slow4g", "loopback")))
        token_record = BENCH.token_record()
        networks = [NETWORKS["slow4g"], NETWORKS["loopback"]]
        pairs = [(network, variant) for network in networks for variant in VARIANTS if variant.key in STARTUP_VARIANTS]
        results = Results(networks, pairs)
        for run in range(runs):
            for network, variant in pairs[run % len(pairs):] + pairs[:run % len(pairs)]:
                results.loads[(network.key, variant.key)].append(measure(browser, variant, network, log, token_record))
        rows += startup_figures(results)
        done("start-up")
        rows += paint.measure(runs, browser, BENCH)
        done("paint from cache")
        browser.close()
        notebook_results = notebook.measure_runs(playwright, BENCH, log, token_record, runs)
        preheated = [notebook.preheated_once(playwright, BENCH, token_record) for _ in range(runs)]
        rows += notebook.figures(notebook_results, preheated)
        done("notebook")
    rows += export_figures(args.quick)
    done("export")
    print(f"### Issue 23, every figure beside its goal ({'quick: 1 run each' if args.quick else 'medians'})\n")
    print(report.figure_table(rows))
    print(f"\nMeasured {report.now()} {machine} Took {time.monotonic() - started:.0f} s.")
    print("\n".join(report.load_lines(load_before)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
