"""How fast the app starts, cold and warm, next to bare PyScript pages (issue 7, "Fast start").

    .venv/bin/python bench/startup.py [--runs N] [--details] [--throttle MS,KBITS]

(default 5 runs, about 3.5 minutes on 2 cores; --details adds each load's request
timeline; --throttle emulates a network for the page loads, e.g. 100,10000 = +100 ms
per request and 10 Mbit/s.)

Builds the site into a temp dir (with the local sandbox as its Zoho), adds two bare
PyScript pages made from the same pinned runtime files, and drives headless Chromium
(executable and flags from playwright.config.json). Each run, in an order rotated run
by run, it loads:

- the app signed out, the app signed in (a token minted by the sandbox stored in the
  tab's sessionStorage by an init script), a bare PyScript + Pyodide page, a bare
  PyScript + MicroPython page: each cold (fresh browser context, empty cache), then
  warm (a new tab in the same context);
- the token exposure cases of bench/exposure.py (its own functions).

The time to ready is `performance.now()` (so: from the navigation start) at the moment
`document.documentElement.dataset.app` becomes "ready", seen by a MutationObserver that
an init script installs before the page runs.

The site is served by build.SiteServer (Python's http.server: Last-Modified, no
Cache-Control), twice, from two copies that differ only in file times, so that the
warm load is the same every time instead of depending on how old node_modules is
(Chromium's heuristic freshness is 10% of Date - Last-Modified):

- "revalidated": file times set a day ahead, so nothing is heuristically fresh and
  every file of the warm load is revalidated (If-Modified-Since -> 304), as on GitHub
  Pages once its max-age=600 has run out;
- "from cache": file times set to 2020, so everything is heuristically fresh for years
  and the warm load makes no request at all: the best any caching scheme can do.

Cold loads happen on both copies and are pooled (2 N samples). Prints a Markdown
table (medians; ratios are ratios of the medians), the bytes before the ready mark,
the five largest files, and the machine.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import exposure  # after the path set-up above; bench/exposure.py, reused

import build

SETTINGS = json.loads((ROOT / "playwright.config.json").read_text())
TIMEOUTS = SETTINGS["timeouts_ms"]
HOST = "127.0.0.1"
SITE_PORT, ACCOUNTS_PORT, API_PORT, FRESH_PORT = 8730, 8731, 8732, 8733
SITE_URL = f"http://{HOST}:{SITE_PORT}/"      # revalidating copy (also used for the exposure)
FRESH_URL = f"http://{HOST}:{FRESH_PORT}/"    # heuristically fresh copy
ACCOUNTS_ORIGIN = f"http://{HOST}:{ACCOUNTS_PORT}"
API_ORIGIN = f"http://{HOST}:{API_PORT}"
CLIENT_ID = "1000.BENCHSTARTUP"
SCOPES = ["ZohoCRM.users.READ", "ZohoCRM.org.READ", "ZohoCRM.settings.READ", "ZohoCRM.modules.ALL"]

GOAL_COLD_RATIO = 0.5      # app cold / bare Pyodide cold
GOAL_WARM_RATIO = 0.25     # app warm / app cold
GOAL_GZIP_BYTES = 1_500_000
GOAL_EXPOSURE_MS = 500
GZIP_LEVEL = 6
THROTTLE: tuple[int, int] | None = None  # (added latency ms, kbit/s) from --throttle
PAST = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC).timestamp()

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

# Stores a token record in sessionStorage of every app tab before the page runs
# (sessionStorage is per tab, so the warm load's new tab needs it too).
STORE_TOKEN = """
((origins, record) => {
  if (origins.includes(location.origin) && !sessionStorage.getItem("zoho.token")) {
    sessionStorage.setItem("zoho.token", JSON.stringify(record));
  }
})(%s, %s);
"""

BARE_PAGE = """<!doctype html>
<html lang="en" data-app="loading">
<head>
  <meta charset="utf-8">
  <title>Bare PyScript + {name}</title>
  <script type="module" src="./{runtime}/pyscript/core.js"></script>
  <{other}-config type="json">{plugins}</{other}-config>
</head>
<body>
  <script type="{kind}" config="./{config}">
from pyscript import document
document.documentElement.dataset.app = "ready"
  </script>
