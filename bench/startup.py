"""How fast the app starts, cold and on a repeat visit, over an emulated mobile network, next to
a plain JavaScript page and bare PyScript pages (issues 7 and 15).

    .venv/bin/python -m bench.startup [--network loopback|fast4g|slow4g ...] [--runs N]
        [--throttle MS,KBITS] [--no-pyodide] [--notebook [--notebook-runs N]]
        [--lighthouse [--lighthouse-runs N]] [--export [--export-runs N]] [--details]

Every figure of issues 15 and 23 in one command (about 10-15 minutes on 2 cores):

    .venv/bin/python -m bench.startup --network slow4g loopback --notebook --lighthouse --export

Builds the site into a temp dir (with the local sandbox as its Zoho), adds a plain JavaScript
callback page and two bare PyScript pages made from the same pinned runtime files (the
neighbours of bench/neighbours.py), serves it
all with bench/pages_server.py (gzip, ETag, Last-Modified, max-age=600: as GitHub Pages does)
and drives headless Chromium (executable and flags from playwright.config.json). Each run, in
an order rotated run by run, for each network, it loads every variant cold (a new browser
context: empty HTTP cache, no service worker) and then as a repeat visit (a new tab in the
same context, a normal navigation); plus the token exposure cases of bench/exposure.py (its
own functions, on loopback). The networks are Chromium's DevTools emulation
(Network.emulateNetworkConditions) with the presets in NETWORKS. Times are the page's own
clock (performance.now(), from the navigation start); see bench/README.md for each figure.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from bench import export, exposure, lighthouse, notebook, report
from bench.harness import TIMEOUTS, Bench, launch
from bench.neighbours import add_bare_notebook_page, add_reference_pages, plain_callback_path
from bench.pages_server import ServerLog

BENCH = Bench(site_port=8730, accounts_port=8731, api_port=8732, client_id="1000.BENCHSTARTUP")
SERVICE_WORKER_WAIT_MS = 30000
EXPORT_RECORDS, EXPORT_LATENCY_MS = 10000, 150  # issue 23: 10,000 records over a 150 ms round trip


@dataclass(frozen=True)
class Network:
    key: str
    label: str
    latency_ms: float = 0          # added to every request by Chromium (request-level throttling)
    download: float = -1           # bytes per second; -1 = not limited
    upload: float = -1

    @property
    def emulated(self) -> bool:
        return self.latency_ms > 0 or self.download > 0


# Lighthouse's "Slow 4G" as its devtools throttling applies it (core/config/constants.js,
# mobileSlow4G, and core/lib/emulation.js): 150 ms RTT x 3.75, 1.6 * 1024 kbit/s x 0.9 down,
# 750 kbit/s x 0.9 up, with kbit = 1024 bit; bytes per second = floor(kbit/s * 1024 / 8).
# Chrome DevTools' (and Puppeteer's) "Fast 4G": 60 ms RTT x 2.75, 9 Mbit/s x 0.9 down,
# 1.5 Mbit/s x 0.9 up, with Mbit = 10^6 bit. The factors turn a packet-level RTT and
# bandwidth into request-level figures (Lighthouse: crbug.com/721112).
NETWORKS = {
    "loopback": Network("loopback", "loopback, no emulation"),
    "fast4g": Network("fast4g", "Fast 4G (Chrome DevTools preset: 165 ms per request, 9 Mbit/s × 0.9 down, "
                      "1.5 Mbit/s × 0.9 up)", 60 * 2.75, 9e6 / 8 * 0.9, 1.5e6 / 8 * 0.9),
    "slow4g": Network("slow4g", "Slow 4G (Lighthouse's devtools throttling: 562.5 ms per request, "
                      "1,474.56 kbit/s down, 675 kbit/s up, kbit = 1024 bit)",
                      150 * 3.75, (1.6 * 1024 * 0.9 * 1024) // 8, (750 * 0.9 * 1024) // 8),
}

GOALS = {  # issue 15
    "slow4g_app_vs_mpy": 0.8,       # Slow 4G, cold, app signed out ready / bare MicroPython ready
    "slow4g_card_vs_plain": 1.5,    # Slow 4G, cold, sign-in card painted / plain-JS ready
    "slow4g_repeat": 0.15,          # Slow 4G, app repeat visit / cold
    "loopback_app_vs_mpy": 1.1,     # loopback, cold, app signed out ready / bare MicroPython ready
    "notebook_cold": 1.0,           # notebook cold / bare Pyodide page with the same packages, cold
    "notebook_warm": 0.5,           # notebook warm / notebook cold
    # issue 7
    "app_vs_pyodide": 0.5,          # app cold / bare Pyodide cold
    "bytes": 1_500_000,             # bytes on the wire before ready, app cold
    "exposure_ms": 500,
}

# Installed in every context: the moment the ready mark flips, and the moment the
# signed-in user's name is shown, in the page's own clock (ms since navigation start).
WATCH_READY = """
(() => {
  const check = () => {
    const root = document.documentElement;
    if (window.__readyAt === undefined && root && root.dataset.app === "ready") {
      window.__readyAt = performance.now();
    }
    if (window.__userAt === undefined) {
      const user = document.querySelector('[data-testid="current-user"]');
      if (user && user.textContent.trim()) window.__userAt = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ["data-app"],
  });
})();
"""

# Installed in the signed-out app's contexts: the first rendering frame in which the sign-in
# card is visible (whatever makes it so: HTML, CSS or Python), checked in every
# requestAnimationFrame callback, and the first contentful paint. The card counts as shown when
# it, its h2, the data-centre <select> (with at least one option) and the Sign in button each
# pass checkVisibility() (display, visibility, opacity, content-visibility) and have a box of
# non-zero size. rAF callbacks run just before a frame is drawn; while stylesheets still block
# rendering, the first frame waits for them, so "painted" is the later of the two times.
WATCH_CARD = """
(() => {
  const shown = (element) => {
    if (!element || !element.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const cardShown = () => {
    const card = document.querySelector("section#signed-out");
    if (!shown(card)) return false;
    const select = card.querySelector('[data-testid="data-centre"]');
    return shown(card.querySelector("h2")) && shown(select) && select.options.length > 0
      && shown(card.querySelector('[data-testid="sign-in"]'));
  };
  const onFrame = () => {
    if (cardShown()) window.__cardFrameAt = performance.now();
    else requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === "first-contentful-paint") window.__fcpAt = entry.startTime;
    }
  }).observe({type: "paint", buffered: true});
})();
"""


@dataclass(frozen=True)
class Variant:
    key: str
    label: str
    path: str
    signed_in: bool = False
    card: bool = False


VARIANTS = (
    Variant("plain-js", "plain JavaScript page doing the callback", plain_callback_path(BENCH.api_origin)),
    Variant("bare-mpy", "bare PyScript + MicroPython", "bare-micropython.html"),
    Variant("bare-pyodide", "bare PyScript + Pyodide", "bare-pyodide.html"),
    Variant("app-out", "app, signed out", "", card=True),
    Variant("app-in", "app, signed in (stored token)", "", signed_in=True),
)
KINDS = ("cold", "repeat")


@dataclass
class Load:
    ready: float
    user: float | None             # user's name shown (signed in)
    api_start: float | None        # first request to the API domain started (signed in)
    card: float | None             # sign-in card painted (signed out)
    resources: list[dict]          # resource timing entries of the page (plus the document)
    server: list[tuple[str, int, int]]  # what the site server answered: (path, status, bytes sent)
    files: list[tuple[str, int, int]] = field(default_factory=list)  # (url, raw, on the wire), app cold
    service_worker: bool | None = None  # app cold: its service worker became active in time


# --- one load ------------------------------------------------------------------------------

def emulate(context, page, network: Network) -> None:
    """Chromium's DevTools network emulation for this page (and the workers it starts)."""
    if network.emulated:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": network.latency_ms,
            "downloadThroughput": network.download, "uploadThroughput": network.upload})


