"""The two commands of the README, with all their set-up. Standard library only.

    python3 dev.py run    set up, build, and serve the app with the local Zoho sandbox
    python3 dev.py test   set up (a browser too, when none is there) and run every test

Set-up: a virtual environment in .venv with the project installed, the pinned
browser runtime from package-lock.json (npm ci), and for tests a Chromium.
Each step is skipped when already done.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
EXTRAS = {"run": "sandbox", "test": "test"}
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


def browser_executable():
    settings = json.loads((ROOT / "playwright.config.json").read_text())
    for candidate in settings["browser"]["executable_candidates"]:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


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
    return subprocess.run([PYTHON, "-m", "pytest"], cwd=ROOT).returncode


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
