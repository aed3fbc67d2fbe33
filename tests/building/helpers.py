"""What the build's tests share: the project's paths and configs, Zoho's servers as Zoho documents
them, writing a config, running `python build.py` in-process, and reading a built site."""

from __future__ import annotations

import contextlib
import io
import shlex
from html.parser import HTMLParser
from pathlib import Path

import pytest

import build


ROOT = Path(build.__file__).resolve().parent
WORKFLOWS = ROOT / ".github" / "workflows"
PAGES_WORKFLOW = WORKFLOWS / "pages.yml"
SANDBOX_CONFIG = ROOT / "config" / "sandbox.toml"
EXAMPLE_CONFIG = ROOT / "config" / "example-zoho.toml"
ENV_VARS = ("ZOHO_CLIENT_ID", "SITE_URL")

REAL_CLIENT_ID = "1000.Q7RM2KD9ZB4WN8JX5TLC3VH6PYF1GS"
PAGES_URL = "https://octo.github.io/zoho-pyscript"  # as configure-pages gives it: no trailing slash
SCOPES = 'scopes = ["ZohoCRM.users.READ", "ZohoCRM.modules.ALL"]\n'

# Zoho's accounts servers and API domains as Zoho documents them (shared ZOHO.md), written out
# here rather than taken from the app. Zoho's pages and SDKs name no UK API domain.
ZOHO_ACCOUNTS = {
    "https://accounts.zoho.com", "https://accounts.zoho.eu", "https://accounts.zoho.in",
    "https://accounts.zoho.com.au", "https://accounts.zoho.jp", "https://accounts.zohocloud.ca",
    "https://accounts.zoho.sa", "https://accounts.zoho.uk", "https://accounts.zoho.com.cn",
}
ZOHO_APIS = {
    "https://www.zohoapis.com", "https://www.zohoapis.eu", "https://www.zohoapis.in",
    "https://www.zohoapis.com.au", "https://www.zohoapis.jp", "https://www.zohoapis.ca",
    "https://www.zohoapis.sa", "https://www.zohoapis.com.cn",
}


def write_config(directory: Path, text: str) -> Path:
    path = directory / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run_main(args: list, environ: dict | None = None) -> tuple[int, str, str]:
    """build.main(args) with exactly ``environ`` as the build's variables: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        for name in ENV_VARS:
            patch.delenv(name, raising=False)
        for name, value in (environ or {}).items():
            patch.setenv(name, value)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = build.main([str(arg) for arg in args])
    return code, out.getvalue(), err.getvalue()


def workflow_build_args(out: Path) -> list[str]:
    """The build command of the Pages workflow, with its output directory replaced by ``out``."""
    line = next(line for line in PAGES_WORKFLOW.read_text().splitlines() if " build.py " in line)
    args = shlex.split(line.split("run:", 1)[1])
    assert args[:2] == [".venv/bin/python", "build.py"]  # the environment `python3 dev.py test` set up
    args = args[2:]
    args[args.index("--out") + 1] = str(out)
    return args


def zoho_config(accounts="https://accounts.zoho.com", api_domains=None, site_url=None,
                client_id=REAL_CLIENT_ID) -> str:
    text = f'[zoho]\nclient_id = "{client_id}"\naccounts_url = "{accounts}"\n' + SCOPES
    if api_domains is not None:
        text += "api_domains = [" + ", ".join(f'"{domain}"' for domain in api_domains) + "]\n"
    if site_url is not None:
        text += f'[site]\nurl = "{site_url}"\n'
    return text


class _Tags(HTMLParser):
    """Every start tag of a page, with its attributes (entities decoded)."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def page_tags(page: Path) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(page.read_text())
    return parser.tags


def folder_contents(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def write_files(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)


def csp_directives(site: Path) -> dict[str, list[str]]:
    [csp] = [attrs["content"] for tag, attrs in page_tags(site / "index.html")
             if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    return {name: sources.split() for name, sources in (part.strip().split(None, 1) for part in csp.split(";"))}
