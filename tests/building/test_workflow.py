"""The GitHub Pages workflow: actionlint, the build's variables, the tests before the deploy, the
runner's Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import PAGES_WORKFLOW, ROOT, WORKFLOWS


def actionlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    program = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if program is None:
        pytest.fail("actionlint is not installed: pip install -e '.[test]'")
    return subprocess.run([program, "-no-color", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          check=False)


def test_workflows_have_no_actionlint_findings():
    workflows = sorted(str(path) for path in WORKFLOWS.glob("*.y*ml"))
    assert workflows
    result = actionlint(*workflows, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(PAGES_WORKFLOW.read_text().replace("steps.deployment.outputs", "steps.deploymnet.outputs"))
    result = actionlint(str(broken), cwd=tmp_path)
    assert result.returncode == 1
    assert "deploymnet" in result.stdout


def test_workflow_passes_the_build_its_variables():
    text = PAGES_WORKFLOW.read_text()
    assert "ZOHO_CLIENT_ID: ${{ vars.ZOHO_CLIENT_ID }}" in text
    assert "SITE_URL: ${{ steps.pages.outputs.base_url }}" in text


def test_workflow_runs_every_test_with_the_readme_command_before_it_builds_and_deploys():
    readme_commands = re.findall(r"^(python3 dev\.py test)\b", (ROOT / "README.md").read_text(), re.MULTILINE)
    assert readme_commands
    text = PAGES_WORKFLOW.read_text()
    runs = [line.split("run:", 1)[1].strip() for line in text.splitlines() if re.match(r"\s*(- )?run: ", line)]
    assert readme_commands[0] in runs
    assert runs.index(readme_commands[0]) < next(index for index, run in enumerate(runs) if " build.py " in run)
    assert "needs: build" in text


def test_the_browser_tests_in_the_workflow_use_the_runners_chromium():
    """GitHub's Ubuntu runners link their Chromium at /usr/bin/chromium (actions/runner-images,
    install-google-chrome.sh); the workflow stops when devsupport.py finds no browser there."""
    settings = json.loads((ROOT / "playwright.config.json").read_text())
    assert "/usr/bin/chromium" in settings["browser"]["executable_candidates"]
    assert "from devsupport import browser_executable" in PAGES_WORKFLOW.read_text()