</body>
</html>
"""

BARE_PAGES = {
    "bare-pyodide.html": ("Pyodide", "py", "bare-pyodide.json", "pyodide/pyodide.mjs"),
    "bare-micropython.html": ("MicroPython", "mpy", "bare-micropython.json", "micropython/micropython.mjs"),
}


@dataclass(frozen=True)
class Variant:
    key: str
    label: str
    path: str
    signed_in: bool = False


VARIANTS = (
    Variant("app-out", "app, signed out", ""),
    Variant("app-in", "app, signed in (stored token)", "", signed_in=True),
    Variant("bare-pyodide", "bare PyScript + Pyodide", "bare-pyodide.html"),
    Variant("bare-mpy", "bare PyScript + MicroPython", "bare-micropython.html"),
)


@dataclass
class Load:
    ready: float
    user: float | None
    resources: list[dict]          # resource timing entries of the page (plus the document)
    server: list[tuple[str, int]]  # what the site server saw: (path, status)
    files: list[tuple[str, int, int]] = field(default_factory=list)  # (url, raw, gzip) cold only


# --- the site ------------------------------------------------------------------------------

def _config(directory: Path) -> build.SiteConfig:
    path = directory / "startup.toml"
    path.write_text(
        "[zoho]\n"
        f'client_id = "{CLIENT_ID}"\n'
        f'accounts_url = "{ACCOUNTS_ORIGIN}"\n'
        f'api_domains = ["{API_ORIGIN}"]\n'
        f"scopes = {json.dumps(SCOPES)}\n")
    return build.load_config(path)


def _add_bare_pages(site: Path) -> None:
    """Bare pages on the build's own runtime, with the same PyScript plugins switched off."""
    runtime = next(site.glob("runtime/*")).relative_to(site).as_posix()
    for page, (name, kind, config, interpreter) in BARE_PAGES.items():
        settings = {"interpreter": f"./{runtime}/{interpreter}", "plugins": build.UNUSED_PYSCRIPT_PLUGINS}
        (site / config).write_text(json.dumps(settings, indent=2) + "\n")
        # The other interpreter type gets the same plugins switched off, as in the app's page.
        other = {"py": "mpy", "mpy": "py"}[kind]
        plugins = json.dumps({"plugins": build.UNUSED_PYSCRIPT_PLUGINS})
        (site / page).write_text(BARE_PAGE.format(name=name, kind=kind, config=config, runtime=runtime,
                                                  other=other, plugins=plugins))


def _set_times(site: Path, stamp: float) -> None:
    for path in site.rglob("*"):
        if path.is_file():
            os.utime(path, (stamp, stamp))


class ServerLog:
    """What the site servers answered, in order: (port, path, status)."""

    def __init__(self) -> None:
        self.entries: list[tuple[int, str, int]] = []
        self._lock = threading.Lock()

    def install(self) -> None:
        log = self

        def log_request(handler, code="-", size="-"):
            with log._lock:
                log.entries.append((handler.server.server_port, handler.path, int(getattr(code, "value", code))))
        build._SiteHandler.log_request = log_request

    def mark(self) -> int:
        with self._lock:
            return len(self.entries)

    def since(self, mark: int, port: int) -> list[tuple[str, int]]:
        with self._lock:
            return [(path, status) for p, path, status in self.entries[mark:] if p == port]


def _mint_token_record() -> dict:
    body = json.dumps({"scopes": SCOPES, "lifetime": 3600, "client_id": CLIENT_ID}).encode()
    request = urllib.request.Request(API_ORIGIN + "/_sandbox/tokens", data=body,
                                     headers={"Content-Type": "application/json", "X-Sandbox-Control": "1"},
                                     method="POST")
    with urllib.request.urlopen(request, timeout=10) as answer:
        minted = json.load(answer)
    return {"access_token": minted["access_token"], "expires_at": time.time() + 3600,
            "api_domain": minted["api_domain"], "scopes": SCOPES, "location": "us",
            "granted_for_session": False, "accounts_url": ACCOUNTS_ORIGIN, "accounts_server": None}


# --- one load ------------------------------------------------------------------------------

