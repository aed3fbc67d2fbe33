"""The output folder: only a folder the build may replace is replaced, and it deletes only the files
it wrote, proven by their SHA-256 (issue 20)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

import build
from sitebuild import assemble, output, packing
from sitebuild.errors import ProjectFolderError

from .helpers import ROOT, SANDBOX_CONFIG, folder_contents, run_main, write_files


def git(repository: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repository), *args], check=True, capture_output=True)


@pytest.fixture
def project_copy(tmp_path):
    """A stand-in for the project without git: its own folders with sources."""
    root = tmp_path / "project"
    write_files(root, {"build.py": "# the build\n", "app/zoho/core.py": "CORE = 1\n",
                       "static/index.html.j2": "<p>the page</p>\n", "tests/test_core.py": "def test(): pass\n"})
    return root


@pytest.mark.parametrize("relative", [".", "..", "app", "app/zoho", "static", "tests/site"],
                         ids=["the project", "the folder above it", "app", "inside app", "static",
                              "a new folder inside tests"])
def test_the_project_and_its_own_folders_are_refused_even_without_git(tmp_path, project_copy, relative):
    out = (project_copy / relative).resolve()
    before = folder_contents(tmp_path)
    with pytest.raises(ProjectFolderError) as raised:
        output.check_output_folder(out, force=True, project=project_copy)
    assert str(out) in str(raised.value) and "--out" in str(raised.value)
    assert folder_contents(tmp_path) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project"]


def test_every_folder_git_tracks_in_the_project_is_one_the_build_keeps_out_of():
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        pytest.skip("the project is not a git working tree here")
    folders = {path.split("/")[0] for path in listed.stdout.splitlines() if "/" in path}
    assert folders and folders <= set(output.PROJECT_FOLDERS)


@pytest.fixture
def repository(tmp_path):
    """A git repository with a tracked folder of notes, outside the project."""
    root = tmp_path / "repository"
    write_files(root, {"notes/plan.txt": "the plan\n", "notes/todo.txt": "to do\n"})
    git(root, "init", "-q")
    git(root, "add", "notes")
    return root


def test_a_folder_of_files_git_tracks_is_refused_even_with_force(repository):
    before = folder_contents(repository)
    code, stdout, stderr = run_main(["--config", SANDBOX_CONFIG, "--out", repository / "notes", "--force"])
    assert code == 2 and stdout == ""
    assert str(repository / "notes") in stderr and "tracked by git" in stderr and "--out" in stderr
    assert folder_contents(repository) == before


def test_a_committed_earlier_output_is_rebuilt_but_not_with_tracked_files_added(repository):
    site = repository / "site"
    assert run_main(["--config", SANDBOX_CONFIG, "--out", site])[0] == 0
    git(repository, "add", "site")
    assert run_main(["--config", SANDBOX_CONFIG, "--out", site])[0] == 0
    (site / "CNAME").write_text("crm.example.org\n")
    git(repository, "add", "site/CNAME")
    before = folder_contents(repository)
    code, _, stderr = run_main(["--config", SANDBOX_CONFIG, "--out", site, "--force"])
    assert code == 2 and "CNAME" in stderr and "tracked by git" in stderr
    assert folder_contents(repository) == before


@pytest.mark.parametrize("make", ["a folder of files", "a folder with a broken marker", "a file"])
@pytest.mark.parametrize("force", [False, True], ids=["", "--force"])
def test_what_the_build_did_not_make_is_refused_and_left_as_it_was(tmp_path, make, force):
    out = tmp_path / "mine"
    if make == "a file":
        out.write_text("my notes\n")
    else:
        write_files(out, {"notes.txt": "my notes\n", "photos/cat.txt": "a cat\n"})
    if make == "a folder with a broken marker":
        (out / output.SITE_MARKER).write_text("made by hand\n")
    before = folder_contents(tmp_path)
    code, stdout, stderr = run_main(["--config", SANDBOX_CONFIG, "--out", out] + ["--force"] * force)
    assert code == 2 and stdout == ""
    assert str(out) in stderr and "--out" in stderr and "--force" not in stderr
    assert folder_contents(tmp_path) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["mine"]


def test_a_new_or_empty_folder_gets_the_site_and_a_marker_of_its_files_and_their_sha256(tmp_path):
    for out in (tmp_path / "new" / "site", tmp_path / "empty"):
        tmp_path.joinpath("empty").mkdir(exist_ok=True)
        assert run_main(["--config", SANDBOX_CONFIG, "--out", out])[0] == 0
        marker = json.loads((out / output.SITE_MARKER).read_text())
        files = folder_contents(out)
        del files[output.SITE_MARKER]
        assert marker["files"] == {name: hashlib.sha256(content).hexdigest() for name, content in files.items()}
        assert "index.html" in marker["files"]
        assert marker["folder"] == str(out.resolve())


def test_an_earlier_output_is_replaced(tmp_path):
    out = tmp_path / "site"
    assert run_main(["--config", SANDBOX_CONFIG, "--out", out])[0] == 0
    (out / "index.html").unlink()  # a file the build wrote, gone since: nothing of anyone's is lost
    assert run_main(["--config", SANDBOX_CONFIG, "--out", out])[0] == 0
    assert (out / "index.html").is_file()


def rebuild_refused(out: Path, *names: str, force: bool = False) -> str:
    """Build into ``out`` and check the build refused, naming each of ``names`` and deleting nothing
    around ``out``: the error message."""
    before = folder_contents(out.parent)
    code, stdout, stderr = run_main(["--config", SANDBOX_CONFIG, "--out", out] + ["--force"] * force)
    assert code == 2 and stdout == ""
    assert str(out) in stderr and all(name in stderr for name in names), stderr
    assert folder_contents(out.parent) == before
    return stderr


@pytest.mark.parametrize("force", [False, True], ids=["", "--force"])
def test_files_added_to_an_earlier_output_are_refused_and_named_never_deleted(tmp_path, force):
    out = tmp_path / "site"
    assert run_main(["--config", SANDBOX_CONFIG, "--out", out])[0] == 0
    write_files(out, {"CNAME": "crm.example.org\n", "drafts/notes.txt": "my notes\n"})
    stderr = rebuild_refused(out, "CNAME", "drafts/notes.txt", force=force)
    assert "added since" in stderr


@pytest.mark.parametrize("force", [False, True], ids=["", "--force"])
def test_a_file_of_an_earlier_output_changed_by_hand_is_refused_and_named_never_deleted(tmp_path, force):
    out = tmp_path / "site"
    assert run_main(["--config", SANDBOX_CONFIG, "--out", out])[0] == 0
    (out / "index.html").write_text("<p>my own page</p>\n")
    stderr = rebuild_refused(out, "index.html", force=force)
    assert "changed since" in stderr


def test_a_file_added_while_the_build_runs_is_refused_and_kept(tmp_path, monkeypatch):
    out = tmp_path / "site"
    assert run_main(["--config", SANDBOX_CONFIG, "--out", out])[0] == 0
    copy_runtime = packing.copy_runtime

    def copy_runtime_while_someone_adds_a_file(target: Path) -> None:
        write_files(out, {"CNAME": "crm.example.org\n"})
        copy_runtime(target)

    monkeypatch.setattr(assemble, "copy_runtime", copy_runtime_while_someone_adds_a_file)
    with pytest.raises(build.BuildError, match="CNAME"):
        build.build(build.load_config(SANDBOX_CONFIG), out)
    assert (out / "CNAME").read_text() == "crm.example.org\n" and (out / "index.html").is_file()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]  # no staging folder left


def copy_marker(site: Path, folder: Path, written_for: Path | None = None) -> None:
    """Put ``site``'s marker into ``folder``, as it is or rewritten to name ``written_for``."""
    marker = json.loads((site / output.SITE_MARKER).read_text())
    if written_for is not None:
        marker["folder"] = str(written_for.resolve())
    (folder / output.SITE_MARKER).write_text(json.dumps(marker))