def _load(context, variant: Variant, network: Network, log: ServerLog, cold: bool) -> Load:
    finished = []
    mark = log.mark()
    page = context.new_page()
    emulate(context, page, network)
    page.on("requestfinished", lambda request: finished.append(request))
    timeout = TIMEOUTS["pyodide"] * (3 if network.emulated else 1) if "pyodide" in variant.key else TIMEOUTS["ready"]
    url = BENCH.site_url + variant.path
    page.goto(url, wait_until="commit")
    waits = ["window.__readyAt !== undefined"]
    if variant.signed_in:
        waits.append("window.__userAt !== undefined")
    if variant.card:
        waits.append("window.__cardFrameAt !== undefined && window.__fcpAt !== undefined")
    try:
        page.wait_for_function(" && ".join(waits), timeout=timeout, polling=50)
    except PlaywrightTimeout:
        state = page.evaluate("[document.documentElement.dataset.app, window.__readyAt, window.__cardFrameAt]")
        raise RuntimeError(f"{variant.label} on {network.key}: {url} not done after {timeout} ms "
                           f"(data-app, ready, card = {state}; site server answered "
                           f"{log.since(mark, BENCH.site_port)})") from None
    info = page.evaluate("""(apiOrigin) => {
      const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
      const api = entries.filter(e => e.name.startsWith(apiOrigin)).map(e => e.startTime);
      return {
        ready: window.__readyAt, user: window.__userAt ?? null, origin: performance.timeOrigin,
        card: window.__cardFrameAt === undefined ? null : Math.max(window.__cardFrameAt, window.__fcpAt),
        apiStart: api.length ? Math.min(...api) : null,
        resources: entries.map(e => ({name: e.name, start: e.startTime, end: e.responseEnd,
          transfer: e.transferSize, encoded: e.encodedBodySize, type: e.initiatorType || "navigation"})),
      };
    }""", BENCH.api_origin)
    service_worker = None
    if cold and variant.key.startswith("app"):
        # The repeat visit comes after the page has settled: its service worker active.
        service_worker = page.evaluate("""(wait) => Promise.race([
            navigator.serviceWorker.ready.then(() => true),
            new Promise((resolve) => setTimeout(() => resolve(false), wait))])""", SERVICE_WORKER_WAIT_MS)
    page.wait_for_timeout(200)  # let the server log catch up with the last answers
    load = Load(ready=info["ready"], user=info["user"], api_start=info["apiStart"], card=info["card"],
                resources=info["resources"], server=log.since(mark, BENCH.site_port), service_worker=service_worker)
    if cold and variant.key.startswith("app"):
        ready_epoch = info["origin"] + info["ready"]
        for request in finished[:]:  # body() lets more events in
            if not request.url.startswith("http") or request.timing["startTime"] > ready_epoch:
                continue
            response = request.response()
            body = response.body() if response is not None else b""
            load.files.append((request.url, len(body), request.sizes()["responseBodySize"]))
    page.close()
    return load


