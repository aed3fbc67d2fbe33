"""Lighthouse on the signed-out first screen, as issue 23 measures it: the mobile preset with
simulated throttling, Debian's Chromium, the site served as GitHub Pages serves it.

    .venv/bin/python -m bench.lighthouse [--runs 5]

Lighthouse is pinned (LIGHTHOUSE_VERSION) and installed on demand into the project's
`.cache/lighthouse` by npm the first time a bench needs it: it is the benchmark's tool, not a
dependency of the app or of its tests. Each run is a Lighthouse CLI run of its own (a new
Chromium with an empty profile: a cold load); the figures are medians with their spread,
beside issue 23's goals. `bench.startup --lighthouse` runs the same measurement in its own run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from devsupport import ROOT, browser_executable

from bench import report
from bench.harness import Bench

BENCH = Bench(site_port=8750, accounts_port=8751, api_port=8752, client_id="1000.BENCHLIGHTHOUSE")
LIGHTHOUSE_VERSION = "12.8.2"  # the last major that runs on Node 20 (13 needs Node ≥ 22.19)
INSTALL_DIR = ROOT / ".cache" / "lighthouse"
CLI = INSTALL_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = "--headless=new --no-sandbox"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

# (key, what, unit, goal as text, met): the figures issue 23 sets goals for, then the others.
FIGURES = (
    ("performance", "performance score", "", "≥ 95", lambda v: v >= 95),
    ("tbt", "Total Blocking Time", "ms", "≤ 200 ms", lambda v: v <= 200),
    ("lcp", "Largest Contentful Paint", "s", "≤ 2.0 s", lambda v: v <= 2.0),
    ("cls", "Cumulative Layout Shift", "", "0", lambda v: v == 0),
    ("seo", "SEO score", "", "100", lambda v: v == 100),
    ("fcp", "First Contentful Paint", "s", "reported", None),
    ("accessibility", "accessibility score", "", "reported", None),
    ("best-practices", "best practices score", "", "reported", None),
)


def ensure_installed() -> Path:
    """The pinned Lighthouse CLI, installed into .cache/lighthouse when missing or of another version."""
    package = CLI.parent.parent / "package.json"
    if not package.exists() or json.loads(package.read_text())["version"] != LIGHTHOUSE_VERSION:
        print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {INSTALL_DIR} (once)", file=sys.stderr, flush=True)
        INSTALL_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(INSTALL_DIR), "--no-audit", "--no-fund",
                        "--loglevel=error", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return CLI


def run_once(url: str) -> dict:
    """One Lighthouse run on ``url``: its report (the JSON Lighthouse writes)."""
    cli = ensure_installed()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": browser_executable() or "chromium"}
        subprocess.run(["node", str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
                        f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}",
                        "--form-factor=mobile", "--throttling-method=simulate"],
                       check=True, env=env, timeout=300)
        return json.loads(out.read_text())


def figures(lhr: dict) -> dict:
    """The figures of one report: scores out of 100, times in ms (TBT) or s (LCP, FCP), the failed
    audits of SEO, and the main thread's long tasks as Lighthouse lists them."""
    audits = lhr["audits"]
    out = {key: round(lhr["categories"][key]["score"] * 100) for key in CATEGORIES}
    out["tbt"] = audits["total-blocking-time"]["numericValue"]
    out["lcp"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    out["fcp"] = audits["first-contentful-paint"]["numericValue"] / 1000
    out["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    out["failed"] = sorted(ref["id"] for key in CATEGORIES for ref in lhr["categories"][key]["auditRefs"]
                           if ref["weight"] > 0 and (audits[ref["id"]].get("score") or 0) < 1
                           and audits[ref["id"]]["scoreDisplayMode"] in ("binary", "numeric")
                           and key != "performance")
    out["lcp_element"] = _lcp_element(audits)
    out["long_tasks"] = [(item.get("url", ""), item["startTime"], item["duration"])
                         for item in (audits.get("long-tasks", {}).get("details") or {}).get("items", [])]
    return out


def _lcp_element(audits: dict) -> str:
    """The element Lighthouse found to be the largest contentful paint (its HTML snippet)."""
    tables = (audits.get("largest-contentful-paint-element", {}).get("details") or {}).get("items", [])
    for table in tables:
        for item in table.get("items", []):
            if "node" in item:
                return item["node"].get("snippet", "?")
    return "?"


def measure(url: str, runs: int) -> list[dict]:
    results = []
    for run in range(runs):
        results.append(figures(run_once(url)))
        print(f"lighthouse run {run + 1}/{runs} done", file=sys.stderr, flush=True)
    return results


def _figure(values: list[float], unit: str) -> str:
    if unit == "s":
        return report.figure(values, "s", 2)
    if unit == "ms":
        return report.figure(values)
    digits = 3 if any(v != int(v) for v in values) else 0
    return report.figure(values, "", digits).replace("  (", " (")


def lighthouse_report(results: list[dict]) -> str:
    """The table of medians beside the goals, what failed, and the long tasks of the median run."""
    lines = [f"### Lighthouse {LIGHTHOUSE_VERSION} on the signed-out first screen (mobile preset, simulated "
             f"throttling; Chromium flags {CHROME_FLAGS}; medians of {len(results)} runs, spread in brackets)", "",
             "| figure | measured | goal | met |", "|---|---|---|---|"]
    for key, what, unit, goal, met in FIGURES:
        values = [result[key] for result in results]
        verdict = "–" if met is None else report.ok(met(report.median(values)))
        lines.append(f"| {what} | {_figure(values, unit)} | {goal} | {verdict} |")
    failed = sorted({audit for result in results for audit in result["failed"]})
    lines += ["", f"Audits failed in any run (other than performance's): {', '.join(failed) or 'none'}."]
    typical = sorted(results, key=lambda result: result["performance"])[len(results) // 2]
    tasks = ", ".join(f"{duration:.0f} ms at {start:.0f} ms ({url.rsplit('/', 1)[-1] or url or 'page'})"
                      for url, start, duration in typical["long_tasks"])
    elements = sorted({f"{result['lcp_element']} ({result['lcp']:.2f} s)" for result in results})
    lines.append(f"Largest contentful paint, element by run: {'; '.join(elements)}.")
    lines.append(f"Long tasks of the median run (Lighthouse's simulated mobile CPU): {tasks or 'none'}.")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ensure_installed()
    load_before = report.warn_if_busy()
    with BENCH.served():
        results = measure(BENCH.site_url, args.runs)
    print(lighthouse_report(results))
    print(f"Measured {report.now()}.")
    print("\n".join(report.load_lines(load_before)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
