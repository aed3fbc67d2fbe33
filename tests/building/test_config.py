"""The config: every mistake named with its key, the environment variables, the --production guard
rails, and the warnings of a build without --production."""

from __future__ import annotations

import pytest

import build
from sitebuild import cli, production
from sitebuild.errors import ConfigError

from .helpers import EXAMPLE_CONFIG, PAGES_URL, ROOT, SANDBOX_CONFIG, SCOPES, run_main, write_config, zoho_config


CONFIG_ERRORS = [
    ("missing client_id", "[zoho]\n" + SCOPES, ["[zoho] client_id", "required", "ZOHO_CLIENT_ID"]),
    ("bad scope syntax", '[zoho]\nclient_id = "1000.A"\nscopes = ["ZohoCRM users READ"]\n',
     ["[zoho] scopes", "ZohoCRM users READ"]),
    ("scopes not a list", '[zoho]\nclient_id = "1000.A"\nscopes = "ZohoCRM.users.READ"\n',
     ["[zoho] scopes", "must be a list of strings"]),
    ("no scopes", '[zoho]\nclient_id = "1000.A"\nscopes = []\n', ["[zoho] scopes"]),
    ("accounts_url with a path", '[zoho]\nclient_id = "1000.A"\naccounts_url = "https://accounts.zoho.com/oauth"\n'
     + SCOPES, ["[zoho] accounts_url", "not an origin"]),
    ("api domain not an origin", '[zoho]\nclient_id = "1000.A"\napi_domains = ["www.zohoapis.com"]\n' + SCOPES,
     ["[zoho] api_domains", "www.zohoapis.com"]),
    ("unknown key", '[zoho]\nclient_id = "1000.A"\nredirect_uri = "https://x.test/"\n' + SCOPES,
     ["[zoho] redirect_uri", "unknown key"]),
    ("missing [zoho]", '[site]\nurl = "https://octo.github.io/repo/"\n', ["missing table [zoho]"]),
    ("unknown table", '[zoho]\nclient_id = "1000.A"\n' + SCOPES + '[sites]\nurl = "https://x.test/"\n',
     ["[sites]", "unknown table"]),
    ("unknown key in [site]", '[zoho]\nclient_id = "1000.A"\n' + SCOPES + '[site]\nbase = "https://x.test/"\n',
     ["[site] base", "unknown key"]),
    ("site url not a URL", '[zoho]\nclient_id = "1000.A"\n' + SCOPES + '[site]\nurl = "octo.github.io/repo"\n',
     ["[site] url", "octo.github.io/repo"]),
    ("site url with a query", '[zoho]\nclient_id = "1000.A"\n' + SCOPES + '[site]\nurl = "https://x.test/?a=1"\n',
     ["[site] url"]),
    ("invalid TOML", '[zoho\nclient_id = "1000.A"\n', ["not valid TOML"]),
]


@pytest.mark.parametrize("text, fragments", [case[1:] for case in CONFIG_ERRORS],
                         ids=[case[0] for case in CONFIG_ERRORS])
def test_config_error_names_the_key_and_stops_the_build(tmp_path, text, fragments):
    out = tmp_path / "site"
    code, stdout, stderr = run_main(["--config", write_config(tmp_path, text), "--out", out])
    assert code != 0
    assert stderr.startswith("build: error: ")
    for fragment in fragments:
        assert fragment in stderr
    assert stdout == ""
    assert not out.exists()


def test_missing_config_file_is_named(tmp_path):
    missing = tmp_path / "nowhere.toml"
    code, _, stderr = run_main(["--config", missing, "--out", tmp_path / "site"])
    assert code != 0
    assert "config file not found" in stderr and str(missing) in stderr


def test_bad_site_url_from_the_environment_names_the_variable(tmp_path):
    config = write_config(tmp_path, '[zoho]\nclient_id = "1000.A"\n' + SCOPES)
    code, _, stderr = run_main(["--config", config, "--out", tmp_path / "site"], {"SITE_URL": "octo.github.io"})
    assert code != 0
    assert "environment variable SITE_URL" in stderr


