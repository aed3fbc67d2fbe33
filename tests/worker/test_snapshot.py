"""Pyodide's memory snapshot of the worker (scratch/snapshot.py), on CPython: it holds every module
worker.py imports, and a start from it does not repeat what must differ from worker to worker."""

import ast
import random
import sys
from pathlib import Path

from scratch import snapshot

APP = Path(__file__).resolve().parents[2] / "app"
JAVASCRIPT_MODULES = {"js", "pyodide_js"}  # the worker's own, never in a snapshot


def _module_names(tree):
    """The modules a source imports at its top level (``from package import module`` as the module)."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                inner = f"{node.module}.{alias.name}"
                names.add(inner if (APP / (inner.replace(".", "/") + ".py")).is_file() else node.module)
    return names


def test_the_snapshot_holds_every_module_the_worker_imports():
    worker = _module_names(ast.parse((APP / "scratch" / "worker.py").read_text()))
    assert worker - JAVASCRIPT_MODULES - {"scratch.snapshot"} <= set(snapshot.MODULES)
    assert "requests" in snapshot.MODULES  # what pyodide_http.patch_all() imports, the longest import of all
    assert not JAVASCRIPT_MODULES & set(snapshot.MODULES)


def test_a_start_from_the_snapshot_reseeds_random_and_says_so(monkeypatch):
    monkeypatch.setattr(snapshot, "RESTORED", False)
    random.seed(23)
    first = [random.random() for _ in range(3)]
    random.seed(23)  # the state every worker started from the snapshot would share
    snapshot.renew()
    assert [random.random() for _ in range(3)] != first
    assert snapshot.RESTORED


def test_a_start_from_the_snapshot_keeps_one_of_each_import_path(monkeypatch):
    monkeypatch.setattr(sys, "path", ["", "", "/lib/python314.zip", "/home/pyodide", "/lib/python314.zip"])
    snapshot.renew()
    assert sys.path == ["", "/lib/python314.zip", "/home/pyodide"]
