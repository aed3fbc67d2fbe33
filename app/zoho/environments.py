"""Zoho CRM environments: production, sandbox and developer organisations.

Zoho signs everyone in at the same accounts server and answers with the production API
domain (``https://www.zohoapis.<dc>``); a sandbox organisation is served at
``sandbox.zohoapis.<dc>`` and a developer organisation at ``developer.zohoapis.<dc>``.
A site that is not Zoho's (the local sandbox) names each environment's origin itself.
"""

from .datacentres import normalise_origin

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