WRONG_TYPES = [
    ("scopes as a string", '[zoho]\nclient_id = "1000.A"\nscopes = "ZohoCRM.users.READ"\n',
     ["[zoho] scopes: must be a list of strings", 'scopes = ["ZohoCRM.users.READ"]']),
    ("scopes as a comma-separated string", '[zoho]\nclient_id = "1000.A"\nscopes = "ZohoCRM.users.READ, ZohoCRM.org.READ"\n',
     ["[zoho] scopes: must be a list of strings", 'scopes = ["ZohoCRM.users.READ", "ZohoCRM.org.READ"]']),
    ("a scope that is a number", '[zoho]\nclient_id = "1000.A"\nscopes = ["ZohoCRM.users.READ", 5]\n',
     ["[zoho] scopes: must be a list of strings", "item 2 is a number"]),
    ("client_id as a number", "[zoho]\nclient_id = 1000\n" + SCOPES, ["[zoho] client_id: must be a string"]),
    ("api_domains as a string", '[zoho]\nclient_id = "1000.A"\napi_domains = "https://www.zohoapis.com"\n' + SCOPES,
     ["[zoho] api_domains: must be a list of strings"]),
    ("[zoho] as a key", 'zoho = "1000.A"\n', ["[zoho]: must be a table"]),
]


@pytest.mark.parametrize("text, fragments", [case[1:] for case in WRONG_TYPES], ids=[case[0] for case in WRONG_TYPES])
def test_a_value_of_the_wrong_type_is_named_as_such_not_as_missing(tmp_path, text, fragments):
    with pytest.raises(ConfigError) as raised:
        build.load_config(write_config(tmp_path, text))
    [problem] = raised.value.problems
    assert "required" not in problem
    for fragment in fragments:
        assert fragment in problem


def test_every_mistake_of_a_config_is_reported_at_once_each_naming_its_key(tmp_path):
    text = ('[zoho]\nclient_id = 1000\naccounts_url = "accounts.zoho.com"\nscopes = "ZohoCRM.users.READ"\n'
            'api_domains = ["www.zohoapis.com", "https://www.zohoapis.eu", "zohoapis.in"]\nredirect_uri = "x"\n'
            '[site]\nurl = "octo.github.io/repo"\nbase = "x"\n')
    out = tmp_path / "site"
    code, stdout, stderr = run_main(["--config", write_config(tmp_path, text), "--out", out])
    assert code == 2 and stdout == "" and not out.exists()
    problems = [line.strip() for line in stderr.splitlines()[1:]]
    expected = [("[zoho] client_id", "1000"), ("[zoho] accounts_url", "accounts.zoho.com"), ("[zoho] scopes", ""),
                ("[zoho] api_domains", "'www.zohoapis.com'"), ("[zoho] api_domains", "'zohoapis.in'"),
                ("[zoho] redirect_uri", ""), ("[site] url", "octo.github.io/repo"), ("[site] base", "")]
    assert len(problems) == len(expected), stderr
    for key, value in expected:
        assert any(problem.startswith(key) and value in problem for problem in problems), (key, stderr)


def test_production_names_every_problem_at_once(tmp_path):
    text = zoho_config(accounts="https://accounts.example.com", client_id="1000.XXXXXXXXXX",
                       api_domains=["http://www.zohoapis.com", "https://api.evil.test"],
                       site_url="http://octo.github.io/repo/")
    code, _, stderr = run_main(["--production", "--config", write_config(tmp_path, text), "--out", tmp_path / "s"])
    assert code == 2
    for fragment in ("[zoho] client_id", "https://accounts.example.com", "http://www.zohoapis.com",
                     "https://api.evil.test", "[site] url"):
        assert fragment in stderr


