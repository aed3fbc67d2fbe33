"""`python build.py`: --help, and serve on a taken port."""

from __future__ import annotations

import re
import socket

import pytest

import build
from sitebuild.config import CONFIG_KEYS

from .helpers import ROOT, run_main


def test_help_exits_0_and_documents_every_config_key(capsys):
    with pytest.raises(SystemExit) as exited:
        build.main(["--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    for word in ("[zoho]", "client_id", "accounts_url", "scopes", "api_domains", "[site]", "url",
                 "ZOHO_CLIENT_ID", "SITE_URL", "--production", "--config", "--out", "--force", ".zoho-site",
                 "config/production.toml"):
        assert word in text, word
    for table, keys in CONFIG_KEYS.items():
        assert f"[{table}]" in text
        assert all(key in text for key in keys)


def test_comments_name_only_commands_that_exist():
    if (ROOT / "Makefile").exists():
        pytest.skip("a Makefile exists")
    for path in [ROOT / "pyproject.toml", *sorted((ROOT / "config").glob("*.toml")), *sorted((ROOT / "docs").glob("*.md"))]:
        assert not re.search(r"\bmake (run|test|build)\b", path.read_text()), path


def test_serve_on_a_taken_port_says_so_and_leaves_nothing_running(tmp_path):
    config = tmp_path / "ports.toml"
    config.write_text('[zoho]\nclient_id = "1000.PORTS"\nscopes = ["ZohoCRM.users.READ"]\n'
                      'accounts_url = "http://127.0.0.1:8761"\napi_domains = ["http://127.0.0.1:8762"]\n')
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 8760))
        taken.listen()
        code, _out, err = run_main(["serve", "--config", str(config), "--port", "8760",
                                    "--out", str(tmp_path / "site")])
    assert code == 2 and "--port" in err
    for port in (8761, 8762):  # the sandbox it started was stopped again
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", port))
