"""The built site: its pages, CSP and integrity, the archives of the page's and the worker's Python,
what the page preloads, the sign-in card, the service worker's hashes, the notebook's wheels."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import tarfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

import build
from sitebuild import dependencies, packing, rendering
from sitebuild.errors import ConfigError

from .helpers import (
    REAL_CLIENT_ID,
    ROOT,
    SANDBOX_CONFIG,
    ZOHO_ACCOUNTS,
    ZOHO_APIS,
    csp_directives,
    page_tags,
    run_main,
    write_config,
    zoho_config,
)


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
        paths = [config["interpreter"], *config.get("files", {})]
        assert all(path.startswith(("./", "../")) for path in paths), (name, paths)
        assert (interpreter_base / config["interpreter"]).resolve().is_file(), name
        assert all((app_files(site) / path).exists() for path in config.get("files", {})), name


def archive_members(site: Path, path: str = "py/" + packing.APP_ARCHIVE) -> dict[str, bytes | None]:
    """An archive of the app's files (by default the page's modules and config):
    name -> content (None for a folder), in order."""
    with tarfile.open(app_files(site) / path, "r:gz") as archive:
        return {entry.name: archive.extractfile(entry).read() if entry.isfile() else None for entry in archive}


def assert_folders_come_first(names: list[str]) -> None:
    for name in names:  # PyScript's unpacking makes only the folder a file is in, not its parents
        parent = name.rsplit("/", 1)[0] if "/" in name else None
        assert parent is None or (parent in names and names.index(parent) < names.index(name)), name


def test_the_pages_modules_and_config_come_in_two_archives_folders_first(sandbox_build):
    site = sandbox_build[1]
    members = archive_members(site)
    views = archive_members(site, "py/" + packing.VIEWS_ARCHIVE)
    modules = sorted(f"{package}/{path.relative_to(ROOT / 'app' / package).with_suffix('.mpy').as_posix()}"
                     for package in ("zoho", "web") for path in (ROOT / "app" / package).rglob("*.py")
                     if path.name != "main.py" and "desktop" not in path.parts)
    first = [name for name, content in members.items() if name.endswith(".mpy")]
    later = [name for name, content in views.items() if name.endswith(".mpy")]
    assert sorted(first + later) == modules  # every module, once
    assert all({**members, **views}[name].startswith(b"M") for name in modules)  # MicroPython bytecode
    assert_folders_come_first(list(members))
    # The second archive's folders come after the first's (unpacked first), not made twice.
    assert_folders_come_first([name for name in members if members[name] is None] + list(views))
    assert not set(members) & set(views)
    config = json.loads(members["zoho_config.json"])
    assert config == build.load_config(SANDBOX_CONFIG).browser_config()
    # static/python-archive.js unpacks it, from the preload it names; PyScript's `files` would
    # unpack it again, in MicroPython, in one long task.
    assert "files" not in json.loads((app_files(site) / "micropython.json").read_text())
    tags = page_tags(site / "index.html")
    app = "./" + app_files(site).relative_to(site).as_posix()
    archive = [attrs for tag, attrs in tags if tag == "link" and attrs.get("id") == "python-archive"]
    assert [attrs["href"] for attrs in archive] == [f"{app}/py/app.tar.gz"]
    scripts = [attrs["src"] for tag, attrs in tags if tag == "script" and attrs.get("type") == "module"]
    # The one module script: it imports core.js itself, to add its hook before PyScript could run
    # the page's script (and, under a painted snapshot, after a first frame); core.js is preloaded.
    assert scripts == [f"{app}/python-archive.js"]
    assert any(tag == "link" and attrs.get("rel") == "modulepreload" and attrs["href"].endswith("/pyscript/core.js")
               for tag, attrs in tags)
    assert (app_files(site) / "py" / "web" / "main.py").read_bytes() == (ROOT / "app" / "web" / "main.py").read_bytes()


def test_the_views_come_in_the_second_archive_that_the_first_screen_does_not_preload(sandbox_build):
    """The signed-out first screen imports no view (web.views.ViewRegistry): their code, and the
    modules only they import, come in py/views.tar.gz, fetched by python-archive.js when needed."""
    site = sandbox_build[1]
    first = set(archive_members(site))
    later = set(archive_members(site, "py/" + packing.VIEWS_ARCHIVE))
    views = {f"web/views/{path.relative_to(ROOT / 'app' / 'web' / 'views').with_suffix('.mpy').as_posix()}"
             for path in (ROOT / "app" / "web" / "views").rglob("*.py")}
    # main.py imports these two itself: the registry, and the notebook's start ahead.
    on_first_screen = {"web/views/__init__.mpy", "web/views/notebook_preheat.mpy"}
    assert on_first_screen <= first
    assert views - on_first_screen <= later
    for module in ("web/views/records/__init__.mpy", "web/views/query.mpy", "web/views/notebook.mpy"):
        assert module in later and module not in first
    # What main.py imports before any view stays in the first.
    for module in ("web/shell.mpy", "web/session.mpy", "web/page.mpy", "zoho/token.mpy", "zoho/flow.mpy"):
        assert module in first
    tags = page_tags(site / "index.html")
    app = "./" + app_files(site).relative_to(site).as_posix()
    assert [attrs["content"] for tag, attrs in tags if tag == "meta" and attrs.get("name") == "views-archive"] \
        == [f"{app}/py/{packing.VIEWS_ARCHIVE}"]
    assert not [attrs for tag, attrs in tags if tag == "link" and packing.VIEWS_ARCHIVE in attrs.get("href", "")]


def test_only_the_view_registry_imports_a_module_by_name():
    """The split follows the source's import statements (sitebuild/imports.py): an import by name
    elsewhere could need a module of the second archive before it is there."""
    by_name = sorted(path.relative_to(ROOT / "app").as_posix() for package in ("web", "zoho")
                     for path in (ROOT / "app" / package).rglob("*.py")
                     if re.search(r"__import__\(|importlib|exec\(", path.read_text(encoding="utf-8")))
    assert by_name == ["web/views/__init__.py"]


def test_the_desktop_driver_stays_out_of_the_browser(sandbox_build):
    """zoho/desktop/ imports requests and runs only on CPython: neither archive carries it."""
    site = sandbox_build[1]
    for archive in ("py/app.tar.gz", "py/scratch/lib.tar.gz"):
        names = list(archive_members(site, archive))
        assert names and not [name for name in names if name.startswith("zoho/desktop")], archive


def test_the_notebook_workers_packages_come_in_one_archive_as_source(sandbox_build):
    site = sandbox_build[1]
    members = archive_members(site, "py/scratch/lib.tar.gz")
    sources = sorted(f"{package}/{path.relative_to(ROOT / 'app' / package).as_posix()}"
                     for package in ("scratch", "zoho") for path in (ROOT / "app" / package).rglob("*.py")
                     if path.name != "worker.py" and "desktop" not in path.parts)
    assert sorted(name for name, content in members.items() if content is not None) == sources
    assert all(members[name] == (ROOT / "app" / name).read_bytes() for name in sources)
    assert_folders_come_first(list(members))
    config = json.loads((app_files(site) / "pyodide.json").read_text())
    assert "./py/scratch/lib.tar.gz" in config["notebook_files"]
    assert (app_files(site) / "py" / "scratch" / "worker.py").is_file()


def test_the_archive_is_the_same_byte_for_byte_from_the_same_sources(tmp_path):
    config = build.load_config(SANDBOX_CONFIG)
    for folder in ("one", "two"):
        packing.pack_page_python(tmp_path / folder, config)
    assert (tmp_path / "one" / "py" / "app.tar.gz").read_bytes() == (tmp_path / "two" / "py" / "app.tar.gz").read_bytes()


def test_everything_the_page_preloads_is_in_the_site_and_asked_for_as_its_loader_does(sandbox_build):
    site = sandbox_build[1]
    preloads = [attrs for tag, attrs in page_tags(site / "index.html")
                if tag == "link" and attrs.get("rel") in ("preload", "modulepreload")]
    hrefs = [attrs["href"] for attrs in preloads]
    assert all((site / href).is_file() for href in hrefs), hrefs
    for wanted in ("py/app.tar.gz", "micropython.mjs"):
        assert any(href.endswith("/" + wanted) for href in hrefs), wanted
    # These the first script preloads once the first frame is shown (it says why).
    later = [attrs["content"] for tag, attrs in page_tags(site / "index.html")
             if tag == "meta" and attrs.get("name") == "preload-after-paint"]
    assert all((site / href).is_file() for href in later), later
    for wanted in ("micropython.json", "py/web/main.py", "micropython.wasm"):
        assert any(href.endswith("/" + wanted) for href in later) and not any(href.endswith("/" + wanted) for href in hrefs), wanted
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
    script = rendering.FIRST_SCRIPT.read_text()
    assert len(windows) == 2
    for name in (STORAGE_KEY, *windows):
        assert f'"{name}"' in script, name


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
    assert referenced - chunks == {"core.js", "micropython.mjs", "python-archive.js"}


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
        rendering.inline_style((sheet,))


def test_a_first_script_that_would_end_its_element_stops_the_build(tmp_path):
    script = tmp_path / "first-script.js"
    script.write_text('document.title = "</script>";\n')
    with pytest.raises(build.BuildError, match="</script"):
        rendering.inline_script(script)


ONE_SCOPE = 'scopes = ["ZohoCRM.users.READ"]\n'


def test_the_sign_in_choices_are_the_data_centres_whose_api_domain_the_site_accepts(tmp_path):
    everywhere = build.load_config(write_config(tmp_path, "[zoho]\nclient_id = \"1000.ABC\"\n" + ONE_SCOPE))
    locations = [choice["location"] for choice in everywhere.data_centres()]
    assert "us" in locations and "eu" in locations and "cn" in locations
    assert "uk" not in locations  # Zoho names no API domain for it, so no sign-in there could be used
    europe = build.load_config(write_config(
        tmp_path, '[zoho]\nclient_id = "1000.ABC"\napi_domains = ["https://www.zohoapis.eu"]\n' + ONE_SCOPE))
    assert [choice["location"] for choice in europe.data_centres()] == ["eu"]


def test_environments_follow_the_config_into_the_allowlist_and_the_csp(tmp_path):
    zoho = build.load_config(write_config(tmp_path, '[zoho]\nclient_id = "1000.ABC"\n' + ONE_SCOPE
                                          + 'api_domains = ["https://www.zohoapis.eu"]\n'
                                          + 'environments = ["production", "sandbox"]\n'))
    assert zoho.allowed_api_domains == ("https://www.zohoapis.eu", "https://sandbox.zohoapis.eu")
    page_config = json.loads(zoho.browser_json())
    assert page_config["api_domains"] == list(zoho.allowed_api_domains)
    assert [choice["name"] for choice in page_config["environments"]] == ["production", "sandbox"]
    assert "https://developer.zohoapis.eu" not in zoho.connect_origins()
    plain = build.load_config(write_config(tmp_path, '[zoho]\nclient_id = "1000.ABC"\n' + ONE_SCOPE))
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
    with pytest.raises(ConfigError) as raised:
        build.load_config(write_config(tmp_path, '[zoho]\nclient_id = "1000.ABC"\n' + ONE_SCOPE + lines + "\n"))
    assert problem in str(raised.value)


def notebook_config(tmp_path, wheels):
    listed = ", ".join(json.dumps(wheel) for wheel in wheels)
    return build.load_config(write_config(tmp_path, '[zoho]\nclient_id = "1000.ABC"\n' + ONE_SCOPE
                                          + f"[notebook]\nwheels = [{listed}]\n"))


def test_notebook_wheels_are_pinned_in_a_lock_the_build_writes_and_checks(tmp_path):
    config = notebook_config(tmp_path, ["tabulate==0.9.0"])
    (wheel,) = dependencies.ensure_notebook_wheels(config)
    lock_path = dependencies.notebook_lock_path(config)
    lock = json.loads(lock_path.read_text())
    assert lock == {"tabulate==0.9.0": {"filename": wheel.name,
                                        "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest()}}
    assert wheel.name.endswith("-none-any.whl")
    # A lock that pins other bytes stops the build, naming the requirement.
    lock_path.write_text(json.dumps({"tabulate==0.9.0": {"filename": wheel.name, "sha256": "0" * 64}}))
    with pytest.raises(build.BuildError, match="tabulate==0.9.0"):
        dependencies.ensure_notebook_wheels(config)
    # A requirement no longer in the config leaves the lock.
    lock_path.write_text(json.dumps(lock))
    dependencies.ensure_notebook_wheels(notebook_config(tmp_path, []))
    assert json.loads(lock_path.read_text()) == {}


def test_a_notebook_wheel_ships_with_the_site_for_pyodide_to_unpack(tmp_path):
    config = notebook_config(tmp_path, ["tabulate==0.9.0"])
    site = build.build(config, tmp_path / "site")
    (pyodide_config,) = site.glob("app/*/pyodide.json")
    files = json.loads(pyodide_config.read_text())["notebook_files"]
    assert any("tabulate-0.9.0" in name for name in files)
    (worker_python,) = site.glob("app/*/py/scratch/python.mjs")
    assert "tabulate-0.9.0" in worker_python.read_text()  # unpacked in the worker


def test_a_package_with_no_pure_python_wheel_is_refused_clearly(tmp_path):
    with pytest.raises(build.BuildError, match="pure-Python wheels"):
        dependencies.ensure_notebook_wheels(notebook_config(tmp_path, ["pydantic-core==2.27.2"]))


@pytest.mark.parametrize("wheels", [["tabulate"], ["tabulate>=0.9"], ["tabulate==0.9.0; python_version>'3'"],
                                    ["tabulate == 0.9.0"]])
def test_notebook_wheels_must_be_pinned(tmp_path, wheels):
    with pytest.raises(ConfigError, match=r"\[notebook\] wheels: pin each package"):
        notebook_config(tmp_path, wheels)
