"""The pages the app is measured against, put beside it in the built site: a plain JavaScript
page doing what the sign-in callback needs (the floor), and the lightest pages PyScript allows,
with MicroPython, with Pyodide, and with Pyodide importing the notebook's packages (issue 23:
the honest floor is the lightest page the runtime allows)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

from sitebuild.packing import UNUSED_PYSCRIPT_PLUGINS

# The lightest page PyScript allows (issue 23): core.js, the config inline (no config file to
# fetch), and two lines of Python that set the ready mark through `js` (no `pyscript` module to
# import). The configs switch off the same PyScript plugins as the app's page, for both types.
BARE_PAGE = """<!doctype html>
<html lang="en" data-app="loading">
<head>
  <meta charset="utf-8">
  <title>Bare PyScript + {name}</title>
  <link rel="icon" href="data:,">
  <script type="module" src="./{runtime}/pyscript/core.js"></script>
  <{kind}-config type="json">{config}</{kind}-config>
  <{other}-config type="json">{other_config}</{other}-config>
</head>
<body>
  <script type="{kind}">
import js
js.document.documentElement.dataset.app = "ready"
  </script>
</body>
</html>
"""

BARE_PAGES = {
    "bare-pyodide.html": ("Pyodide", "py", "pyodide/pyodide.mjs"),
    "bare-micropython.html": ("MicroPython", "mpy", "micropython/micropython.mjs"),
}

# The floor: what the callback needs, in plain JavaScript in the page itself (one request).
PLAIN_CALLBACK_PAGE = """<!doctype html>
<html lang="en" data-app="loading">
<head>
  <meta charset="utf-8">
  <title>Plain JavaScript callback</title>
  <link rel="icon" href="data:,">
  <script>
    const answer = new URLSearchParams(location.hash.slice(1));
    history.replaceState(history.state, "", location.pathname + location.search);
    sessionStorage.setItem("zoho.token", JSON.stringify({
      access_token: answer.get("access_token"), api_domain: answer.get("api_domain"),
      expires_at: Date.now() / 1000 + Number(answer.get("expires_in")),
    }));
    document.documentElement.dataset.app = "ready";
  </script>
</head>
<body>
  <p>Signed in.</p>
</body>
</html>
"""

# The notebook's neighbour: Pyodide with the same wheels as the notebook in its config's `files`
# (inline too), importing pyodide_http and requests and writing "hello" into the page.
BARE_NOTEBOOK_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Bare PyScript + Pyodide with the notebook's packages</title>
  <script type="module" src="./{runtime}/pyscript/core.js"></script>
  <py-config type="json">{config}</py-config>
</head>
<body>
  <pre id="output"></pre>
  <script type="py">
import js
import pyodide_http
import requests

pyodide_http.patch_all()
js.document.getElementById("output").textContent = "hello"
js.window.__outputAt = js.performance.now()
  </script>
</body>
</html>
"""


def plain_callback_path(api_origin: str) -> str:
    """The plain JavaScript page's URL (relative to the site) with a callback's answer in its fragment."""
    return "plain-callback.html#" + urlencode({"access_token": "1000.bench", "expires_in": 3600,
                                               "api_domain": api_origin, "token_type": "Bearer", "state": "bench"})


def add_reference_pages(site: Path) -> None:
    """The plain JavaScript page, and the bare MicroPython and Pyodide pages on the build's own runtime."""
    (site / "plain-callback.html").write_text(PLAIN_CALLBACK_PAGE)
    runtime = _versioned(site, "runtime")
    for page, (name, kind, interpreter) in BARE_PAGES.items():
        config = json.dumps({"interpreter": f"./{runtime}/{interpreter}", "plugins": UNUSED_PYSCRIPT_PLUGINS})
        other_config = json.dumps({"plugins": UNUSED_PYSCRIPT_PLUGINS})
        other = {"py": "mpy", "mpy": "py"}[kind]
        (site / page).write_text(BARE_PAGE.format(name=name, kind=kind, other=other, runtime=runtime,
                                                  config=config, other_config=other_config))


def add_bare_notebook_page(site: Path) -> None:
    """bare-notebook.html: Pyodide with the notebook's wheels, on the build's own runtime."""
    runtime, app = _versioned(site, "runtime"), _versioned(site, "app")
    wheels = sorted((site / app / "wheels").glob("*.whl"))
    config = {"interpreter": f"./{runtime}/pyodide/pyodide.mjs", "plugins": UNUSED_PYSCRIPT_PLUGINS,
              "files": {f"./{app}/wheels/{wheel.name}": "./*" for wheel in wheels}}
    (site / "bare-notebook.html").write_text(BARE_NOTEBOOK_PAGE.format(runtime=runtime, config=json.dumps(config)))


def _versioned(site: Path, top: str) -> str:
    """The build's versioned folder under ``top`` (runtime/<id> or app/<id>), relative to the site."""
    return next(site.glob(f"{top}/*")).relative_to(site).as_posix()
