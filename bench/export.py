"""Exporting 10,000 records to CSV in the page over a network with a round trip like a real one:
how long it takes beside fetching the same pages one by one, the calls and API credits it spends,
how much memory the page holds at its peak, and whether the page stays responsive meanwhile.

    .venv/bin/python -m bench.export [--records 10000] [--runs 3] [--latency 150]

The local sandbox is seeded with that many Leads; each run opens the app signed in (a minted
token with ZohoCRM.coql.READ, so the app exports through COQL pages side by side), opens Leads and
presses Export CSV, timing the click to the download, with every request of the page delayed by
Chromium's network emulation (Network.emulateNetworkConditions, latency per request; 150 ms by
default: issue 23's round trip). Meanwhile a probe in the page records the longest gap between two
animation frames (a frozen page shows long gaps) and Chromium's JS heap size (sampled every 100 ms
through the DevTools protocol); the API requests the page sends are counted here and priced in
Zoho's API credits (``credits``), beside what the app itself says it spent. In the same page and
emulation, two reference fetches of the same records and fields, by plain JavaScript: the record
pages of 200 one by one (each page's token from the last: issue 23's "one by one"), and COQL pages
of 2,000 side by side (at most COQL_CONCURRENCY at once, the total known beforehand: the floor).
Headless Chromium, the site served as GitHub Pages serves it (bench/pages_server.py); prints the
medians with their spread beside the goal, and the machine's load. ``measure()`` gives the same
figures to the one bench command.
"""

import argparse
import json
import re
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import sync_playwright

from devsupport import STORE_TOKEN

from bench import report
from bench.harness import SCOPES, Bench, launch

BENCH = Bench(site_port=8740, accounts_port=8741, api_port=8742, client_id="1000.BENCHEXPORT")
GOAL = 0.3  # issue 23: the export in at most 0.3 x the time of fetching the pages one by one
COQL_PAGE = 2000  # rows a COQL call may return (Zoho's COQL pages: LIMIT up to 2,000)
COQL_CONCURRENCY = 10  # Zoho's sub-limit of concurrent COQL calls (the limits page)
EXPORT_RECORDS = 10000  # issue 23: 10,000 records
EXPORT_LATENCY_MS = 150  # issue 23: an emulated round trip of 150 ms


def credits(method: str, url: str, body: str | None) -> int:
    """Zoho's API credits for one call (v8 API-limits page, COQL overview): a records or search
    call 1 (up to 200 records); a COQL call by its LIMIT: 1-200 1, 201-1,000 2, 1,001-2,000 3."""
    if method == "POST" and urlsplit(url).path.endswith("/coql"):
        query = json.loads(body or "{}").get("select_query", "")
        match = re.search(r"\blimit\s+(?:\d+\s*,\s*)?(\d+)", query, re.IGNORECASE)
        return coql_credits(int(match.group(1)) if match else 200)  # 200: COQL's default LIMIT
    return 1


def coql_credits(limit: int) -> int:
    return 1 if limit <= 200 else 2 if limit <= 1000 else 3


# The same records and fields as the app's export, by plain fetch(): page by page with the
# records API (200 a page, the next page's token from each answer), or COQL pages of 2,000 side
# by side. Resolves to [ms, calls, rows].
ONE_BY_ONE = """async ([api, module, fields, token]) => {
  const started = performance.now();
  const headers = {Authorization: `Zoho-oauthtoken ${token}`};
  let calls = 0, rows = 0, pageToken = null;
  do {
    const query = new URLSearchParams({fields: fields.join(","), per_page: "200"});
    if (pageToken) query.set("page_token", pageToken);
    const answer = await (await fetch(`${api}/crm/v8/${module}?${query}`, {headers})).json();
    calls += 1;
    rows += answer.data.length;
    pageToken = answer.info.more_records ? answer.info.next_page_token : null;
  } while (pageToken);
  return [performance.now() - started, calls, rows];
}"""

COQL_SIDE_BY_SIDE = """async ([api, module, fields, token, total, page, concurrency]) => {
  const started = performance.now();
  const offsets = [];
  for (let offset = 0; offset < total; offset += page) offsets.push(offset);
  let rows = 0;
  const worker = async () => {
    while (offsets.length) {
      const offset = offsets.shift();
      const select_query = `select ${fields.join(", ")} from ${module} where id is not null order by id limit ${offset}, ${page}`;
      const answer = await fetch(`${api}/crm/v8/coql`, {method: "POST", body: JSON.stringify({select_query}),
        headers: {Authorization: `Zoho-oauthtoken ${token}`, "Content-Type": "application/json"}});
      const body = answer.status === 204 ? {data: []} : await answer.json();
      if (!answer.ok) throw new Error(`COQL at offset ${offset}: ${answer.status} ${JSON.stringify(body)}`);
      rows += body.data.length;
      if (body.data.length !== Math.min(page, total - offset)) {
        console.warn(`COQL at offset ${offset}: ${body.data.length} rows, ${JSON.stringify(body.info)}`);
      }
    }
  };
  await Promise.all(Array.from({length: Math.min(concurrency, offsets.length)}, worker));
  return [performance.now() - started, Math.ceil(total / page), rows];
}"""

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


