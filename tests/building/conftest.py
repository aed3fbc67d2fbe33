"""The build's tests' fixtures: the site as the Pages workflow builds it, and a plain build of the
sandbox config (each built once per test run), with the caller's build variables out of the way."""

from __future__ import annotations

import pytest

from .helpers import ENV_VARS, PAGES_URL, REAL_CLIENT_ID, SANDBOX_CONFIG, run_main, workflow_build_args


@pytest.fixture(autouse=True)
def no_build_environment(monkeypatch):
    """Tests set the build's environment variables themselves; the caller's shell does not count."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def production_build(tmp_path_factory):
    """The site as the Pages workflow builds it: (exit code, stdout, stderr, site directory)."""
    out = tmp_path_factory.mktemp("production") / "_site"
    code, stdout, stderr = run_main(workflow_build_args(out),
                                    {"ZOHO_CLIENT_ID": REAL_CLIENT_ID, "SITE_URL": PAGES_URL})
    return code, stdout, stderr, out


@pytest.fixture(scope="session")
def sandbox_build(tmp_path_factory):
    """A plain build of the loopback sandbox config: (exit code, site directory)."""
    out = tmp_path_factory.mktemp("sandbox") / "site"
    code, _, _ = run_main(["--config", SANDBOX_CONFIG, "--out", out])
    return code, out