def test_client_id_from_the_environment_fills_in_and_wins(tmp_path):
    without = write_config(tmp_path, "[zoho]\n" + SCOPES)
    assert build.load_config(without, {"ZOHO_CLIENT_ID": "1000.FROMENV"}).client_id == "1000.FROMENV"
    with_id = write_config(tmp_path, '[zoho]\nclient_id = "1000.FROMFILE"\n' + SCOPES)
    assert build.load_config(with_id, {"ZOHO_CLIENT_ID": "1000.FROMENV"}).client_id == "1000.FROMENV"
    # An empty variable (an unset repository variable in GitHub Actions) does not count.
    assert build.load_config(with_id, {"ZOHO_CLIENT_ID": ""}).client_id == "1000.FROMFILE"
    assert build.load_config(with_id).client_id == "1000.FROMFILE"


def test_site_url_gets_its_trailing_slash_and_the_environment_wins(tmp_path):
    config = write_config(tmp_path, '[zoho]\nclient_id = "1000.A"\n' + SCOPES
                          + '[site]\nurl = "https://Crm.Example.ORG:443/Tools"\n')
    site = build.load_config(config)
    assert site.site_url == "https://crm.example.org/Tools/"
    assert site.javascript_domain == "https://crm.example.org"
    assert build.load_config(config, {"SITE_URL": PAGES_URL}).site_url == PAGES_URL + "/"
    assert build.load_config(config, {"SITE_URL": ""}).site_url == "https://crm.example.org/Tools/"


def test_site_url_is_optional(tmp_path):
    site = build.load_config(write_config(tmp_path, '[zoho]\nclient_id = "1000.A"\n' + SCOPES))
    assert site.site_url == ""
    assert site.javascript_domain == ""


PRODUCTION_REFUSALS = [
    ("loopback accounts server", zoho_config(accounts="http://127.0.0.1:8701"), {},
     ["[zoho] accounts_url", "http://"]),
    ("foreign accounts server", zoho_config(accounts="https://accounts.example.com"), {},
     ["[zoho] accounts_url", "https://accounts.example.com", "https://accounts.zoho.com"]),
    ("look-alike accounts server", zoho_config(accounts="https://accounts.zoho.com.evil.test"), {},
     ["[zoho] accounts_url"]),
    ("foreign API domain", zoho_config(api_domains=["https://www.zohoapis.com", "https://api.evil.test"]), {},
     ["[zoho] api_domains", "https://api.evil.test"]),
    ("http API domain", zoho_config(api_domains=["http://www.zohoapis.com"]), {},
     ["[zoho] api_domains", "http://"]),
    ("http site URL", zoho_config(site_url="http://octo.github.io/repo/"), {}, ["[site] url", "https"]),
    ("http SITE_URL", zoho_config(), {"SITE_URL": "http://octo.github.io/repo"}, ["SITE_URL", "https"]),
    ("test client id", zoho_config(client_id="1000.TESTCLIENT"), {}, ["[zoho] client_id", "ZOHO_CLIENT_ID"]),
    ("sandbox client id from the environment", zoho_config(), {"ZOHO_CLIENT_ID": "1000.LOCALSANDBOXCLIENT"},
     ["[zoho] client_id", "placeholder"]),
    ("README's placeholder", zoho_config(client_id="1000.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"), {},
     ["[zoho] client_id"]),
]


@pytest.mark.parametrize("text, environ, fragments", [case[1:] for case in PRODUCTION_REFUSALS],
                         ids=[case[0] for case in PRODUCTION_REFUSALS])
def test_production_refuses(tmp_path, text, environ, fragments):
    out = tmp_path / "site"
    config = write_config(tmp_path, text)
    code, stdout, stderr = run_main(["--production", "--config", config, "--out", out], environ)
    assert code != 0
    for fragment in fragments:
        assert fragment in stderr
    assert stdout == ""
    assert not out.exists()


