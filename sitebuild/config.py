"""The site's TOML config: what each key may hold, read and checked into a SiteConfig.

Every problem is named at once, each with its key (ConfigError).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from zoho.datacentres import (
    DATA_CENTRES,
    ZOHO_ACCOUNTS_URLS,
    ZOHO_API_DOMAINS,
    by_accounts_url,
    normalise_origin,
)
from zoho.environments import LABELS as ENVIRONMENT_LABELS
from zoho.environments import PRODUCTION, environment_api_domain
from zoho.errors import ScopeSyntaxError
from zoho.scopes import validate_scopes

from sitebuild.errors import ConfigError

# Config tables and their keys; the environment variables that override a key.
CONFIG_KEYS = {
    "zoho": ("client_id", "accounts_url", "scopes", "api_domains", "environments", "environment_api_domains"),
    "site": ("url",),
    "notebook": ("wheels",),
}
CLIENT_ID_ENV = "ZOHO_CLIENT_ID"
SITE_URL_ENV = "SITE_URL"


@dataclass(frozen=True)
class SiteConfig:
    client_id: str
    accounts_url: str
    scopes: tuple[str, ...]
    api_domains: tuple[str, ...]
    source: str = ""
    extra: dict = field(default_factory=dict)
    site_url: str = ""  # the public URL of the site's folder, with its trailing slash; "" when unknown
    environments: tuple[str, ...] = (PRODUCTION,)  # offered on the sign-in card, the first by default
    environment_api_domains: dict = field(default_factory=dict)  # environment -> origin, for a stand-in
    notebook_wheels: tuple[str, ...] = ()  # extra pure-Python packages for the notebook, "name==version"

    @property
    def allowed_api_domains(self) -> tuple[str, ...]:
        """Every API origin the page may use: the API domains, and each one's in every other
        environment offered (Zoho's <environment>.zohoapis.<dc>, or the configured origin)."""
        origins = list(self.api_domains)
        for environment in self.environments:
            for domain in self.api_domains:
                origin = environment_api_domain(domain, environment, self.environment_api_domains)
                if origin is not None and origin not in origins:
                    origins.append(origin)
        return tuple(origins)

    @property
    def javascript_domain(self) -> str:
        """The site's origin: what Zoho's API console calls the JavaScript Domain."""
        parts = urlsplit(self.site_url)
        return f"{parts.scheme}://{parts.netloc}" if self.site_url else ""

    @property
    def is_zoho(self) -> bool:
        return by_accounts_url(self.accounts_url) is not None

    def data_centres(self) -> list[dict]:
        """The choices on the sign-in screen: the Zoho data centres whose API domain the site
        accepts (none for the UK: Zoho names no API domain for it), or the one configured server."""
        if not self.is_zoho:
            return [{"location": "", "label": f"Configured server ({self.accounts_url})",
                     "accounts_url": self.accounts_url}]
        return [{"location": dc.location, "label": dc.label, "accounts_url": dc.accounts_url}
                for dc in DATA_CENTRES if dc.api_domain in self.api_domains]

    def connect_origins(self) -> list[str]:
        """Where the page may connect: its own origin, the accounts servers, the API domains."""
        accounts = list(ZOHO_ACCOUNTS_URLS) if self.is_zoho else [self.accounts_url]
        origins = []
        for origin in [*accounts, *self.allowed_api_domains]:
            if origin not in origins:
                origins.append(origin)
        return origins

    def browser_json(self) -> str:
        """What the page reads at start: the config, already validated."""
        return json.dumps(self.browser_config(), indent=2)

    def browser_config(self) -> dict:
        default = by_accounts_url(self.accounts_url)
        return {
            "client_id": self.client_id,
            "accounts_url": self.accounts_url,
            "scopes": list(self.scopes),
            "api_domains": list(self.allowed_api_domains),
            "environments": [{"name": name, "label": ENVIRONMENT_LABELS[name]} for name in self.environments],
            "environment_api_domains": dict(self.environment_api_domains),
            "data_centres": self.data_centres(),
            "default_location": default.location if default else "",
        }


def _origin(value: object, key: str) -> str:
    origin = normalise_origin(value) if isinstance(value, str) else None
    if origin is None:
        raise ConfigError(f"[zoho] {key}: {value!r} is not an origin like https://accounts.zoho.com "
                          "(http or https, a host, an optional port, no path)")
    return origin


def _site_url(value: object, key: str) -> str:
    """The site's public URL, as the app's redirect URI: an origin and a folder path ending in "/"."""
    problem = ConfigError(f"{key}: {value!r} is not the site's public URL like https://you.github.io/your-repo/ "
                          "(http or https, a host, an optional path, no query or fragment)")
    if not isinstance(value, str) or not value.isascii() or not value.isprintable() or any(
            ch in value for ch in " ?#"):
        raise problem
    try:
        parts = urlsplit(value)
    except ValueError:
        raise problem from None
    origin = normalise_origin(f"{parts.scheme}://{parts.netloc}")
    if origin is None:
        raise problem
    return origin + (parts.path if parts.path.endswith("/") else parts.path + "/")


def _kind(value: object) -> str:
    """What a TOML value is, in a person's words."""
    for kind, words in ((bool, "true or false"), (str, "a string"), (int, "a number"), (float, "a number"),
                        (list, "a list"), (dict, "a table")):
        if isinstance(value, kind):
            return words
    return "a date or time"


def _list_of_strings(value: object, key: str, example: str, table: str = "zoho") -> list[str]:
    """``value`` when it is a list of strings; otherwise the problem, with what to write instead."""
    if isinstance(value, str):
        items = [item.strip() for item in value.split(",") if item.strip()] or [value]
        listed = ", ".join(json.dumps(item) for item in items)
        raise ConfigError(f"[{table}] {key}: must be a list of strings, not a string: write {key} = [{listed}]")
    if not isinstance(value, list):
        raise ConfigError(f"[{table}] {key}: must be a list of strings such as {example}, not {_kind(value)}")
    for number, item in enumerate(value, 1):
        if not isinstance(item, str):
            raise ConfigError(f"[{table}] {key}: must be a list of strings; item {number} is {_kind(item)}")
    return value


def _client_id(value: object) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ConfigError("[zoho] client_id: required, the Client ID of your Zoho client-based application "
                          f"(in the config, or in the environment variable {CLIENT_ID_ENV})")
    if not isinstance(value, str):
        raise ConfigError(f'[zoho] client_id: must be a string such as "1000.ABC123", not {_kind(value)}: '
                          "put the id in quotes")
    if any(ch.isspace() for ch in value) or not value.isprintable():
        raise ConfigError(f"[zoho] client_id: {value!r} must not contain spaces or control characters")
    return value


def _scopes(value: object) -> tuple[str, ...]:
    example = '["ZohoCRM.users.READ"]'
    if value is None:
        raise ConfigError(f"[zoho] scopes: required, a list of scope strings such as {example}")
    try:
        return tuple(validate_scopes(_list_of_strings(value, "scopes", example)))
    except ScopeSyntaxError as error:
        raise ConfigError(f"[zoho] scopes: {error.message}") from None


def _api_domains(value: object) -> tuple[str, ...]:
    domains = _list_of_strings(value, "api_domains", '["https://www.zohoapis.com"]')
    if not domains:
        raise ConfigError("[zoho] api_domains: must not be empty; leave the key out for Zoho's API domains of "
                          "every data centre")
    problems: list[str] = []
    origins = [_checked(problems, _origin, domain, "api_domains") for domain in domains]
    if problems:
        raise ConfigError(*problems)
    return tuple(dict.fromkeys(origins))


def _notebook_wheels(value: object) -> tuple[str, ...]:
    requirements = list(_list_of_strings(value, "wheels", '["tabulate==0.9.0"]', "notebook"))
    loose = [item for item in requirements
             if item.count("==") != 1 or not all(part.strip() for part in item.split("=="))
             or any(ch.isspace() or ch in "<>!~;[]@" for ch in item)]
    if loose:
        raise ConfigError(f"[notebook] wheels: pin each package to one version, as name==version "
                          f"(not {', '.join(loose)})")
    return tuple(requirements)


def _environments(value: object) -> tuple[str, ...]:
    names = _list_of_strings(value, "environments", '["production", "sandbox"]')
    unknown = [name for name in names if name not in ENVIRONMENT_LABELS]
    if unknown or not names or len(set(names)) != len(names):
        raise ConfigError(f"[zoho] environments: must list some of {', '.join(ENVIRONMENT_LABELS)}, each once "
                          f"(the first is the default){'; unknown: ' + ', '.join(unknown) if unknown else ''}")
    return tuple(names)


def _environment_api_domains(value: object, environments: tuple[str, ...], is_zoho: bool) -> dict:
    """For a site that is not Zoho's (the local sandbox), each offered environment's API origin
    besides production; Zoho's own are known (<environment>.zohoapis.<dc>)."""
    if not isinstance(value, dict):
        raise ConfigError("[zoho] environment_api_domains: must be a table such as "
                          '{ sandbox = "http://127.0.0.1:8703" }')
    others = [name for name in environments if name != PRODUCTION]
    if is_zoho and value:
        raise ConfigError("[zoho] environment_api_domains: Zoho's own are known; leave the key out")
    problems = [f"[zoho] environment_api_domains: {name} is not in environments" for name in value
                if name not in others]
    problems += [f"[zoho] environment_api_domains: {name} needs its API origin, e.g. "
                 f'{name} = "http://127.0.0.1:8703"' for name in others if not is_zoho and name not in value]
    origins = {name: _checked(problems, _origin, origin, f"environment_api_domains.{name}")
               for name, origin in value.items()}
    if problems:
        raise ConfigError(*problems)
    return origins


def _checked(problems: list[str], check: Callable[..., object], *args: object) -> object:
    """``check(*args)``; when it raises ConfigError, None, with the error's problems added to ``problems``."""
    try:
        return check(*args)
    except ConfigError as error:
        problems.extend(error.problems)
        return None


def _check_tables(data: dict, path: Path) -> list[str]:
    """The problems of the file's tables and keys: missing [zoho], unknown tables, unknown keys."""
    problems = [] if "zoho" in data else [f"{path}: missing table [zoho]"]
    for name, value in data.items():
        if name not in CONFIG_KEYS:
            tables = ", ".join(f"[{table}]" for table in CONFIG_KEYS)
            problems.append(f"[{name}]: unknown table (known tables: {tables})")
        elif not isinstance(value, dict):
            problems.append(f"[{name}]: must be a table of keys")
        else:
            known = ", ".join(sorted(CONFIG_KEYS[name]))
            problems.extend(f"[{name}] {key}: unknown key (known keys: {known})"
                            for key in sorted(set(value) - set(CONFIG_KEYS[name])))
    return problems


def load_config(path: Path, environ: Mapping[str, str] | None = None) -> SiteConfig:
    """Read and check a TOML config; every problem is reported at once, each naming its key.

    ``environ`` (the build passes os.environ) may set ZOHO_CLIENT_ID and SITE_URL: a non-empty
    value wins over [zoho] client_id and [site] url of the file.
    """
    environ = environ or {}
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None
    problems = _check_tables(data, path)
    zoho = data.get("zoho")
    if not isinstance(zoho, dict):  # then the problems say so; its keys cannot be checked
        raise ConfigError(*problems)
    site = data["site"] if isinstance(data.get("site"), dict) else {}

    client_id = _checked(problems, _client_id, environ.get(CLIENT_ID_ENV) or zoho.get("client_id"))
    accounts_url = _checked(problems, _origin, zoho.get("accounts_url", "https://accounts.zoho.com"),
                            "accounts_url")
    scopes = _checked(problems, _scopes, zoho.get("scopes"))
    api_domains = _checked(problems, _api_domains, zoho.get("api_domains", list(ZOHO_API_DOMAINS)))
    site_url = ""
    if environ.get(SITE_URL_ENV):
        site_url = _checked(problems, _site_url, environ[SITE_URL_ENV], f"environment variable {SITE_URL_ENV}")
    elif "url" in site:
        site_url = _checked(problems, _site_url, site["url"], "[site] url")
    notebook = data["notebook"] if isinstance(data.get("notebook"), dict) else {}
    notebook_wheels = _checked(problems, _notebook_wheels, notebook.get("wheels", []))
    environments = _checked(problems, _environments, zoho.get("environments", [PRODUCTION]))
    environment_api_domains = {}
    if environments is not None and accounts_url is not None:
        environment_api_domains = _checked(problems, _environment_api_domains, zoho.get("environment_api_domains", {}),
                                           environments, by_accounts_url(accounts_url) is not None)
    if problems:
        raise ConfigError(*problems)
    return SiteConfig(client_id=client_id, accounts_url=accounts_url, scopes=scopes, api_domains=api_domains,
                      source=str(path), site_url=site_url, environments=environments,
                      environment_api_domains=environment_api_domains, notebook_wheels=notebook_wheels)