def emulate_latency(cdp, latency_ms: float) -> None:
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": latency_ms,
                                                  "downloadThroughput": -1, "uploadThroughput": -1})


def export_once(browser, bench: Bench, token_record: dict, coql_token: str, latency_ms: float, records: int) -> dict:
    context = browser.new_context(service_workers="block", accept_downloads=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    emulate_latency(cdp, latency_ms)
    page.goto(bench.site_url)
    page.wait_for_function("document.documentElement.dataset.app === 'ready'")
    page.evaluate(STORE_TOKEN, token_record)
    calls = []
    page.on("request", lambda request: calls.append((request.method, request.url, request.post_data))
            if request.url.startswith(bench.api_origin) and request.method != "OPTIONS" else None)
    page.goto(bench.site_url + "?view=records&module=Leads")
    page.wait_for_function("document.documentElement.dataset.app === 'ready'")
    page.locator('[data-testid="records"] tbody tr').first.wait_for(timeout=60000)
    # The table's own columns, for the references to fetch the same fields.
    fields = next((parse_qs(urlsplit(url).query).get("fields", [""])[0].split(",")
                   for method, url, _ in calls if method == "GET" and "/Leads?" in url and "fields=" in url),
                  ["Last_Name"])
    before_export = len(calls)
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
    exported = calls[before_export:]
    said = page.locator('[data-view="records"] [data-testid="view-message"]').text_content() or ""
    token = token_record["access_token"]
    page.on("console", lambda message: print(f"page: {message.text}", file=sys.stderr)
            if message.type == "warning" else None)
    one_by_one = page.evaluate(ONE_BY_ONE, [bench.api_origin, "Leads", fields, token])
    side_by_side = page.evaluate(COQL_SIDE_BY_SIDE, [bench.api_origin, "Leads", fields, coql_token, records,
                                                     COQL_PAGE, COQL_CONCURRENCY])
    context.close()
    return {"seconds": seconds, "rows": rows, "peak_mb": peak / 1e6, "gap_ms": gap,
            "calls": len(exported), "credits": sum(credits(*call) for call in exported),
            "said": said, "one_by_one": one_by_one, "coql": side_by_side, "fields": len(fields)}


def measure_runs(browser, bench: Bench, records: int, runs: int, latency_ms: float) -> list[dict]:
    """``runs`` exports of the ``records`` Leads the sandbox of ``bench`` holds (the app signed in
    with ZohoCRM.coql.READ), each with both references."""
    token_record = bench.token_record((*SCOPES, "ZohoCRM.coql.READ"))
    coql_token = token_record["access_token"]
    return [export_once(browser, bench, token_record, coql_token, latency_ms, records) for _ in range(runs)]


def _spread(values: list[float], unit: str = "ms") -> str:
    return f"{min(values):,.0f}–{max(values):,.0f} {unit}"


def _ratios(runs: list[dict]) -> list[float]:
    """Each run's app export / one by one."""
    return [run["seconds"] * 1000 / run["one_by_one"][0] for run in runs]


def figures(runs: list[dict], records: int, latency_ms: float) -> list[dict]:
    """The figures of ``runs`` beside their goals, as the one bench command lists them: name,
    value, goal, met, spread, note."""
    app = [run["seconds"] * 1000 for run in runs]
    one = [run["one_by_one"][0] for run in runs]
    coql = [run["coql"][0] for run in runs]
    ratio = report.median(app) / report.median(one)
    ratios = _ratios(runs)
    first = runs[0]
    return [
        {"name": f"export of {records:,} Leads to CSV over {latency_ms:g} ms round trips / one by one",
         "value": round(ratio, 2), "goal": f"≤ {GOAL}", "met": ratio <= GOAL,
         "spread": f"{min(ratios):.2f}–{max(ratios):.2f} per run",
         "note": (f"app {report.figure(app)}, {first['calls']} calls, {first['credits']} API credits "
                  f"({sorted({run['rows'] for run in runs})} rows); one by one {report.figure(one)}, "
                  f"{first['one_by_one'][1]} calls, {first['one_by_one'][1]} credits; {len(runs)} runs")},
        {"name": "the app's export (click to download)", "value": round(report.median(app)), "goal": "reported",
         "met": None, "spread": _spread(app),
         "note": f"{first['calls']} calls, {first['credits']} API credits; the app said: {first['said'].strip()}"},
        {"name": "the app's export: Zoho API credits spent (counted from the requests sent)",
         "value": first["credits"], "goal": "reported", "met": None, "spread": "",
         "note": f"{first['calls']} calls; one by one: {first['one_by_one'][1]} calls, {first['one_by_one'][1]} credits"},
        {"name": f"COQL pages of {COQL_PAGE:,} side by side, the total known (plain JS floor)",
         "value": round(report.median(coql)), "goal": "reference", "met": None,
         "spread": _spread(coql),
         "note": f"{first['coql'][1]} calls, {first['coql'][1] * coql_credits(COQL_PAGE)} credits"},
        {"name": "the app's longest gap between frames during the export", "value": round(report.median(
            [run["gap_ms"] for run in runs])), "goal": "reported", "met": None,
         "spread": _spread([run["gap_ms"] for run in runs]),
         "note": f"peak JS heap {report.figure([run['peak_mb'] for run in runs], 'MB', 1)}"},
    ]


def measure(quick: bool = False) -> list[dict]:
    """The export's figures beside their goals (see ``figures``) for the one bench command: 10,000
    Leads over a 150 ms round trip, 3 runs (``quick``: 1)."""
    with BENCH.served(records=(("Leads", EXPORT_RECORDS),)), sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            runs = measure_runs(browser, BENCH, EXPORT_RECORDS, 1 if quick else 3, EXPORT_LATENCY_MS)
        finally:
            browser.close()
    return figures(runs, EXPORT_RECORDS, EXPORT_LATENCY_MS)


def export_report(runs: list[dict], records: int, latency_ms: float) -> str:
    app = [run["seconds"] * 1000 for run in runs]
    one = [run["one_by_one"][0] for run in runs]
    coql = [run["coql"][0] for run in runs]
    ratio, coql_ratio = report.median(app) / report.median(one), report.median(coql) / report.median(one)
    coql_calls = runs[0]["coql"][1]
    return "\n".join([
        f"### Export of {records:,} Leads to CSV in the page (headless Chromium, {latency_ms:g} ms added to every "
        f"request, {len(runs)} runs, {runs[0]['fields']} fields): medians (spread)", "",
        "| figure | measured | calls | API credits | goal | met |", "|---|---|---|---|---|---|",
        f"| app: Export CSV, click to download ({sorted({run['rows'] for run in runs})} rows in the file) "
        f"| {report.figure(app)} | {runs[0]['calls']} | {runs[0]['credits']} | ≤ {GOAL} × one by one "
        f"| {ratio:.2f} ({min(_ratios(runs)):.2f}–{max(_ratios(runs)):.2f}): {report.ok(ratio <= GOAL)} |",
        f"| the same records, the record pages of 200 fetched one by one (plain JS) | {report.figure(one)} "
        f"| {runs[0]['one_by_one'][1]} | {runs[0]['one_by_one'][1]} | reference | – |",
        f"| the same records, COQL pages of {COQL_PAGE:,} side by side, ≤ {COQL_CONCURRENCY} at once, the total known (plain JS; "
        f"{sorted({run['coql'][2] for run in runs})} rows) | {report.figure(coql)} | {coql_calls} "
        f"| {coql_calls * coql_credits(COQL_PAGE)} | ≤ {GOAL} × one by one "
        f"| {coql_ratio:.2f}: {report.ok(coql_ratio <= GOAL)} |",
        f"| app: peak JS heap | {report.figure([run['peak_mb'] for run in runs], 'MB', 1)} | | | reported | – |",
        f"| app: longest gap between frames | {report.figure([run['gap_ms'] for run in runs])} | | | reported | – |",
        "", f"The app said: {runs[0]['said'].strip()}"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=EXPORT_RECORDS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--latency", type=float, default=EXPORT_LATENCY_MS,
                        help="ms Chromium adds to every request of the page (default: %(default)s)")
    args = parser.parse_args()
    load_before = report.warn_if_busy()
    with BENCH.served(records=(("Leads", args.records),)), sync_playwright() as playwright:
        browser = launch(playwright)
        runs = measure_runs(browser, BENCH, args.records, args.runs, args.latency)
        browser.close()
    print(export_report(runs, args.records, args.latency))
    print(f"\nMeasured {report.now()}.")
    print("\n".join(report.load_lines(load_before)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
