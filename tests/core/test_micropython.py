"""The core on PyScript's MicroPython: the portable checks must all run and pass there too."""

import json
import os
import re
import shutil
import subprocess

import pytest

from . import portable_checks as P
from . import portable_rules  # noqa: F401 - registers its checks in P.CHECKS
from . import portable_bulk  # noqa: F401 - likewise, after it (the order run_micropython.mjs imports them in)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORE = os.path.join(ROOT, "app", "zoho")
RUNNER = os.path.join(HERE, "run_micropython.mjs")
MICROPYTHON = os.path.join(ROOT, "node_modules", "@micropython", "micropython-webassembly-pyscript", "micropython.mjs")
CHECK_NAMES = [fn.__name__ for fn in P.CHECKS]


@pytest.fixture(scope="module")
def summary():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed; the MicroPython checks need Node 20")
    if not os.path.exists(MICROPYTHON):
        pytest.fail("MicroPython is missing from node_modules; run `npm ci` in " + ROOT)
    done = subprocess.run([node, RUNNER], cwd=ROOT, capture_output=True, text=True, timeout=60)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, "no summary from run_micropython.mjs:\n" + done.stdout + done.stderr
    result = json.loads(lines[-1])
    assert "error" not in result, result
    return result


def test_checks_run_on_micropython(summary):
    assert summary["implementation"] == "micropython"
    assert summary["names"] == CHECK_NAMES


@pytest.mark.parametrize("name", CHECK_NAMES)
def test_check_passes_on_micropython(summary, name):
    failures = {f["name"]: f["error"] for f in summary["failed"]}
    assert name not in failures, failures.get(name)


@pytest.mark.parametrize("check", P.CHECKS, ids=CHECK_NAMES)
def test_check_passes_on_cpython(check):
    check()


def core_files():
    return sorted(name for name in os.listdir(CORE) if name.endswith(".py"))


FORBIDDEN_IMPORT = re.compile(
    r"^\s*(from|import)\s+(js|pyscript|pyodide|typing|dataclasses|enum|abc|secrets|os|random|urllib)\b.*$", re.M
)


@pytest.mark.parametrize("name", core_files())
def test_core_stays_portable_and_sans_io(name):
    with open(os.path.join(CORE, name), encoding="utf-8") as f:
        source = f.read()
    found = [m.group(0).strip() for m in FORBIDDEN_IMPORT.finditer(source)]
    # urllib is allowed only as the guarded CPython branch of urlcodec.
    if name == "urlcodec.py":
        found = [line for line in found if not line.startswith("from urllib.parse import")]
    assert not found, found
    for call in ("time.time(", "time_ns(", "urandom(", "getRandomValues(", "random()"):
        assert call not in source, call
