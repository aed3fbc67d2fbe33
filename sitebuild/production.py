"""What a config means against the real Zoho: the refusals of a --production build, the warnings
of a plain one, and what to register in Zoho's API console."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from zoho.datacentres import ZOHO_ACCOUNTS_URLS, ZOHO_API_DOMAINS

from sitebuild.config import CLIENT_ID_ENV, SITE_URL_ENV, SiteConfig
from sitebuild.errors import ConfigError

# Client ids copied from an example or a test config: a --production build refuses them.
PLACEHOLDER_MARKERS = ("YOUR", "XXXX", "EXAMPLE", "PLACEHOLDER", "CHANGEME", "SANDBOX", "TESTCLIENT")

# Zoho's servers by config key: Zoho's own origins, what they are, and what the app sends there.
ZOHO_SERVERS = {
    "accounts_url": (ZOHO_ACCOUNTS_URLS, "accounts servers (https://accounts.zoho.com for every data centre "
                     "but China)", "sign-in starts there"),
    "api_domains": (ZOHO_API_DOMAINS, "API domains (leave api_domains out for all of them)",
                    "the app sends the access token there"),
}


def _is_placeholder(client_id: str) -> bool:
    return any(marker in client_id.upper() for marker in PLACEHOLDER_MARKERS)


def _servers(config: SiteConfig) -> list[tuple[str, str]]:
    """(config key, origin) of every server the app talks to."""
    return [("accounts_url", config.accounts_url), *(("api_domains", domain) for domain in config.api_domains)]


def check_production(config: SiteConfig) -> None:
    """Refuse a config that cannot work, or is not safe, against the real Zoho; name every problem."""
    problems = []
    if _is_placeholder(config.client_id):
        problems.append(f"[zoho] client_id: {config.client_id!r} is a placeholder or test id; set the Client ID "
                        "of your Zoho client-based application in the environment variable "
                        f"{CLIENT_ID_ENV} (or in [zoho] client_id)")
    for key, origin in _servers(config):
        zoho_origins, what, _ = ZOHO_SERVERS[key]
        if origin.startswith("http://"):
            problems.append(f"[zoho] {key}: {origin} uses http://; a --production build talks to Zoho over "
                            f"https only: use one of Zoho's {what}")
        elif origin not in zoho_origins:
            problems.append(f"[zoho] {key}: {origin} is not one of Zoho's {what} ({', '.join(zoho_origins)}); "
                            "a --production build talks to Zoho only")
    if config.site_url and not config.site_url.startswith("https://"):
        problems.append(f"[site] url (or {SITE_URL_ENV}): {config.site_url} is not https; Zoho and GitHub "
                        "Pages need the site's https address, e.g. https://you.github.io/your-repo/")
    if problems:
        raise ConfigError(*problems)


def _is_loopback(origin: str) -> bool:
    host = urlsplit(origin).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def config_warnings(config: SiteConfig) -> list[str]:
    """What a build without --production lets through but names: a placeholder client id, and
    servers that are not Zoho's.

    Loopback servers get no warning: they are the local Zoho sandbox (`python3 dev.py run`, the
    tests), which takes any client id, and a token sent there stays on this computer. Warning on
    every run of the normal local set-up would teach people to skip the warnings that matter.
    """
    warnings = []
    if _is_placeholder(config.client_id) and not _is_loopback(config.accounts_url):
        warnings.append(f"[zoho] client_id: {config.client_id!r} is a placeholder or test id, which Zoho "
                        f"refuses; set your client's id in {CLIENT_ID_ENV} or [zoho] client_id")
    for key, origin in _servers(config):
        zoho_origins, what, consequence = ZOHO_SERVERS[key]
        if origin not in zoho_origins and not _is_loopback(origin):
            warnings.append(f"[zoho] {key}: {origin} is not one of Zoho's {what}; {consequence}")
    return warnings


def registration_lines(config: SiteConfig) -> list[str]:
    """What to enter in Zoho's API console for this site."""
    if not config.site_url:
        return [(f"build: the site's URL is unknown ([site] url or {SITE_URL_ENV}): register the URL of "
                 "the folder you publish, with its trailing slash, as the Authorized Redirect URI, and "
                 "its origin as the JavaScript Domain")]
    return ["build: register these in Zoho's API console (your client-based application):",
            f"  Authorized Redirect URI: {config.site_url}",
            f"  JavaScript Domain:       {config.javascript_domain}"]
