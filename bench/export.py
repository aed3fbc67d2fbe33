"""Exporting 10,000 records to CSV in the page: how long it takes, how much memory the page
holds at its peak, and whether the page stays responsive meanwhile.

    .venv/bin/python bench/export.py [--records 10000] [--runs 3]

The local sandbox is seeded with that many Leads; each run opens the app signed in (a minted
token), opens Leads and presses Export CSV, timing the click to the download. Meanwhile a probe
in the page records the longest gap between two animation frames (a frozen page shows long
gaps) and Chromium's JS heap size (sampled every 100 ms through the DevTools protocol).
Headless Chromium, loopback; prints the median and the spread, and the machine's load.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import build  # noqa: E402 - after the path set-up above
from sandbox.server import start_in_thread  # noqa: E402
from sandbox.settings import SandboxClient, SandboxSettings  # noqa: E402
from tests.support import SETTINGS, STORE_TOKEN, browser_executable, token_record  # noqa: E402

HOST = "127.0.0.1"
SITE_PORT, ACCOUNTS_PORT, API_PORT = 8740, 8741, 8742
SITE_URL = f"http://{HOST}:{SITE_PORT}/"
SCOPES = ["ZohoCRM.users.READ", "ZohoCRM.org.READ", "ZohoCRM.settings.READ", "ZohoCRM.modules.ALL"]
CLIENT_ID = "1000.BENCHEXPORT"

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


def _config(directory: Path) -> build.SiteConfig:
    path = directory / "bench.toml"
    scopes = ", ".join(f'"{scope}"' for scope in SCOPES)
    path.write_text(f'[zoho]\nclient_id = "{CLIENT_ID}"\naccounts_url = "http://{HOST}:{ACCOUNTS_PORT}"\n'
                    f'api_domains = ["http://{HOST}:{API_PORT}"]\nscopes = [{scopes}]\n')
    return build.load_config(path)


def mint_token(api_url: str) -> dict:
    """A token from the sandbox's control endpoint (sandbox/README.md)."""
    request = urllib.request.Request(
        api_url + "/_sandbox/tokens", data=json.dumps({"scopes": SCOPES, "client_id": CLIENT_ID}).encode(),
        headers={"Content-Type": "application/json", "X-Sandbox-Control": "1"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def export_once(browser, minted: dict, accounts_url: str) -> dict:
    context = browser.new_context(service_workers="block", accept_downloads=True)
    page = context.new_page()
    page.goto(SITE_URL)
    page.wait_for_function("document.documentElement.dataset.app === 'ready'")
    page.evaluate(STORE_TOKEN, token_record(minted, SCOPES, accounts_url))
    page.goto(SITE_URL + "?view=records&module=Leads")
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


def spread(values: list[float], unit: str) -> str:
    return f"median {statistics.median(values):.1f} {unit} (min {min(values):.1f}, max {max(values):.1f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        config = _config(Path(tmp))
        site = build.build(config, Path(tmp) / "site")
        settings = SandboxSettings(
            host=HOST, accounts_port=ACCOUNTS_PORT, api_port=API_PORT, records=(("Leads", args.records),),
            clients=(SandboxClient(client_id=CLIENT_ID, name="export bench", redirect_uris=(SITE_URL,),
                                   js_origins=(SITE_URL.rstrip("/"),)),))
        with start_in_thread(settings) as sandbox, build.SiteServer(site, SITE_PORT), sync_playwright() as playwright:
            minted = mint_token(sandbox.api_url)
            browser = playwright.chromium.launch(executable_path=browser_executable(), args=SETTINGS["browser"]["args"])
            runs = [export_once(browser, minted, sandbox.accounts_url) for _ in range(args.runs)]
            browser.close()
    load_after = os.getloadavg()[0]
    print(f"Export of {args.records} Leads to CSV in the page (headless Chromium, loopback, {len(runs)} runs)")
    print(f"  rows in the file        {sorted({run['rows'] for run in runs})}")
    print(f"  click to download       {spread([run['seconds'] for run in runs], 's')}")
    print(f"  peak JS heap            {spread([run['peak_mb'] for run in runs], 'MB')}")
    print(f"  longest frame gap       {spread([run['gap_ms'] for run in runs], 'ms')}")
    print(f"  load average (1 min)    {load_before:.1f} before, {load_after:.1f} after, on {os.cpu_count()} cores")
    if max(load_before, load_after) > (os.cpu_count() or 1):
        print("  warning: the machine was busier than its cores; the times are inflated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
