"""What blocks the main thread while the signed-out first screen starts (issue 23's Total Blocking
Time): the Long Tasks API in the page, with Chromium's CPU slowed as Lighthouse's mobile preset
assumes (4×), and a CPU profile of one load to say whose code each long task runs.

    .venv/bin/python -m bench.longtasks [--runs 5] [--cpu 4] [--profile]

Each run is a cold load (a new context) of the app signed out, on loopback, the site served as
GitHub Pages serves it. The blocking time is Lighthouse's definition applied to the tasks the page
observed: the sum of (duration − 50 ms) of the long tasks that start after the first contentful
paint (up to the ready mark and one second after it). Lighthouse's own TBT comes from a simulation
of the same trace (bench/lighthouse.py); this one is quicker to repeat and shows each task.
"""

from __future__ import annotations

import argparse
import collections
import sys

from playwright.sync_api import sync_playwright

from bench import report
from bench.harness import Bench, launch

BENCH = Bench(site_port=8755, accounts_port=8756, api_port=8757, client_id="1000.BENCHLONGTASKS")

OBSERVE = """
(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
  }).observe({type: "longtask", buffered: true});
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === "first-contentful-paint") window.__fcpAt = entry.startTime;
    }
  }).observe({type: "paint", buffered: true});
})();
"""

# Frames of the runtime's plumbing, skipped when naming what a long task runs.
PLUMBING = ("(root)", "wasm-function", "js-to-wasm", "wasm-to-js", "invoke_", "ccall", "(anonymous)")


def load_once(browser, cpu: float, profile: bool) -> dict:
    context = browser.new_context()
    context.add_init_script(OBSERVE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    if profile:
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 500})
        cdp.send("Profiler.start")
    page.goto(BENCH.site_url)
    page.wait_for_function("document.documentElement.dataset.app === 'ready'", timeout=120000)
    page.wait_for_timeout(1000)
    tasks, fcp, unpack = page.evaluate("""[window.__longTasks, window.__fcpAt,
        performance.getEntriesByName("python-archive: files written").map(e => e.duration)[0] ?? null]""")
    out = {"tasks": tasks, "fcp": fcp, "tbt": sum(max(0.0, d - 50) for start, d in tasks if start >= fcp),
           "unpack": unpack}
    if profile:
        out["profile"] = cdp.send("Profiler.stop")["profile"]
    context.close()
    return out


def busy_stretches(profile: dict, longer_than_ms: float = 50) -> list[tuple[float, float, collections.Counter]]:
    """The profile's stretches without an idle sample longer than ``longer_than_ms``: (start ms from
    the profile's start, duration ms, ms by the first three named frames of each sample's stack)."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    parents = {child: node["id"] for node in profile["nodes"] for child in node.get("children", [])}

    def named_stack(node_id) -> str:
        frames = []
        while node_id in nodes:
            frame = nodes[node_id]["callFrame"]
            name = frame["functionName"] or "(anonymous)"
            if not name.startswith(PLUMBING):
                frames.append(f"{name}@{frame['url'].rsplit('/', 1)[-1]}" if frame["url"] else name)
            node_id = parents.get(node_id)
        return " > ".join(reversed(frames[-3:])) if frames else "(runtime)"

    stretches, current, clock = [], None, profile["startTime"]
    for sample, delta in zip(profile["samples"], profile["timeDeltas"]):
        clock += delta
        if nodes[sample]["callFrame"]["functionName"] == "(idle)":
            if current:
                stretches.append(current)
            current = None
            continue
        if current is None:
            current = [clock, clock, collections.Counter()]
        current[1] = clock
        current[2][named_stack(sample)] += delta / 1000
    if current:
        stretches.append(current)
    return [((s - profile["startTime"]) / 1000, (e - s) / 1000, c) for s, e, c in stretches
            if (e - s) / 1000 > longer_than_ms]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cpu", type=float, default=4, help="CPU slowdown (default: %(default)s, as Lighthouse's mobile)")
    parser.add_argument("--profile", action="store_true", help="also profile one more load and name its long tasks' code")
    args = parser.parse_args()
    load_before = report.warn_if_busy()
    with BENCH.served(), sync_playwright() as playwright:
        browser = launch(playwright)
        runs = [load_once(browser, args.cpu, False) for _ in range(args.runs)]
        profiled = load_once(browser, args.cpu, True) if args.profile else None
        browser.close()
    print(f"App signed out, cold, loopback, CPU slowed {args.cpu:g}×, {len(runs)} runs: median (spread)")
    print(f"  blocking time after FCP   {report.figure([run['tbt'] for run in runs])}")
    print(f"  first contentful paint    {report.figure([run['fcp'] for run in runs])}")
    print(f"  long tasks                {report.figure([len(run['tasks']) for run in runs], '', 0)}")
    print(f"  longest task              {report.figure([max((d for _, d in run['tasks']), default=0) for run in runs])}")
    unpack = [run["unpack"] for run in runs if run["unpack"] is not None]
    print(f"  writing the Python files  {report.figure(unpack, 'ms', 1) if unpack else '– (not measured by this build)'}")
    typical = sorted(runs, key=lambda run: run["tbt"])[len(runs) // 2]
    print("  tasks of the median run   " + ", ".join(f"{d:.0f} ms at {s:.0f}" for s, d in typical["tasks"]))
    if profiled:
        print(f"\nProfiled load (sampling adds overhead): blocking time {profiled['tbt']:.0f} ms; "
              "busy stretches over 50 ms, ms by code:")
        for start, duration, by_code in busy_stretches(profiled["profile"]):
            print(f"  {duration:5.0f} ms at {start:5.0f} ms (from the profile's start)")
            for code, spent in by_code.most_common(4):
                print(f"      {spent:5.0f} ms  {code}")
    print("\n".join(report.load_lines(load_before)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