def _load(context, url: str, port: int, log: ServerLog, variant: Variant, count_bytes: bool) -> Load:
    finished = []
    mark = log.mark()
    page = context.new_page()
    if THROTTLE is not None:
        latency, kbps = THROTTLE
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": latency,
            "downloadThroughput": kbps * 1000 / 8, "uploadThroughput": kbps * 1000 / 8})
    page.on("requestfinished", lambda request: finished.append(request))
    timeout = TIMEOUTS["pyodide"] if "pyodide" in variant.key else TIMEOUTS["ready"]
    page.goto(url, wait_until="commit")
    try:
        page.wait_for_function("window.__readyAt !== undefined", timeout=timeout, polling=50)
    except PlaywrightTimeout:
        state = page.evaluate("document.documentElement.dataset.app")
        raise RuntimeError(f"{variant.label}: {url} not ready after {timeout} ms (data-app={state!r}; "
                           f"site server answered {log.since(mark, port)})") from None
    if variant.signed_in:
        page.wait_for_function("window.__userAt !== undefined", timeout=timeout, polling=50)
    info = page.evaluate("""() => ({
        ready: window.__readyAt, user: window.__userAt ?? null, origin: performance.timeOrigin,
        resources: [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
          .map(e => ({name: e.name, start: e.startTime, end: e.responseEnd, transfer: e.transferSize,
                      encoded: e.encodedBodySize, type: e.initiatorType || "navigation"}))
    })""")
    page.wait_for_timeout(200)  # let the server log catch up with the last answers
    load = Load(ready=info["ready"], user=info["user"], resources=info["resources"],
                server=log.since(mark, port))
    if count_bytes:
        ready_epoch = info["origin"] + info["ready"]
        for request in finished[:]:  # body() lets more events in
            if not request.url.startswith("http") or request.timing["startTime"] > ready_epoch:
                continue
            response = request.response()
            body = response.body() if response is not None else b""
            load.files.append((request.url, len(body), len(gzip.compress(body, GZIP_LEVEL, mtime=0))))
    page.close()
    return load


def _new_context(browser, variant: Variant, token_record: dict | None):
    context = browser.new_context()
    context.set_default_timeout(TIMEOUTS["action"])
    context.add_init_script(WATCH_READY)
    if variant.signed_in:
        origins = [SITE_URL.rstrip("/"), FRESH_URL.rstrip("/")]
        context.add_init_script(STORE_TOKEN % (json.dumps(origins), json.dumps(token_record)))
    return context


def measure(browser, variant: Variant, log: ServerLog, token_record: dict | None) -> dict[str, Load]:
    """Cold then warm on both copies of the site; each copy in its own fresh context."""
    out = {}
    for base, port, warm_key in ((SITE_URL, SITE_PORT, "warm"), (FRESH_URL, FRESH_PORT, "cached")):
        context = _new_context(browser, variant, token_record)
        url = base + variant.path
        out["cold" if warm_key == "warm" else "cold2"] = _load(context, url, port, log, variant,
                                                                count_bytes=warm_key == "warm")
        out[warm_key] = _load(context, url, port, log, variant, count_bytes=False)
        context.close()
    return out


# --- reporting -----------------------------------------------------------------------------

def _median(values):
    return statistics.median(values) if values else float("nan")


def _ms(value: float) -> str:
    return f"{value:,.0f} ms"


def _spread(values) -> str:
    return f"{min(values):,.0f}–{max(values):,.0f}"


def _size(n: float) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def _ok(met: bool) -> str:
    return "**yes**" if met else "no"


