"""What the site is built from besides the app: the pinned browser runtime (npm ci of
package-lock.json) and the notebook's wheels from PyPI, each pinned by its SHA-256."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sitebuild.config import SiteConfig
from sitebuild.digests import sha256
from sitebuild.errors import BuildError
from sitebuild.project import NODE_MODULES, PACKAGE_LOCK, ROOT, WHEEL_CACHE


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



def ensure_runtime() -> None:
    """Install the pinned runtime with `npm ci` when it is missing or the lockfile changed."""
    lock_digest = sha256(PACKAGE_LOCK)
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
        digest = sha256(path)
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
            known = {"filename": downloaded.name, "sha256": sha256(WHEEL_CACHE / downloaded.name)}
        path = WHEEL_CACHE / known["filename"]
        if not path.exists():
            _download_pure_wheels([requirement], WHEEL_CACHE)
        if sha256(path) != known["sha256"]:
            raise BuildError(f"{path} has sha256 {sha256(path)}, but {lock_path} pins {known['sha256']} for "
                             f"{requirement}: if you mean to change it, delete its entry and build again")
        pinned[requirement] = known
        paths.append(path)
    if pinned != lock and (pinned or lock_path.exists()):
        lock_path.write_text(json.dumps(pinned, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return paths
