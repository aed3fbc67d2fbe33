"""The notebook worker's Python (py/scratch/python.mjs, PyScript's interpreter for the worker):
it loads the build's own Pyodide, unpacks every archive the page downloads ahead, and keys its
memory snapshots by what they are made of."""

from __future__ import annotations

import json
import re

import pytest

from sitebuild import packing

from .test_site import app_files


def _worker_python(site):
    config = json.loads((app_files(site) / "pyodide.json").read_text())
    module = app_files(site) / config["interpreter"]
    return config, module, module.read_text()


def _constant(text, name):
    return json.loads(re.search(rf"^const {name} = (.+?);", text, re.MULTILINE).group(1))


def test_the_worker_loads_the_builds_pyodide_through_its_own_module(sandbox_build):
    site = sandbox_build[1]
    config, module, text = _worker_python(site)
    assert config["interpreter"] == "./py/scratch/python.mjs" and "files" not in config  # PyScript unpacks nothing
    imported = re.findall(r'^import .+ from "(.+)";$', text, re.MULTILINE)
    assert sorted(path.rsplit("/", 1)[-1] for path in imported) == ["pyodide.asm.mjs", "pyodide.mjs"]
    assert all((module.parent / path).resolve().is_file() for path in imported)
    assert all((module.parent / path).resolve().is_relative_to(site / "runtime") for path in imported)


def test_it_unpacks_every_archive_the_page_downloads_ahead(sandbox_build):
    site = sandbox_build[1]
    config, module, text = _worker_python(site)
    unpacked = [(module.parent / name).resolve() for name in _constant(text, "FILES")]
    ahead = [(app_files(site) / name).resolve() for name in config["notebook_files"]]
    assert all(path.is_file() for path in ahead)
    assert unpacked == [path for path in ahead if path.name.endswith((".whl", ".tar.gz"))]
    assert [path.name for path in unpacked][-1] == packing.WORKER_ARCHIVE
    assert {path.name for path in ahead} >= set(packing.PYODIDE_FILES)


def test_its_snapshot_key_is_the_digest_of_what_a_snapshot_is_made_of(sandbox_build, tmp_path):
    text = _worker_python(sandbox_build[1])[2]
    assert re.fullmatch(r"[0-9a-f]{64}", _constant(text, "KEY"))
    files = [tmp_path / name for name in ("pyodide.asm.wasm", "lib.tar.gz", "python.mjs.j2")]
    for path in files:
        path.write_bytes(path.name.encode())
    key = packing.snapshot_key(files)
    assert packing.snapshot_key(files) == key
    for path in files:  # any file changed: another key, so no other build's snapshot is restored
        saved = path.read_bytes()
        path.write_bytes(saved + b"changed")
        assert packing.snapshot_key(files) != key, path.name
        path.write_bytes(saved)
    assert packing.snapshot_key(files[:2]) != key


def test_the_same_sources_give_the_same_key_and_module(tmp_path):
    archive = tmp_path / "one" / "py" / "scratch"
    for folder in ("one", "two"):
        packing.pack_worker_python(tmp_path / folder)
        packing.write_worker_python(tmp_path / folder, "runtime/abc", ["./py/scratch/lib.tar.gz"])
    assert (archive / "python.mjs").read_bytes() == (tmp_path / "two" / "py" / "scratch" / "python.mjs").read_bytes()


@pytest.mark.parametrize(("site_url", "keeps"), [
    ("https://you.github.io/your-repo/", False), ("https://You.GitHub.io/", False),  # one origin, many sites
    ("https://crm.example.org/", True), ("http://127.0.0.1:8700/", True), ("", True),
])
def test_snapshots_are_kept_only_where_the_site_has_its_origin_to_itself(site_url, keeps):
    assert packing.keeps_snapshots(site_url) is keeps


def test_a_github_pages_build_keeps_no_snapshot(production_build):
    site = production_build[3]
    text = _worker_python(site)[2]
    assert _constant(text, "KEY") is None
