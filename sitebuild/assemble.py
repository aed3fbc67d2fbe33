"""build(): the whole site, assembled in a staging folder beside the output that then replaces it."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from sitebuild.config import SiteConfig
from sitebuild.dependencies import ensure_notebook_wheels, ensure_runtime, ensure_wheels
from sitebuild.digests import short_digest
from sitebuild.output import check_output_folder, replace, write_marker
from sitebuild.packing import copy_runtime, write_app_files
from sitebuild.project import PACKAGE_LOCK, ROOT
from sitebuild.rendering import render_templates


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
        runtime = f"runtime/{short_digest([PACKAGE_LOCK], ROOT)}"
        copy_runtime(staging / runtime)
        app_files = staging / "app" / "unversioned"
        write_app_files(config, app_files, wheels, runtime)
        app = f"app/{short_digest(sorted(app_files.rglob('*')), app_files)}"
        app_files.rename(staging / app)
        render_templates(config, staging, runtime, app)
        write_marker(staging, out, f"{runtime} {app}")
        replace(out, staging, force)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out