def _new_context(browser, variant: Variant, token_record: dict):
    context = browser.new_context()
    context.set_default_timeout(TIMEOUTS["action"])
    context.add_init_script(WATCH_READY)
    if variant.card:
        context.add_init_script(WATCH_CARD)
    if variant.signed_in:
        BENCH.store_token_at_start(context, token_record)
    return context


def measure(browser, variant: Variant, network: Network, log: ServerLog, token_record: dict) -> dict[str, Load]:
    """A cold load in a new context, then a repeat visit: a new tab of the same context."""
    context = _new_context(browser, variant, token_record)
    out = {"cold": _load(context, variant, network, log, cold=True),
           "repeat": _load(context, variant, network, log, cold=False)}
    context.close()
    return out


# --- reporting -----------------------------------------------------------------------------

def _short(url: str) -> str:
    parts = urlsplit(url)
    if parts.port in (BENCH.accounts_port, BENCH.api_port):
        return f"API {parts.path}"
    return parts.path.lstrip("/") or "(index.html)"


def _cache_summary(load: Load) -> str:
    """How the page's own files were served: from cache without a request, 304, 200."""
    site = [r for r in load.resources if urlsplit(r["name"]).port == BENCH.site_port]
    # The page's own requests only: not the service worker's (sw.js, and its fetching ahead
    # of the same files after the ready mark), so the first answer for each path.
    first = {}
    for path, status, _sent in load.server:
        first.setdefault(urlsplit(path).path, status)
    page_paths = {urlsplit(r["name"]).path for r in site}
    statuses = [status for path, status in first.items() if path in page_paths]
    others = len(statuses) - statuses.count(304) - statuses.count(200)
    return (f"{len(site)}: {len(site) - len(statuses)} from cache, no request; "
            f"{statuses.count(304)} revalidated (304); {statuses.count(200)} fetched (200)"
            + (f"; {others} other (404 …)" if others else ""))


