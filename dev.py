"""The two commands of the README, with all their set-up. Standard library only.

    python3 dev.py run          set up, build, and serve the app with the local Zoho sandbox
    python3 dev.py test         set up (a browser too, when none is there) and run every test
    python3 dev.py screenshots  take the README's screenshots again (into docs/screenshots/)

Set-up: a virtual environment in .venv with the project installed, the pinned
browser runtime from package-lock.json (npm ci), and for tests a Chromium.
Each step is skipped when already done.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

from devsupport import browser_executable

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
EXTRAS = {"run": "sandbox", "test": "test", "screenshots": "test"}
# The look tests take the screenshots (into build/screenshots/); this command keeps them.
SCREENSHOT_TESTS = "tests/browser/test_look.py"
SCREENSHOTS = ROOT / "build" / "screenshots"
README_SCREENSHOTS = ROOT / "docs" / "screenshots"
ENSURE_RUNTIME = """
import sys, build
try:
    build.ensure_runtime()
except build.BuildError as error:
    sys.exit(f"build: error: {error}")
"""


def say(message):
    print(f"dev: {message}", flush=True)


def check(command, **kwargs):
    result = subprocess.run(command, cwd=ROOT, **kwargs)
    if result.returncode != 0:
        sys.exit(f"dev: failed ({result.returncode}): {' '.join(map(str, command))}")


def ensure_venv(extra):
    """Create .venv and install the project with ``extra``; redone when pyproject.toml changes."""
    if not PYTHON.exists():
        say("creating the virtual environment in .venv")
        venv.create(VENV, with_pip=True)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / f".installed-{extra}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"installing the project and its {extra!r} dependencies into .venv")
    check([PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f".[{extra}]"])
    stamp.write_text(digest)


def ensure_browser():
    """Debian's Chromium when we may install it (root with apt-get), else Playwright's own."""
    if browser_executable():
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say("installing Chromium with apt-get")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        check(["apt-get", "update", "-qq"], env=env)
        check(["apt-get", "install", "-y", "-qq", "chromium"], env=env)
        if browser_executable():
            return
    say("installing Playwright's Chromium (python -m playwright install chromium)")
    check([PYTHON, "-m", "playwright", "install", "chromium"])


def main(argv):
    if len(argv) != 1 or argv[0] not in EXTRAS:
        print(__doc__)
        return 2
    command = argv[0]
    ensure_venv(EXTRAS[command])
    # The pinned browser runtime (npm ci), when missing or when package-lock.json changed.
    check([PYTHON, "-c", ENSURE_RUNTIME])
    if command == "run":
        return subprocess.run([PYTHON, "build.py", "serve"], cwd=ROOT).returncode
    ensure_browser()
    if command == "test":
        return subprocess.run([PYTHON, "-m", "pytest"], cwd=ROOT).returncode
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    check([PYTHON, "-m", "pytest", "-q", SCREENSHOT_TESTS])
    for shot in sorted(SCREENSHOTS.glob("*.png")):
        shutil.copy2(shot, README_SCREENSHOTS / shot.name)
        say(f"updated {(README_SCREENSHOTS / shot.name).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
