"""Zoho CRM environments: production, sandbox and developer organisations.

Zoho signs everyone in at the same accounts server and answers with the production API
domain (``https://www.zohoapis.<dc>``); a sandbox organisation is served at
``sandbox.zohoapis.<dc>`` and a developer organisation at ``developer.zohoapis.<dc>``.
A site that is not Zoho's (the local sandbox) names each environment's origin itself.
"""

from .datacentres import normalise_origin
from .token import TokenRecord, allowed_api_domain

PRODUCTION, SANDBOX, DEVELOPER = "production", "sandbox", "developer"
LABELS = {PRODUCTION: "Production", SANDBOX: "Sandbox organisation", DEVELOPER: "Developer organisation"}
# The environment the tab's sign-in is for (sessionStorage), kept through renewals.
ENVIRONMENT_KEY = "zoho.environment"
_ZOHO_PRODUCTION_PREFIX = "www.zohoapis."


def environment_api_domain(api_domain: str, environment: str, configured: "dict[str, str] | None") -> "str | None":
    """The API origin of ``environment`` for a sign-in whose production API domain is
    ``api_domain``: the same for production, ``<environment>.zohoapis.<dc>`` for Zoho's
    domains, else ``configured[environment]`` (a stand-in's own origin); None when none is known.
    """
    origin = normalise_origin(api_domain)
    if origin is None or environment not in LABELS:
        return None
    if environment == PRODUCTION:
        return origin
    scheme, _, host = origin.partition("://")
    if scheme == "https" and host.startswith(_ZOHO_PRODUCTION_PREFIX):
        return scheme + "://" + environment + "." + host[len("www."):]
    chosen = configured.get(environment) if isinstance(configured, dict) else None
    return normalise_origin(chosen) if isinstance(chosen, str) else None


def in_environment(record: "TokenRecord", environment: str, configured: "dict[str, str] | None",
                   allowed_api_domains: "list[str]") -> "TokenRecord | None":
    """``record`` (Zoho's answer, with production's API domain) moved to the API domain of
    ``environment``; None when the site knows no allowlisted domain for it."""
    if environment == PRODUCTION:
        return record
    domain = allowed_api_domain(environment_api_domain(record.api_domain, environment, configured),
                                allowed_api_domains)
    if domain is None:
        return None
    fields = record.to_dict()
    fields["api_domain"] = domain
    return TokenRecord(**fields)


def environment_of(api_domain: str, configured: "dict[str, str] | None") -> "str | None":
    """The environment a token's API domain belongs to (so the label shown comes from the
    token in use): Zoho's ``<environment>.zohoapis.<dc>``, or the configured origin of a
    stand-in's environment; production for any other allowlisted domain. None for an
    environment this site does not know (a domain of Zoho's that is none of these)."""
    origin = normalise_origin(api_domain)
    if origin is None:
        return None
    if isinstance(configured, dict):
        for environment, chosen in configured.items():
            if environment in LABELS and isinstance(chosen, str) and normalise_origin(chosen) == origin:
                return environment
    host = origin.partition("://")[2]
    for environment in LABELS:
        prefix = "www." if environment == PRODUCTION else environment + "."
        if host.startswith(prefix + "zohoapis."):
            return environment
    return None if ".zohoapis." in "." + host else PRODUCTION