@pytest.mark.parametrize("force", [False, True], ids=["", "--force"])
def test_a_marker_copied_into_a_folder_the_build_never_made_proves_nothing(tmp_path, sandbox_build, force):
    out = tmp_path / "mine"
    write_files(out, {"notes.txt": "my notes\n", "photos/cat.txt": "a cat\n"})
    copy_marker(sandbox_build[1], out)
    stderr = rebuild_refused(out, str(sandbox_build[1]) if not force else "notes.txt", force=force)
    assert force or "--force" in stderr  # without it: the marker names another folder
    assert not force or "photos/cat.txt" in stderr


def test_a_copied_marker_naming_this_folder_does_not_prove_the_files_it_lists(tmp_path, sandbox_build):
    out = tmp_path / "mine"
    write_files(out, {"index.html": "<p>my own page</p>\n", "sw.js": "// my own worker\n"})
    copy_marker(sandbox_build[1], out, written_for=out)
    stderr = rebuild_refused(out, "index.html", "sw.js", force=True)
    assert "changed since" in stderr


def test_a_site_moved_here_is_replaced_only_with_force_each_file_proven(tmp_path, sandbox_build):
    out = tmp_path / "site"
    shutil.copytree(sandbox_build[1], out)
    rebuild_refused(out, str(sandbox_build[1]), "--force")
    assert run_main(["--config", SANDBOX_CONFIG, "--out", out, "--force"])[0] == 0
    assert json.loads((out / output.SITE_MARKER).read_text())["folder"] == str(out.resolve())


def test_an_older_builds_marker_without_hashes_is_refused_saying_what_to_do(tmp_path):
    out = tmp_path / "site"
    write_files(out, {"index.html": "<p>an older site</p>\n",
                      output.SITE_MARKER: json.dumps({"build": "runtime/x app/y", "files": ["index.html"]})})
    stderr = rebuild_refused(out, "older version", "SHA-256", "delete the folder yourself")
    assert "--force" not in stderr