def _short(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path.lstrip("/") or "(index.html)"
    if parts.port in (ACCOUNTS_PORT, API_PORT):
        return f"API {parts.path}"
    return path


def _cache_summary(load: Load) -> str:
    """How the page's own files were served: from cache without a request, 304, 200."""
    site = [r for r in load.resources if urlsplit(r["name"]).port in (SITE_PORT, FRESH_PORT)]
    # The page's own requests only: not the service worker's (sw.js, and its fetching ahead
    # of the same files after the ready mark), so the first answer for each path.
    first = {}
    for path, status in load.server:
        first.setdefault(path, status)
    page_paths = {urlsplit(r["name"]).path for r in site}
    statuses = [status for path, status in first.items() if path in page_paths]
    others = len(statuses) - statuses.count(304) - statuses.count(200)
    return (f"{len(site)}: {len(site) - len(statuses)} from cache, no request; "
            f"{statuses.count(304)} revalidated (304); {statuses.count(200)} fetched (200)"
            + (f"; {others} other (404 …)" if others else ""))


def _network_done(load: Load) -> float:
    ends = [r["end"] for r in load.resources if r["end"] <= load.ready]
    return max(ends) if ends else 0.0


def report(results: dict[str, list[dict[str, Load]]], exposure_after: list[float],
           exposure_direct: list[float], runs: int, machine: str, details: bool) -> str:
    lines = []
    add = lines.append

    def values(key, kind, attr="ready"):
        loads = []
        for run in results[key]:
            loads += [run["cold"], run["cold2"]] if kind == "cold" else [run[kind]]
        return [getattr(load, attr) for load in loads]

    med = {(key, kind): _median(values(key, kind)) for key in results for kind in ("cold", "warm", "cached")}

    add(f"### Start-up (headless Chromium, medians of {runs} runs; cold pooled over 2 × {runs} loads)")
    add("")
    add("| page | cold | warm, revalidated | warm, from cache | warm/cold (reval.) | warm/cold (cache) |")
    add("|---|---|---|---|---|---|")
    for variant in VARIANTS:
        cold, warm, cached = (med[(variant.key, k)] for k in ("cold", "warm", "cached"))
        add(f"| {variant.label}: ready | {_ms(cold)} ({_spread(values(variant.key, 'cold'))}) "
            f"| {_ms(warm)} ({_spread(values(variant.key, 'warm'))}) "
            f"| {_ms(cached)} ({_spread(values(variant.key, 'cached'))}) "
            f"| {warm / cold:.2f} | {cached / cold:.2f} |")
        if variant.signed_in:
            user = {k: _median(values(variant.key, k, "user")) for k in ("cold", "warm", "cached")}
            add(f"| {variant.label}: user's name shown | {_ms(user['cold'])} | {_ms(user['warm'])} "
                f"| {_ms(user['cached'])} | {user['warm'] / user['cold']:.2f} "
                f"| {user['cached'] / user['cold']:.2f} |")
    add("")
    pyodide_cold = med[("bare-pyodide", "cold")]
    add("| goal | measured | goal | met |")
    add("|---|---|---|---|")
    for key, label in (("app-out", "signed out"), ("app-in", "signed in")):
        ratio = med[(key, "cold")] / pyodide_cold
        add(f"| app {label} cold / bare Pyodide cold | {ratio:.2f} | ≤ {GOAL_COLD_RATIO} "
            f"| {_ok(ratio <= GOAL_COLD_RATIO)} |")
    for key, label in (("app-out", "signed out"), ("app-in", "signed in")):
        for kind, how in (("warm", "revalidated"), ("cached", "from cache")):
            ratio = med[(key, kind)] / med[(key, "cold")]
            add(f"| app {label} warm ({how}) / app cold | {ratio:.2f} | ≤ {GOAL_WARM_RATIO} "
                f"| {_ok(ratio <= GOAL_WARM_RATIO)} |")
    last = {key: results[key][-1] for key in results}
    # The load whose time to ready is the median of its kind (the upper one of an even count).
    typical = {key: {kind: sorted((run[kind] for run in results[key]), key=lambda load: load.ready)[
        len(results[key]) // 2] for kind in ("cold", "warm", "cached")} for key in results}
    for key, label in (("app-out", "signed out"), ("app-in", "signed in")):
        files = last[key]["cold"].files
        gz = sum(f[2] for f in files)
        add(f"| bytes before ready, app {label}, cold, gzip -{GZIP_LEVEL} ({len(files)} responses; "
            f"raw {_size(sum(f[1] for f in files))}) | {_size(gz)} | ≤ {_size(GOAL_GZIP_BYTES)} "
            f"| {_ok(gz <= GOAL_GZIP_BYTES)} |")
    add(f"| token exposure after the start page (median; {_spread(exposure_after)}) "
        f"| {_ms(_median(exposure_after))} | < {GOAL_EXPOSURE_MS} ms "
        f"| {_ok(_median(exposure_after) < GOAL_EXPOSURE_MS)} |")
    add(f"| token exposure, callback as first page, empty cache ({_spread(exposure_direct)}) "
        f"| {_ms(_median(exposure_direct))} | < {GOAL_EXPOSURE_MS} ms "
        f"| {_ok(_median(exposure_direct) < GOAL_EXPOSURE_MS)} |")
    add("")
    add("Five largest responses before ready (app signed in, cold; the signed-out set is the same "
        "minus the API calls):")
    add("")
    add("| file | raw | gzip -6 |")
    add("|---|---|---|")
    for url, raw, gz in sorted(last["app-in"]["cold"].files, key=lambda f: -f[1])[:5]:
        add(f"| `{_short(url)}` | {_size(raw)} | {_size(gz)} |")
    add("")
    add(f"Bytes: response bodies (no headers) of every request started before the ready mark; "
        f"gzip rule: every body compressed with Python's gzip at level {GZIP_LEVEL}, whatever its "
        "type (wasm, images and zip included; for already-compressed files this is about the raw "
        "size). MB = 10^6 bytes. Ratios are ratios of the medians.")
    add("")
    add("Where the time goes (the median load of each kind; network done = end of the last response "
        "before ready, API calls included; after it the page only computes: wasm, Python, drawing):")
    add("")
    add("| load | ready | network done | after it | page's files |")
    add("|---|---|---|---|---|")
    for variant in VARIANTS:
        for kind, how in (("cold", "cold"), ("warm", "warm, revalidated"), ("cached", "warm, from cache")):
            load = typical[variant.key][kind]
            done = _network_done(load)
            add(f"| {variant.label}, {how} | {_ms(load.ready)} | {_ms(done)} | {_ms(load.ready - done)} "
                f"| {_cache_summary(load)} |")
    add("")
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load_avg = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    add(f"Measured {today} {machine} Load average at the end (1, 5, 15 min): {load_avg}.")
    if details:
        add("")
        add("Request timelines of the median loads (ms from navigation start: start, end, bytes "
            "transferred; 0 = served from cache without a request; ~300 = a 304):")
        for variant in VARIANTS:
            for kind in ("cold", "warm", "cached"):
                load = typical[variant.key][kind]
                add("")
                add(f"{variant.label}, {kind}: ready {load.ready:.0f} ms")
                for r in sorted(load.resources, key=lambda r: r["start"]):
                    add(f"  {r['start']:7.0f} {r['end']:7.0f}  {r['transfer']:>9}  {r['type']:<10} "
                        f"{_short(r['name'])}")
    return "\n".join(lines)


def _machine(browser) -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    network = (f"emulated network +{THROTTLE[0]} ms per request, {THROTTLE[1]} kbit/s (page loads only)"
               if THROTTLE else "loopback, no throttling")
    return (f"on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs "
            f"(nproc {len(os.sched_getaffinity(0))}), {cpu}; Chromium {browser.version}, headless, "
            f"flags {' '.join(SETTINGS['browser']['args'])}; network: {network}.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per variant (default: %(default)s)")
    parser.add_argument("--details", action="store_true", help="also print each load's request timeline")
    parser.add_argument("--throttle", metavar="MS,KBITS",
                        help="emulate a network for the page loads (not the exposure): added latency "
                             "per request in ms and download/upload in kbit/s, e.g. 100,10000")
    args = parser.parse_args()
    global THROTTLE
    if args.throttle:
        latency, kbps = (int(part) for part in args.throttle.split(","))
        THROTTLE = (latency, kbps)
    started = time.monotonic()

    # bench/exposure.py measures against our site and sandbox.
    exposure.SITE_PORT, exposure.ACCOUNTS_PORT, exposure.API_PORT = SITE_PORT, ACCOUNTS_PORT, API_PORT
    exposure.SITE_URL = SITE_URL

    log = ServerLog()
    log.install()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        config = _config(Path(tmp))
        site = build.build(config, Path(tmp) / "site")
        _add_bare_pages(site)
        fresh = Path(tmp) / "site-fresh"
        shutil.copytree(site, fresh)
        _set_times(site, time.time() + 86400)  # never heuristically fresh: revalidate every file
        _set_times(fresh, PAST)                 # fresh for years: served from cache, no request
        with build.start_sandbox_for(config, [SITE_URL, FRESH_URL]), \
                build.SiteServer(site, SITE_PORT), build.SiteServer(fresh, FRESH_PORT), \
                sync_playwright() as playwright:
            browser = exposure._launch(playwright)
            machine = _machine(browser)
            token_record = _mint_token_record()
            callback_url = exposure._callback_url(browser)
            results = {variant.key: [] for variant in VARIANTS}
            exposure_after, exposure_direct = [], []
            tasks = [*VARIANTS, "exposure-after", "exposure-direct"]
            for run in range(args.runs):
                order = tasks[run % len(tasks):] + tasks[:run % len(tasks)]
                for task in order:
                    if task == "exposure-after":
                        exposure_after.append(exposure.measure_after_start_page(browser))
                    elif task == "exposure-direct":
                        exposure_direct.append(exposure.measure_direct(browser, callback_url))
                    else:
                        results[task.key].append(measure(browser, task, log, token_record))
                print(f"run {run + 1}/{args.runs} done ({time.monotonic() - started:.0f} s)",
                      file=sys.stderr, flush=True)
            browser.close()
    print(report(results, exposure_after, exposure_direct, args.runs, machine, args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
