"""The pinned wheels (their hashes checked), and a failed build that leaves the previous site whole or
no output at all."""

from __future__ import annotations

import hashlib
import shutil

import pytest

import build
from sitebuild import dependencies, packing

from .helpers import SANDBOX_CONFIG, folder_contents, run_main


@pytest.fixture
def wheel_cache(tmp_path, monkeypatch):
    """A wheel cache with a stand-in wheel whose hash is the pinned one."""
    cache = tmp_path / "wheels"
    cache.mkdir()
    wheel = dependencies.PinnedWheel("stand-in==1.0", "stand_in-1.0-py3-none-any.whl",
                              hashlib.sha256(b"the genuine wheel").hexdigest())
    (cache / wheel.filename).write_bytes(b"the genuine wheel")
    monkeypatch.setattr(dependencies, "WHEEL_CACHE", cache)
    monkeypatch.setattr(dependencies, "BROWSER_WHEELS", (wheel,))
    return cache / wheel.filename


def test_wheel_with_the_pinned_hash_is_used(wheel_cache):
    assert dependencies.ensure_wheels() == [wheel_cache]


def test_tampered_wheel_is_refused_and_nothing_is_built(tmp_path, wheel_cache):
    wheel_cache.write_bytes(b"the genuine wheel, and a little extra")
    with pytest.raises(build.BuildError, match="sha256"):
        dependencies.ensure_wheels()
    out = tmp_path / "site"
    with pytest.raises(build.BuildError, match="tampered"):
        build.build(build.load_config(SANDBOX_CONFIG), out)
    assert not out.exists()


@pytest.fixture
def missing_runtime_file(monkeypatch):
    missing = ("pyodide", ("not-in-the-package.wasm",), "pyodide")
    monkeypatch.setattr(packing, "RUNTIME_FILES", (*packing.RUNTIME_FILES, missing))


def test_failed_build_keeps_the_previous_site_whole(tmp_path, sandbox_build, missing_runtime_file):
    out = tmp_path / "site"
    shutil.copytree(sandbox_build[1], out)
    previous = folder_contents(out)
    with pytest.raises(build.BuildError, match="not-in-the-package.wasm"):
        build.build(build.load_config(SANDBOX_CONFIG), out, force=True)  # force: a copy of an earlier output
    assert folder_contents(out) == previous
    assert [path.name for path in tmp_path.iterdir()] == ["site"]  # no staging directory left


def test_failed_first_build_leaves_no_output(tmp_path, missing_runtime_file):
    out = tmp_path / "site"
    code, _, stderr = run_main(["--config", SANDBOX_CONFIG, "--out", out])
    assert code != 0 and "not-in-the-package.wasm" in stderr
    assert list(tmp_path.iterdir()) == []
