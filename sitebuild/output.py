"""The output folder: the build replaces it whole, so only a folder it may replace is accepted.

The build writes SITE_MARKER into the folder: the folder it was written for, and every file the
build wrote with its SHA-256. A rebuild deletes the folder only when every file in it is proven
by its content to be one the build wrote; a file added since, or changed since, is refused and
named (nothing is deleted). A marker copied from elsewhere proves nothing by itself.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from sitebuild.digests import sha256
from sitebuild.errors import ForeignFolderError, ProjectFolderError, UnprovenFilesError
from sitebuild.project import PROJECT_FOLDERS, ROOT

SITE_MARKER = ".zoho-site"
FIX = "pass --out a folder of its own, such as build/site/ or _site/"
LISTED = 10  # files named in a message, at most


def check_output_folder(out: Path, force: bool = False, project: Path = ROOT) -> None:
    """Refuse an output folder whose replacement could delete files this build did not write.

    The folder must be new, empty, or an earlier output of this build in this folder (its
    SITE_MARKER names it) whose every file is, byte for byte, one the build wrote; ``force`` also
    accepts an earlier output moved or copied here, on the same proof. Never ``project``, a folder
    above it, its own folders, or a folder holding other files git tracks.
    """
    out = out.resolve()
    if project.is_relative_to(out):
        raise ProjectFolderError(f"{out} is the project's folder or holds it, and the build replaces its output "
                                 f"folder whole: {FIX}")
    source = next((name for name in PROJECT_FOLDERS if out.is_relative_to(project / name)), None)
    if source is not None:
        raise ProjectFolderError(f"{out} belongs to the project's own folder {source}/: {FIX}")
    if not out.exists():
        return
    if not out.is_dir():
        raise ForeignFolderError(f"{out} is a file, not a folder: {FIX}")
    marker = _read_marker(out)
    present = _files_below(out) - {SITE_MARKER}
    proven = {name for name in present if marker is not None and _wrote(out, name, marker["files"])}
    # A committed copy of an earlier output is fine to replace; any other tracked file is sources.
    tracked = sorted(set(_tracked_files(out)) - proven - {SITE_MARKER})
    if tracked:
        raise ProjectFolderError(f"{out} holds files tracked by git ({_some(tracked)}), and the build replaces "
                                 f"its output folder whole: {FIX}")
    if not any(out.iterdir()):
        return
    if marker is None:
        raise ForeignFolderError(f"{out} is not empty and is no earlier output of this build (it has no valid "
                                 f"{SITE_MARKER} file), and the build replaces its output folder whole: {FIX}, "
                                 "or empty this one yourself")
    if marker["folder"] is None:
        raise ForeignFolderError(f"{out} was built by an older version of the build, whose {SITE_MARKER} does not "
                                 "hold the SHA-256 of the files it wrote, so nothing proves they are unchanged: "
                                 "delete the folder yourself and build again, or " + FIX)
    if marker["folder"] != str(out) and not force:
        raise ForeignFolderError(f"{out} holds a {SITE_MARKER} written for another folder ({marker['folder']}): "
                                 "the site was moved or copied here, or only its marker was. Pass --force to "
                                 "replace it when every file in it is one the build wrote (each is checked by "
                                 f"its SHA-256), or {FIX}")
    added = sorted(present - set(marker["files"]))
    changed = sorted(present - proven - set(added))
    if added or changed:
        found = "; ".join(f"{what}: {_some(names)}" for what, names in
                          (("added since", added), ("changed since", changed)) if names)
        raise UnprovenFilesError(f"{out} is an earlier output of this build, but holds files the build did not "
                                 f"write as they are ({found}). The build deletes only files it wrote: move "
                                 "these out of the folder or delete them yourself, and build again; or " + FIX)


def write_marker(site: Path, folder: Path, build_id: str) -> None:
    """Record in ``site`` every file below it with its SHA-256, for the folder it will be: ``folder``."""
    files = {name: sha256(site / name) for name in sorted(_files_below(site))}
    marker = {"build": build_id, "folder": str(folder.resolve()), "files": files}
    (site / SITE_MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")


def replace(out: Path, site: Path, force: bool = False) -> None:
    """Put the built ``site`` where ``out`` is, deleting the earlier output there once more proven
    to be only files the build wrote (a person may have added one while this build ran)."""
    if out.exists():
        check_output_folder(out, force)
        shutil.rmtree(out)
    site.rename(out)


def _some(paths: list[str]) -> str:
    """The first few of ``paths``, for a message."""
    more = f" and {len(paths) - LISTED} more" if len(paths) > LISTED else ""
    return ", ".join(paths[:LISTED]) + more


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


def _wrote(folder: Path, name: str, files: dict[str, str]) -> bool:
    """Whether the file ``name`` below ``folder`` is, byte for byte, the one the marker lists."""
    path = folder / name
    if name not in files or path.is_symlink() or not path.is_file():  # the build writes no links, no devices
        return False
    try:
        return sha256(path) == files[name]
    except OSError:
        return False


def _read_marker(folder: Path) -> dict | None:
    """The folder's SITE_MARKER as {"folder": str, "files": {name: sha256}}; "folder" None for an
    older build's marker (names only); None without a valid marker."""
    try:
        marker = json.loads((folder / SITE_MARKER).read_text(encoding="utf-8"))
        files, written_for = marker["files"], marker.get("folder")
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if isinstance(files, list) and written_for is None and all(isinstance(name, str) for name in files):
        return {"folder": None, "files": {}}
    if not isinstance(written_for, str) or not isinstance(files, dict) or not all(
            isinstance(name, str) and isinstance(digest, str) for name, digest in files.items()):
        return None
    return {"folder": written_for, "files": files}
