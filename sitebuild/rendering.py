"""The pages (static/*.html.j2) and the service worker (static/sw.js.j2), rendered with the config
and the hashes of the files they reference."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
from markupsafe import Markup

from zoho.scopes import describe_scope

from sitebuild.config import SiteConfig
from sitebuild.digests import csp_source, sha256, subresource_integrity
from sitebuild.errors import BuildError
from sitebuild.packing import APP_ARCHIVE, ARCHIVE_SCRIPT, CHART_SCRIPTS, UNUSED_PYSCRIPT_PLUGINS, VIEWS_ARCHIVE
from sitebuild.project import NODE_MODULES, STATIC

# The page's first script, inlined into it (static/index.html.j2).
FIRST_SCRIPT = STATIC / "first-script.js"
# The page's stylesheets, inlined into it: a stylesheet of its own would be a round trip
# before the sign-in card can be painted.
STYLESHEETS = (NODE_MODULES / "@pyscript" / "core" / "dist" / "core.css", STATIC / "app.css")


def render_templates(config: SiteConfig, out: Path, runtime: str, app: str) -> None:
    """The pages (*.html.j2) and the service worker (sw.js.j2), beside each other at the top.

    Pages get ``integrity(path)`` for the files they reference, and the first script inline with
    its CSP hash; the service worker gets the SHA-256 of every file it may serve.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(STATIC),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    first_script, first_script_source = inline_script(FIRST_SCRIPT)
    stylesheet, stylesheet_source = inline_style(STYLESHEETS)
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
        "integrity": lambda path: subresource_integrity(out / path),
        "build_files": {path: sha256(out / path) for path in versioned},
        "precache": _first_screen_files(versioned, runtime, app),
        "sign_in": _sign_in_card(config),
        "app_archive": APP_ARCHIVE,
        "views_archive": VIEWS_ARCHIVE,
        "archive_script": ARCHIVE_SCRIPT,
        "chart_scripts": CHART_SCRIPTS,
        # PyScript's chunks that core.js imports at once: its core, and the error plugin.
        "pyscript_chunks": sorted(path.name for pattern in ("core-*.js", "error-*.js")
                                  for path in (out / runtime / "pyscript").glob(pattern)),
    }
    for template in sorted(STATIC.glob("*.j2")):
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
    service worker to fetch ahead): all of it but Pyodide, the wheels, the worker and the
    markdown renderer (loaded with the first markdown cell) and the charts' library (with the first chart)."""
    later = (f"./{runtime}/pyodide/", f"./{runtime}/markdown-it/", f"./{runtime}/vega/", f"./{app}/wheels/", f"./{app}/py/scratch/", f"./{app}/pyodide.json")
    return [path for path in versioned if not path.startswith(later)]


def inline_script(path: Path) -> tuple[Markup, str]:
    """The script's text, to put between <script> and </script> as it is, and the CSP
    script-src source that allows exactly that text."""
    return _inline(path.read_text(encoding="utf-8"), "script", path)


def inline_style(paths: tuple[Path, ...]) -> tuple[Markup, str]:
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
    return Markup(text), csp_source(text)