@pytest.mark.parametrize("config, fragment", [
    (SANDBOX_CONFIG, "[zoho] client_id"),               # loopback, and a sandbox client id
    (EXAMPLE_CONFIG, "[zoho] client_id"),               # the example's placeholder
    (ROOT / "config" / "production.toml", "ZOHO_CLIENT_ID"),  # no client id without the variable
])
def test_production_refuses_the_repository_configs_as_they_are(tmp_path, config, fragment):
    code, _, stderr = run_main(["--production", "--config", config, "--out", tmp_path / "site"])
    assert code != 0
    assert fragment in stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("text", [
    zoho_config(site_url="https://octo.github.io/zoho-pyscript/"),
    zoho_config(accounts="https://accounts.zoho.com.cn", api_domains=["https://www.zohoapis.com.cn"],
                site_url="https://crm.example.org/"),
    zoho_config(accounts="https://ACCOUNTS.zoho.eu:443/", api_domains=["https://www.zohoapis.eu"]),
], ids=["github pages", "china, custom domain", "eu, no site url"])
def test_production_accepts_real_zoho_set_ups(tmp_path, text):
    production.check_production(build.load_config(write_config(tmp_path, text)))


def test_production_also_refuses_a_loopback_serve(tmp_path, monkeypatch):
    served = []
    monkeypatch.setattr(cli, "serve", lambda *args: served.append(args))
    code, _, stderr = run_main(["serve", "--production", "--config", SANDBOX_CONFIG, "--out", tmp_path / "s"])
    assert code != 0 and "[zoho] client_id" in stderr
    assert served == []


def test_without_a_site_url_the_build_says_what_to_register(tmp_path):
    lines = production.registration_lines(build.load_config(write_config(tmp_path, zoho_config())))
    assert len(lines) == 1
    assert "Authorized Redirect URI" in lines[0] and "trailing slash" in lines[0] and "SITE_URL" in lines[0]


NON_PRODUCTION_WARNINGS = [
    ("placeholder client id", zoho_config(client_id="1000.YOURCLIENTID"), ["[zoho] client_id", "1000.YOURCLIENTID"]),
    ("foreign API domain", zoho_config(api_domains=["https://www.zohoapis.com", "https://api.evil.test"]),
     ["[zoho] api_domains", "https://api.evil.test"]),
    ("foreign accounts server", zoho_config(accounts="https://accounts.example.com"),
     ["[zoho] accounts_url", "https://accounts.example.com"]),
    ("foreign API domain beside the local sandbox",
     zoho_config(accounts="http://127.0.0.1:8701", api_domains=["http://127.0.0.1:8702", "https://api.evil.test"],
                 client_id="1000.LOCALSANDBOXCLIENT"), ["[zoho] api_domains", "https://api.evil.test"]),
]


@pytest.mark.parametrize("text, fragments", [case[1:] for case in NON_PRODUCTION_WARNINGS],
                         ids=[case[0] for case in NON_PRODUCTION_WARNINGS])
def test_a_build_without_production_warns_naming_the_key_and_still_builds(tmp_path, text, fragments):
    out = tmp_path / "site"
    code, _, stderr = run_main(["--config", write_config(tmp_path, text), "--out", out])
    assert code == 0 and (out / "index.html").is_file()
    [warning] = stderr.splitlines()
    assert warning.startswith("build: warning: ")
    for fragment in fragments:
        assert fragment in warning


@pytest.mark.parametrize("config", [
    SANDBOX_CONFIG,
    zoho_config(accounts="http://localhost:8701", api_domains=["http://[::1]:8702"], client_id="1000.SANDBOX"),
], ids=["config/sandbox.toml", "localhost and ::1"])
def test_the_local_sandbox_on_loopback_builds_without_warnings(tmp_path, config):
    if isinstance(config, str):
        config = write_config(tmp_path, config)
    code, _, stderr = run_main(["--config", config, "--out", tmp_path / "site"])
    assert code == 0 and stderr == ""