def _network_done(load: Load) -> float:
    ends = [r["end"] for r in load.resources if r["end"] <= load.ready]
    return max(ends) if ends else 0.0


class Results:
    """The loads of every (network, variant), run by run, and the figures drawn from them."""

    def __init__(self, networks: list[Network], pairs: list[tuple[Network, Variant]]):
        self.networks = networks
        self.pairs = pairs  # what is measured: (network, variant)
        self.loads: dict[tuple[str, str], list[dict[str, Load]]] = {
            (network.key, variant.key): [] for network, variant in pairs}

    def values(self, network: str, variant: str, kind: str, attr: str = "ready") -> list[float]:
        runs = self.loads.get((network, variant), [])
        return [value for run in runs if (value := getattr(run[kind], attr)) is not None]

    def median(self, network: str, variant: str, kind: str, attr: str = "ready") -> float | None:
        values = self.values(network, variant, kind, attr)
        return report.median(values) if values else None

    def typical(self, network: str, variant: str, kind: str) -> Load:
        """The load whose time to ready is the median of its kind (the upper one of an even count)."""
        runs = sorted((run[kind] for run in self.loads[(network, variant)]), key=lambda load: load.ready)
        return runs[len(runs) // 2]


FIGURES = (  # (variant, attribute, what)
    ("plain-js", "ready", "ready"),
    ("bare-mpy", "ready", "ready"),
    ("bare-pyodide", "ready", "ready"),
    ("app-out", "ready", "ready"),
    ("app-out", "card", "sign-in card painted"),
    ("app-in", "ready", "ready"),
    ("app-in", "user", "user's name shown"),
    ("app-in", "api_start", "first API request started"),
)


def _startup_table(results: Results, network: Network, runs: int) -> list[str]:
    labels = {variant.key: variant.label for variant in VARIANTS}
    lines = [f"#### {network.label}: medians of {runs} runs, spread (min–max) in brackets", "",
             "| page | cold | repeat visit | repeat / cold |", "|---|---|---|---|"]
    for key, attr, what in FIGURES:
        if key not in labels:
            continue
        cold, repeat = (results.values(network.key, key, kind, attr) for kind in KINDS)
        ratio = f"{report.median(repeat) / report.median(cold):.2f}" if cold and repeat else "–"
        lines.append(f"| {labels[key]}: {what} | {report.figure(cold)} | {report.figure(repeat)} | {ratio} |")
    return lines


def _ratio_row(label: str, numerator: float | None, denominator: float | None, goal: float,
               missing: str) -> str:
    if numerator is None or denominator is None:
        return f"| {label} | not measured ({missing}) | ≤ {goal} | – |"
    ratio = numerator / denominator
    return f"| {label} | {ratio:.2f} ({numerator:,.0f} / {denominator:,.0f} ms) | ≤ {goal} | {report.ok(ratio <= goal)} |"


def _goals(results: Results, exposure_after: list[float], exposure_direct: list[float],
           notebook_summary: dict | None) -> list[str]:
    m = results.median
    slow = "add --network slow4g"
    lines = ["| goal | measured | goal | met |", "|---|---|---|---|",
             _ratio_row("Slow 4G, cold: app signed out ready / bare MicroPython ready",
                        m("slow4g", "app-out", "cold"), m("slow4g", "bare-mpy", "cold"),
                        GOALS["slow4g_app_vs_mpy"], slow),
             _ratio_row("Slow 4G, cold: sign-in card painted / plain-JS page ready",
                        m("slow4g", "app-out", "cold", "card"), m("slow4g", "plain-js", "cold"),
                        GOALS["slow4g_card_vs_plain"], slow)]
    for key, label in (("app-out", "signed out"), ("app-in", "signed in")):
        lines.append(_ratio_row(f"Slow 4G: app {label} ready, repeat visit / cold",
                                m("slow4g", key, "repeat"), m("slow4g", key, "cold"), GOALS["slow4g_repeat"], slow))
    lines.append(_ratio_row("loopback, cold: app signed out ready / bare MicroPython ready",
                            m("loopback", "app-out", "cold"), m("loopback", "bare-mpy", "cold"),
                            GOALS["loopback_app_vs_mpy"], "add --network loopback"))
    for network in results.networks:
        user = m(network.key, "app-in", "cold", "user")
        api = m(network.key, "app-in", "cold", "api_start")
        ready = m(network.key, "app-in", "cold")
        lines.append(f"| {network.key}, cold, signed in: ready / user's name shown / first API request "
                     f"started | {report.ms(ready)} / {report.ms(user)} / {report.ms(api)} | reported | **yes** |")
    if notebook_summary is None:
        lines.append("| notebook: Start → first output, cold / bare Pyodide page, cold | not measured "
                     "(add --notebook) | ≤ 1.0 | – |")
    else:
        app, bare = notebook_summary["app"], notebook_summary["bare"]
        lines.append(_ratio_row("notebook (loopback): Start → first output, cold / bare PyScript + Pyodide "
                                "page with the same packages, cold", app["cold"], bare["cold"],
                                GOALS["notebook_cold"], ""))
        lines.append(_ratio_row("notebook (loopback): warm / cold", app["warm"], app["cold"],
                                GOALS["notebook_warm"], ""))
        lines.append(f"| notebook: bytes sent by the server, cold (gzip as served) "
                     f"| {report.size(app['bytes'])} ({app['files']} files) | reported | **yes** |")
    lines.append("| *issue 7, second line:* | | | |")
    for network in results.networks:
        for key, label in (("app-out", "signed out"), ("app-in", "signed in")):
            lines.append(_ratio_row(f"{network.key}, cold: app {label} ready / bare Pyodide ready",
                                    m(network.key, key, "cold"), m(network.key, "bare-pyodide", "cold"),
                                    GOALS["app_vs_pyodide"], "--no-pyodide"))
    first = results.networks[0].key
    for key, label in (("app-out", "signed out"), ("app-in", "signed in")):
        files = results.loads[(first, key)][-1]["cold"].files
        wire = sum(f[2] for f in files)
        lines.append(f"| bytes on the wire before ready, app {label}, cold ({len(files)} responses; raw "
                     f"{report.size(sum(f[1] for f in files))}) | {report.size(wire)} | ≤ {report.size(GOALS['bytes'])} "
                     f"| {report.ok(wire <= GOALS['bytes'])} |")
    for values, label in ((exposure_after, "token exposure after the start page (loopback)"),
                          (exposure_direct, "token exposure, callback as first page, empty cache (loopback)")):
        lines.append(f"| {label} | {report.figure(values)} | < {GOALS['exposure_ms']} ms "
                     f"| {report.ok(report.median(values) < GOALS['exposure_ms'])} |")
    return lines


def startup_report(results: Results, exposure_after: list[float], exposure_direct: list[float], runs: int,
           machine: str, load_before: tuple[float, ...], notebook_text: str | None,
           notebook_summary: dict | None, details: bool) -> str:
    lines = ["### Start-up (headless Chromium; site served gzip with validators and max-age=600, "
             "as GitHub Pages does)", ""]
    add = lines.append
    for network in results.networks:
        lines += _startup_table(results, network, runs)
        add("")
    add("Cold: a new browser context. Repeat visit: a new tab in the same context, opened after the "
        "cold load's service worker is active; within max-age=600, so the page itself is not "
        "revalidated either (a visit more than 10 minutes later would send one 304 for it).")
    add("")
    add("### Goals (ratios of the medians above)")
    add("")
    lines += _goals(results, exposure_after, exposure_direct, notebook_summary)
    add("")
    if notebook_text:
        lines += [notebook_text, ""]
    first = results.networks[0].key
    add(f"Five largest responses before ready (app signed in, cold, {first}):")
    add("")
    add("| file | raw | on the wire |")
    add("|---|---|---|")
    for url, raw, wire in sorted(results.loads[(first, "app-in")][-1]["cold"].files, key=lambda f: -f[2])[:5]:
        add(f"| `{_short(url)}` | {report.size(raw)} | {report.size(wire)} |")
    add("")
    add("Where the time goes (the median load of each kind; network done = end of the last response "
        "before ready, API calls included; after it the page only computes: wasm, Python, drawing):")
    add("")
    add("| network | load | ready | network done | after it | page's files |")
    add("|---|---|---|---|---|---|")
    for network, variant in results.pairs:
        for kind in KINDS:
            load = results.typical(network.key, variant.key, kind)
            done = _network_done(load)
            add(f"| {network.key} | {variant.label}, {kind} | {report.ms(load.ready)} | {report.ms(done)} "
                f"| {report.ms(load.ready - done)} | {_cache_summary(load)} |")
    add("")
    late = sum(1 for (network, key), runs_ in results.loads.items() for run in runs_
               if run["cold"].service_worker is False)
    if late:
        add(f"In {late} cold app loads the service worker was not active within "
            f"{SERVICE_WORKER_WAIT_MS / 1000:.0f} s; their repeat visits went to the HTTP cache only.")
        add("")
    add(f"Measured {report.now()} {machine}")
    lines += report.load_lines(load_before)
    if details:
        add("")
        add("Request timelines of the median loads (ms from navigation start: start, end, bytes "
            "transferred; 0 = served from a cache without a request; ~300 = a 304):")
        for network, variant in results.pairs:
            for kind in KINDS:
                load = results.typical(network.key, variant.key, kind)
                add("")
                add(f"{network.key}, {variant.label}, {kind}: ready {load.ready:.0f} ms")
                for r in sorted(load.resources, key=lambda r: r["start"]):
                    add(f"  {r['start']:7.0f} {r['end']:7.0f}  {r['transfer']:>9}  {r['type']:<10} "
                        f"{_short(r['name'])}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--network", nargs="+", choices=sorted(NETWORKS), default=[],
                        help="networks to measure on, each with every variant (default: loopback)")
    parser.add_argument("--throttle", metavar="MS,KBITS",
                        help="also measure on a custom emulated network: latency added per request in "
                             "ms and download/upload in kbit/s (1000 bit), e.g. 100,10000")
    parser.add_argument("--runs", type=int,
                        help="runs (default: 3 with an emulated network, otherwise 5)")
    parser.add_argument("--no-pyodide", action="store_true",
                        help="leave the bare Pyodide page out on emulated networks (about 1 minute a run "
                             "on slow4g); it is still measured on loopback")
    parser.add_argument("--notebook", action="store_true",
                        help="also measure the notebook (bench/notebook.py's figures, on loopback)")
    parser.add_argument("--notebook-runs", type=int, default=3, help="notebook runs (default: %(default)s)")
    parser.add_argument("--lighthouse", action="store_true",
                        help="also run Lighthouse on the signed-out first screen (bench/lighthouse.py's "
                             "figures; installs the pinned Lighthouse into .cache/lighthouse once)")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs (default: %(default)s)")
    parser.add_argument("--export", action="store_true",
                        help="also export 10,000 Leads over a 150 ms round trip (bench/export.py's figures; "
                             "the sandbox is then seeded with them)")
    parser.add_argument("--export-runs", type=int, default=3, help="export runs (default: %(default)s)")
    parser.add_argument("--details", action="store_true", help="also print each median load's request timeline")
    args = parser.parse_args()
    networks = [NETWORKS[key] for key in dict.fromkeys(args.network)]
    if args.throttle:
        latency, kbps = (int(part) for part in args.throttle.split(","))
        networks.append(Network("custom", f"+{latency} ms per request, {kbps} kbit/s down and up",
                                latency, kbps * 1000 / 8, kbps * 1000 / 8))
    networks = networks or [NETWORKS["loopback"]]
    runs = args.runs or (3 if any(network.emulated for network in networks) else 5)
    if args.lighthouse:
        lighthouse.ensure_installed()
    load_before = report.warn_if_busy()
    started = time.monotonic()

    log = ServerLog()

    def add_pages(site: Path) -> None:
        add_reference_pages(site)
        if args.notebook:
            add_bare_notebook_page(site)

    seeded = (("Leads", EXPORT_RECORDS),) if args.export else ()
    with BENCH.served(log, add_pages, seeded), sync_playwright() as playwright:
        browser = launch(playwright)
        machine = report.machine(browser, "; ".join(network.label for network in networks))
        token_record = BENCH.token_record()
        callback_url = exposure.callback_url(browser, BENCH.site_url)
        pairs = [(network, variant) for network in networks for variant in VARIANTS
                 if not (args.no_pyodide and network.emulated and variant.key == "bare-pyodide")]
        results = Results(networks, pairs)
        exposure_after, exposure_direct = [], []
        tasks = [*pairs, "exposure-after", "exposure-direct"]
        for run in range(runs):
            for task in tasks[run % len(tasks):] + tasks[:run % len(tasks)]:
                if task == "exposure-after":
                    exposure_after.append(exposure.measure_after_start_page(browser, BENCH.site_url))
                elif task == "exposure-direct":
                    exposure_direct.append(exposure.measure_direct(browser, callback_url))
                else:
                    network, variant = task
                    results.loads[(network.key, variant.key)].append(
                        measure(browser, variant, network, log, token_record))
            print(f"run {run + 1}/{runs} done ({time.monotonic() - started:.0f} s)",
                  file=sys.stderr, flush=True)
        export_text = None
        if args.export:
            export_text = export.export_report(
                export.measure_runs(browser, BENCH, EXPORT_RECORDS, args.export_runs, EXPORT_LATENCY_MS),
                EXPORT_RECORDS, EXPORT_LATENCY_MS)
            print(f"export done ({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)
        browser.close()
        notebook_text = notebook_summary = None
        if args.notebook:
            notebook_results = notebook.measure_runs(playwright, BENCH, log, token_record, args.notebook_runs)
            notebook_summary = notebook.summarize(notebook_results)
            notebook_text = notebook.notebook_report(notebook_results, args.notebook_runs, machine)
            print(f"notebook done ({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)
        lighthouse_text = None
        if args.lighthouse:
            lighthouse_text = lighthouse.lighthouse_report(lighthouse.measure(BENCH.site_url, args.lighthouse_runs))
    print(startup_report(results, exposure_after, exposure_direct, runs, machine, load_before,
                         notebook_text, notebook_summary, args.details))
    for text in (lighthouse_text, export_text):
        if text:
            print("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
