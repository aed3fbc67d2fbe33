"""The notebook's ``zoho`` helper on the desktop (CPython), for a notebook downloaded from the
page: the same object the page's worker drives (zoho.notebook_helper: its retry policy and
paging are the core's), its calls sent with requests, its tables printed and its downloads
written to files.

    from zoho.desktop import connect
    zoho = connect()  # the token and API domain from ZOHO_ACCESS_TOKEN and ZOHO_API_DOMAIN

Installed with the distribution's ``desktop`` extra (requests). A sub-package, not a module
of the core: it does I/O, and nothing of the core imports it.
"""

import os
import time
from pathlib import Path

from ..charts import bars
from ..datacentres import ZOHO_API_DOMAINS, normalise_origin
from ..environments import LABELS, environment_api_domain
from ..errors import NetworkError, ZohoError
from ..notebook import download_bytes, download_name, table_text
from ..notebook_helper import Zoho
from ..token import TokenRecord, allowed_api_domain, is_plausible_token

try:
    import requests
except ImportError:  # the package installed without its "desktop" extra
    raise ImportError("zoho.desktop sends its calls with requests, which is not installed: "
                      "pip install requests (or install this project with its \"desktop\" extra).") from None

TOKEN_VARIABLE = "ZOHO_ACCESS_TOKEN"
API_DOMAIN_VARIABLE = "ZOHO_API_DOMAIN"
# One more API domain to send the token to, besides Zoho's (a local sandbox, for tests).
ALLOW_VARIABLE = "ZOHO_ALLOW_API_DOMAIN"
# Zoho's access tokens last an hour from when they were issued, so at most that from now.
ACCESS_TOKEN_LIFETIME = 3600
TIMEOUT = 60  # seconds to wait for Zoho's answer to a call
# Zoho's API domains: each data centre's, for its production, sandbox and developer organisations.
API_DOMAINS = tuple(environment_api_domain(domain, environment, None)
                    for domain in ZOHO_API_DOMAINS for environment in LABELS)


class SetupError(ZohoError):
    """The desktop helper cannot start: a token or an API domain is missing or refused."""

    code = "desktop_setup"
    default_message = "The zoho helper could not start."


class Files:
    """Where a desktop notebook shows things: tables printed, downloads written into ``folder``."""

    def __init__(self, folder):
        self.folder = Path(folder)

    def table(self, rows, columns=None):
        print(table_text(rows, columns))

    def chart(self, spec):
        """A bar chart (zoho.charts) as its bars in a printed table: a terminal draws no SVG."""
        columns, rows = bars(spec)
        print(table_text(rows, columns))

    def download(self, name, data):
        """Write ``data`` as the page would offer it (rows as CSV, …) to ``folder``/``name``,
        replacing a file of that name."""
        name = download_name(name)
        content = download_bytes(name, data)
        path = self.folder / name
        path.write_bytes(content)
        print("Wrote {} ({:,} bytes)".format(path, len(content)))


def sender(session, timeout=TIMEOUT):
    """``send(request)`` for the helper: an ApiRequest over ``session`` (a requests.Session),
    redirects not followed; (status, headers, text), or NetworkError when no answer came."""

    def send(request):
        body = None if request.body is None else request.body.encode("utf-8")
        try:
            answer = session.request(request.method, request.url, headers=request.headers, data=body,
                                     timeout=timeout, allow_redirects=False)
        except requests.RequestException as error:
            raise NetworkError("No answer came from {} ({}): check the network, a proxy, or "
                               "ZOHO_API_DOMAIN.".format(request.url.split("?")[0], type(error).__name__)) from None
        return answer.status_code, dict(answer.headers), answer.content.decode("utf-8", "replace")

    return send


def _given(value, variable):
    value = os.environ.get(variable) if value is None else value
    return value.strip() if isinstance(value, str) else value


def _api_domain(api_domain, allow_api_domain):
    if not api_domain:
        raise SetupError("No API domain: set {} to the api_domain Zoho gave with the token (such as "
                         "https://www.zohoapis.eu), or pass api_domain=.".format(API_DOMAIN_VARIABLE))
    if normalise_origin(api_domain) is None:
        raise SetupError("{} is {!r}, which is not an address such as https://www.zohoapis.eu "
                         "(a scheme and a host, nothing after them).".format(API_DOMAIN_VARIABLE, api_domain))
    allowed = API_DOMAINS + ((allow_api_domain,) if allow_api_domain else ())
    origin = allowed_api_domain(api_domain, allowed)
    if origin is None:
        raise SetupError("{} is not one of Zoho's API domains ({}, and their sandbox. and developer. hosts), "
                         "so the token is not sent there. To use "
                         "another server (a local sandbox), set {} to it as well.".format(
                             api_domain, ", ".join(ZOHO_API_DOMAINS), ALLOW_VARIABLE))
    return origin


def connect(access_token=None, api_domain=None, allow_api_domain=None, folder="."):
    """The ``zoho`` helper for ``access_token`` at ``api_domain`` (each, when not given, from
    ZOHO_ACCESS_TOKEN and ZOHO_API_DOMAIN); downloads go into ``folder``. An API domain that
    is not Zoho's is refused unless it is ``allow_api_domain`` (or ZOHO_ALLOW_API_DOMAIN).
    SetupError says what is missing or refused."""
    access_token = _given(access_token, TOKEN_VARIABLE)
    if not access_token:
        raise SetupError("No access token: set {} to a Zoho access token (one with the ZohoCRM scopes "
                         "the notebook needs), or pass access_token=.".format(TOKEN_VARIABLE))
    if not is_plausible_token(access_token):
        raise SetupError("{} does not look like a Zoho access token (such as 1000.4f2c…): give the token "
                         "alone, without \"Zoho-oauthtoken\" or quotes.".format(TOKEN_VARIABLE))
    origin = _api_domain(_given(api_domain, API_DOMAIN_VARIABLE), _given(allow_api_domain, ALLOW_VARIABLE))
    session = requests.Session()
    zoho = Zoho(sender(session), time.sleep, time.time, Files(folder))
    zoho.use(TokenRecord(access_token, time.time() + ACCESS_TOKEN_LIFETIME, origin, []))
    return zoho


def connect_or_exit():
    """For the first cell of a downloaded notebook: ``connect()``, or SystemExit with what is
    missing (a script then stops with that sentence rather than a traceback)."""
    try:
        return connect()
    except SetupError as error:
        raise SystemExit(str(error)) from None
