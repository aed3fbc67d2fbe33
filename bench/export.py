"""Exporting 10,000 records to CSV in the page: how long it takes, how much memory the page
holds at its peak, and whether the page stays responsive meanwhile.

    .venv/bin/python -m bench.export [--records 10000] [--runs 3]

The local sandbox is seeded with that many Leads; each run opens the app signed in (a minted
token), opens Leads and presses Export CSV, timing the click to the download. Meanwhile a probe
in the page records the longest gap between two animation frames (a frozen page shows long
gaps) and Chromium's JS heap size (sampled every 100 ms through the DevTools protocol).
Headless Chromium, loopback, the site served as GitHub Pages serves it (bench/pages_server.py);
prints the median and the spread, and the machine's load.
"""

import argparse
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from devsupport import STORE_TOKEN

from bench import report
from bench.harness import Bench, launch

BENCH = Bench(site_port=8740, accounts_port=8741, api_port=8742, client_id="1000.BENCHEXPORT")

# The longest gap between two animation frames since the probe started, in ms.
FRAME_PROBE = """
(() => {
  let last = performance.now();
  window.__longestFrameGap = 0;
  const tick = (now) => {
    window.__longestFrameGap = Math.max(window.__longestFrameGap, now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


def export_once(browser, token_record: dict) -> dict:
    context = browser.new_context(service_workers="block", accept_downloads=True)
    page = context.new_page()
    page.goto(BENCH.site_url)
    page.wait_for_function("document.documentElement.dataset.app === 'ready'")
    page.evaluate(STORE_TOKEN, token_record)
    page.goto(BENCH.site_url + "?view=records&module=Leads")
    page.wait_for_function("document.documentElement.dataset.app === 'ready'")
    page.locator('[data-testid="records"] tbody tr').first.wait_for(timeout=60000)
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.evaluate(FRAME_PROBE)
    peak = 0.0
    started = time.perf_counter()
    with page.expect_download(timeout=600000) as downloaded:
        page.get_by_test_id("export-csv").click()
        while not downloaded.is_done():
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            peak = max(peak, metrics.get("JSHeapUsedSize", 0.0))
            page.wait_for_timeout(100)
    seconds = time.perf_counter() - started
    rows = Path(downloaded.value.path()).read_bytes().count(b"\r\n") - 1
    gap = page.evaluate("window.__longestFrameGap")
    context.close()
    return {"seconds": seconds, "rows": rows, "peak_mb": peak / 1e6, "gap_ms": gap}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    load_before = report.warn_if_busy()
    with BENCH.served(records=(("Leads", args.records),)), sync_playwright() as playwright:
        browser = launch(playwright)
        token_record = BENCH.token_record()
        runs = [export_once(browser, token_record) for _ in range(args.runs)]
        browser.close()
    print(f"Export of {args.records} Leads to CSV in the page (headless Chromium, loopback, {len(runs)} runs): "
          "median (spread)")
    print(f"  rows in the file        {sorted({run['rows'] for run in runs})}")
    print(f"  click to download       {report.figure([run['seconds'] for run in runs], 's', 1)}")
    print(f"  peak JS heap            {report.figure([run['peak_mb'] for run in runs], 'MB', 1)}")
    print(f"  longest frame gap       {report.figure([run['gap_ms'] for run in runs], 'ms', 1)}")
    print("\n".join(report.load_lines(load_before)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
