"""The Python scratchpad: Pyodide in a worker, pyodide_http patched, served by the site."""

from urllib.parse import urlsplit

from .conftest import API_ORIGIN, SITE_ORIGIN, SITE_URL, TIMEOUTS, session_token, wait_ready
from .test_signin import store_minted_token


def start_scratchpad_signed_in(page, sandbox):
    """Signed in with a minted token, the scratchpad's Python started; returns the token."""
    page.goto(SITE_URL)
    wait_ready(page)
    minted = store_minted_token(page, sandbox, lifetime=3600)
    page.goto(SITE_URL + "?view=notebook")
    wait_ready(page)
    page.get_by_test_id("scratch-start").click()
    page.get_by_test_id("scratch-status").filter(has_text="pyodide_http patched").wait_for(
        timeout=TIMEOUTS["pyodide"])
    return minted


def test_pyodide_http_patches_and_a_cell_calls_zoho_offline(context, page, sandbox):
    minted = start_scratchpad_signed_in(page, sandbox)
    status = page.get_by_test_id("scratch-status")
    assert "urllib" in status.inner_text() and "requests" in status.inner_text()

    # The default cell: requests.get through pyodide_http.
    page.get_by_test_id("scratch-run").click()
    output = page.get_by_test_id("scratch-output")
    output.filter(has_text="200 Ada Lovelace").wait_for(timeout=TIMEOUTS["action"])
    # And urllib.request.
    page.get_by_test_id("scratch-code").fill(
        "import json, urllib.request\n"
        "request = urllib.request.Request(zoho.url('/crm/v8/org'), headers=zoho.headers)\n"
        "print(json.load(urllib.request.urlopen(request))['org'][0]['company_name'])")
    page.get_by_test_id("scratch-run").click()
    output.filter(has_text="Analytical Engines").wait_for(timeout=TIMEOUTS["action"])

    # The cells went through pyodide_http to the API, with the token.
    api_calls = [r for r in context.recorded.requests if r.url.startswith(API_ORIGIN + "/crm/")]
    assert any(r.headers.get("authorization") == "Zoho-oauthtoken " + minted["access_token"] for r in api_calls)
    # Pyodide and the wheel came from the site itself.
    origins = {f"{urlsplit(r.url).scheme}://{urlsplit(r.url).netloc}" for r in context.recorded.requests
               if urlsplit(r.url).scheme.startswith("http")}
    assert origins <= {SITE_ORIGIN, API_ORIGIN}
    fetched = [r.url for r in context.recorded.requests]
    assert any(url.endswith("/wheels/pyodide_http-0.2.2-py3-none-any.whl") for url in fetched)
    assert any(url.endswith("/wheels/requests-2.33.1-py3-none-any.whl") for url in fetched)
    assert context.recorded.console_errors == []


def test_the_token_never_appears_in_cell_output(page, sandbox):
    minted = start_scratchpad_signed_in(page, sandbox)
    page.get_by_test_id("scratch-code").fill("print(zoho.headers)\nraise ValueError(zoho.headers['Authorization'])")
    page.get_by_test_id("scratch-run").click()
    output = page.get_by_test_id("scratch-output")
    output.filter(has_text="ValueError").wait_for()
    text = output.inner_text()
    assert minted["access_token"] not in text
    assert "Zoho-oauthtoken <YOUR_TOKEN>" in text
    assert session_token(page)["access_token"] == minted["access_token"]
