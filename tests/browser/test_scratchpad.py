"""The Python scratchpad: Pyodide in a worker, pyodide_http patched, served by the site."""

from urllib.parse import urlsplit

from .conftest import API_ORIGIN, SITE_ORIGIN, SITE_URL, TIMEOUTS, session_token, wait_ready
from .test_signin import store_minted_token


def test_pyodide_http_patches_and_a_cell_calls_zoho_offline(context, page, sandbox):
    page.goto(SITE_URL)
    wait_ready(page)
    minted = store_minted_token(page, sandbox, lifetime=3600)
    page.reload()
    wait_ready(page)
    page.get_by_test_id("scratch-start").click()
    status = page.get_by_test_id("scratch-status")
    status.filter(has_text="pyodide_http patched").wait_for(timeout=TIMEOUTS["pyodide"])
    assert "urllib" in status.inner_text()

    page.get_by_test_id("scratch-run").click()
    output = page.get_by_test_id("scratch-output")
    output.filter(has_text="Ada").wait_for(timeout=TIMEOUTS["action"])

    # The default cell went through pyodide_http's patched urllib to the API, with the token.
    api_calls = [r for r in context.recorded.requests if r.url.startswith(API_ORIGIN + "/crm/")]
    assert any(r.headers.get("authorization") == "Zoho-oauthtoken " + minted["access_token"] for r in api_calls)
    # Pyodide and the wheel came from the site itself.
    origins = {f"{urlsplit(r.url).scheme}://{urlsplit(r.url).netloc}" for r in context.recorded.requests
               if urlsplit(r.url).scheme.startswith("http")}
    assert origins <= {SITE_ORIGIN, API_ORIGIN}
    assert any(r.url.endswith("/wheels/pyodide_http-0.2.2-py3-none-any.whl") for r in context.recorded.requests)
    assert context.recorded.console_errors == []


def test_the_token_never_appears_in_cell_output(page, sandbox):
    page.goto(SITE_URL)
    wait_ready(page)
    minted = store_minted_token(page, sandbox, lifetime=3600)
    page.reload()
    wait_ready(page)
    page.get_by_test_id("scratch-start").click()
    page.get_by_test_id("scratch-status").filter(has_text="patched").wait_for(timeout=TIMEOUTS["pyodide"])
    page.get_by_test_id("scratch-code").fill("print(zoho.headers)\nraise ValueError(zoho.headers['Authorization'])")
    page.get_by_test_id("scratch-run").click()
    output = page.get_by_test_id("scratch-output")
    output.filter(has_text="ValueError").wait_for()
    text = output.inner_text()
    assert minted["access_token"] not in text
    assert "Zoho-oauthtoken <YOUR_TOKEN>" in text
    assert session_token(page)["access_token"] == minted["access_token"]
