"""Where the project's sources, the pinned runtime and the build's caches are."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_SOURCES = ROOT / "app"  # the page's and the worker's Python packages, the core among them
STATIC = ROOT / "static"  # templates, stylesheet, first script, assets
DEFAULT_CONFIG = ROOT / "config" / "sandbox.toml"
DEFAULT_OUT = ROOT / "build" / "site"
NODE_MODULES = ROOT / "node_modules"
PACKAGE_LOCK = ROOT / "package-lock.json"
WHEEL_CACHE = ROOT / ".cache" / "wheels"

# The project's own folders. The build never writes into them or below them, whether git is there
# or not (a copy of the project without .git has its sources here all the same).
PROJECT_FOLDERS = ("app", "bench", "config", "docs", "sandbox", "sitebuild", "static", "tests", ".ci", ".git",
                   ".github", ".cache", ".venv", "node_modules")
