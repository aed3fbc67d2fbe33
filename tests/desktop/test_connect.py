"""zoho.desktop on its own: where the token may go, what is shown and written, how the
package provides it, and that the core never imports it."""

import importlib.metadata
import re
import socket
import tomllib
from pathlib import Path

import pytest

from zoho import desktop
from zoho.api import ApiRequest
from zoho.errors import NetworkError

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "1000.aaaabbbbccccdddd.eeeeffff00001111"


@pytest.fixture(autouse=True)
def no_zoho_variables(monkeypatch):
    for name in ("ZOHO_ACCESS_TOKEN", "ZOHO_API_DOMAIN", "ZOHO_ALLOW_API_DOMAIN"):
        monkeypatch.delenv(name, raising=False)


def test_the_token_and_api_domain_come_from_the_environment_or_the_arguments(monkeypatch):
    monkeypatch.setenv("ZOHO_ACCESS_TOKEN", " " + TOKEN + "\n")
    monkeypatch.setenv("ZOHO_API_DOMAIN", "https://www.zohoapis.eu/")
    zoho = desktop.connect()
    assert zoho.url("/crm/v8/org") == "https://www.zohoapis.eu/crm/v8/org"
    assert zoho.headers == {"Authorization": "Zoho-oauthtoken " + TOKEN}
    assert TOKEN not in repr(zoho)
    other = desktop.connect(access_token="1000.other", api_domain="https://sandbox.zohoapis.com.au")
    assert other.url("/crm/v8/org") == "https://sandbox.zohoapis.com.au/crm/v8/org"
    assert other.headers == {"Authorization": "Zoho-oauthtoken 1000.other"}


@pytest.mark.parametrize("domain", ["https://www.zohoapis.com", "https://developer.zohoapis.in",
                                    "https://sandbox.zohoapis.com.cn", "HTTPS://WWW.ZOHOAPIS.JP"])
def test_zohos_api_domains_are_accepted(domain):
    assert desktop.connect(TOKEN, domain).url("/x") == domain.lower() + "/x"


@pytest.mark.parametrize("domain", ["http://www.zohoapis.eu", "https://www.zohoapis.eu.evil.example",
                                    "https://evil.example", "https://zohoapis.eu", "https://www.zohoapis.uk",
                                    "http://127.0.0.1:8702"])
def test_any_other_api_domain_is_refused_with_a_sentence_saying_how_to_allow_it(domain):
    with pytest.raises(desktop.SetupError, match="is not one of Zoho's API domains .* set ZOHO_ALLOW_API_DOMAIN"):
        desktop.connect(TOKEN, domain)


def test_only_the_one_api_domain_allowed_besides_zohos_is_accepted(monkeypatch):
    assert desktop.connect(TOKEN, "http://127.0.0.1:8702", "http://127.0.0.1:8702/").url("/x") == \
        "http://127.0.0.1:8702/x"
    monkeypatch.setenv("ZOHO_ALLOW_API_DOMAIN", "http://127.0.0.1:8702")
    assert desktop.connect(TOKEN, "http://127.0.0.1:8702").url("/x") == "http://127.0.0.1:8702/x"
    with pytest.raises(desktop.SetupError):
        desktop.connect(TOKEN, "http://127.0.0.1:8703")


@pytest.mark.parametrize(("token", "domain", "sentence"), [
    (None, "https://www.zohoapis.eu", "No access token: set ZOHO_ACCESS_TOKEN"),
    ("", "https://www.zohoapis.eu", "No access token: set ZOHO_ACCESS_TOKEN"),
    ("Zoho-oauthtoken " + TOKEN, "https://www.zohoapis.eu", "does not look like a Zoho access token"),
    ('"' + TOKEN + '"', "https://www.zohoapis.eu", "does not look like a Zoho access token"),
    (TOKEN, None, "No API domain: set ZOHO_API_DOMAIN"),
    (TOKEN, "www.zohoapis.eu", "which is not an address such as https://www.zohoapis.eu"),
    (TOKEN, "https://www.zohoapis.eu/crm/v8", "which is not an address such as https://www.zohoapis.eu"),
])
def test_what_is_missing_or_wrong_is_said(token, domain, sentence):
    with pytest.raises(desktop.SetupError, match=re.escape(sentence)):
        desktop.connect(token, domain)


def test_the_setup_cells_connect_stops_the_script_with_the_sentence_alone():
    with pytest.raises(SystemExit) as stopped:
        desktop.connect_or_exit()
    assert str(stopped.value.code).startswith("No access token: set ZOHO_ACCESS_TOKEN")


def test_a_download_is_written_into_the_folder_as_the_page_offers_it(tmp_path, capsys):
    zoho = desktop.connect(TOKEN, "https://www.zohoapis.eu", folder=tmp_path)
    zoho.download("../names.csv", [{"name": "Ada, L."}, {"name": "Grace"}])
    zoho.download("note.txt", "é")
    assert (tmp_path / "names.csv").read_bytes() == '\ufeffname\r\n"Ada, L."\r\nGrace\r\n'.encode("utf-8")
    assert (tmp_path / "note.txt").read_bytes() == b"\xc3\xa9"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["names.csv", "note.txt"]
    assert capsys.readouterr().out == "Wrote {} (27 bytes)\nWrote {} (2 bytes)\n".format(
        tmp_path / "names.csv", tmp_path / "note.txt")


def test_a_table_is_printed_as_text(capsys):
    zoho = desktop.connect(TOKEN, "https://www.zohoapis.eu")
    zoho.table([{"Last_Name": "Lovelace", "Owner": {"name": "Ada", "id": "1"}}, {"Last_Name": "Hopper"}])
    assert capsys.readouterr().out == (
        "Last_Name  Owner\n"
        "---------  -----\n"
        "Lovelace   Ada\n"
        "Hopper\n")


def test_no_answer_is_a_network_error_saying_where_it_went():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    send = desktop.sender(desktop.requests.Session(), timeout=5)
    request = ApiRequest("GET", "http://127.0.0.1:{}/crm/v8/org?x=1".format(port), {})
    with pytest.raises(NetworkError, match=r"No answer came from http://127\.0\.0\.1:\d+/crm/v8/org \("):
        send(request)


def test_no_module_of_the_core_imports_the_desktop_helper_or_requests():
    imports = re.compile(r"^\s*(from\s+(\.|zoho\.)?desktop\b|from\s+\.\s+import\s+desktop\b|"
                         r"import\s+zoho\.desktop\b|(from|import)\s+requests\b)", re.M)
    core = sorted((ROOT / "app" / "zoho").glob("*.py"))
    assert len(core) > 20
    assert [path.name for path in core if imports.search(path.read_text(encoding="utf-8"))] == []


def test_the_distribution_provides_every_package_under_zoho_and_requests_as_the_desktop_extra():
    with (ROOT / "pyproject.toml").open("rb") as config:
        setuptools = tomllib.load(config)["tool"]["setuptools"]
    core = ROOT / setuptools["package-dir"]["zoho"]
    found = sorted(".".join(("zoho",) + path.parent.relative_to(core).parts) for path in core.rglob("__init__.py"))
    assert "zoho.desktop" in found
    assert sorted(setuptools["packages"]) == found
    required = importlib.metadata.requires("zoho-pyscript")
    assert any(re.fullmatch(r'requests>=[\d.]+ ?; extra == "desktop"', line) for line in required), required
