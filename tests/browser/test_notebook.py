"""The notebook: cells run by Pyodide in a worker, output streamed, Stop, tracebacks, the zoho
helpers against the sandbox, downloads and opening files, cells kept in the tab."""

import json
import time

import httpx

from .harness import API_ORIGIN, SCOPES, SITE_ORIGIN, TIMEOUTS, session_token
from .steps import open_signed_in, view_message


def cells(page):
    return page.get_by_test_id("cell")


def cell(page, number):
    return cells(page).nth(number - 1)


def output(page, number):
    return cell(page, number).get_by_test_id("cell-output")


def count(page, number):
    return cell(page, number).get_by_test_id("cell-count")


def open_notebook(page, sandbox, scopes=None):
    """Signed in (a minted token) on the notebook view; returns the token."""
    open_signed_in(page, sandbox, scopes=scopes, path="?view=notebook")
    page.locator('[data-view="notebook"]').wait_for()
    return session_token(page)["access_token"]


def start_python(page):
    page.get_by_test_id("notebook-start").click()
    page.get_by_test_id("notebook-status").filter(has_text="is ready").wait_for(timeout=TIMEOUTS["pyodide"])


def write(page, number, code):
    while cells(page).count() < number:
        page.get_by_test_id("cell-add").click()
    cell(page, number).get_by_test_id("cell-code").fill(code)


def codes_on_page(page):
    return [cell(page, n).get_by_test_id("cell-code").input_value() for n in range(1, cells(page).count() + 1)]


def run(page, number, code=None):
    """Run cell ``number`` (with ``code`` written into it first) and wait until it has ended."""
    if code is not None:
        write(page, number, code)
    before = count(page, number).inner_text()
    cell(page, number).get_by_test_id("cell-run").click()
    # Its execution count: a new number once it has ended.
    page.wait_for_function(
        "([n, before]) => { const text = document.querySelectorAll('[data-testid=cell]')[n - 1]"
        ".querySelector('[data-testid=cell-count]').textContent; return /^\\[\\d+\\]$/.test(text) && text !== before; }",
        arg=[number, before], timeout=TIMEOUTS["pyodide"])
    return output(page, number)


def test_output_streams_while_a_cell_runs_in_one_namespace_with_execution_counts(page, sandbox):
    open_notebook(page, sandbox)
    page.get_by_test_id("notebook-start").click()
    # While Python loads, a progress bar says what is loading.
    progress = page.get_by_test_id("notebook-progress")
    progress.wait_for()
    assert "Pyodide" in page.get_by_test_id("notebook-status").inner_text()
    page.get_by_test_id("notebook-status").filter(has_text="is ready").wait_for(timeout=TIMEOUTS["pyodide"])
    assert not progress.is_visible()

    write(page, 1, "import sys, time\nprint('first line')\nprint('to stderr', file=sys.stderr)\n"
                   "time.sleep(4)\nprint('last line')")
    cell(page, 1).get_by_test_id("cell-code").press("Shift+Enter")
    first = output(page, 1).locator("pre.stdout").filter(has_text="first line")
    first.wait_for()
    # The first line is on the page while the cell still sleeps.
    assert "last line" not in output(page, 1).inner_text()
    assert count(page, 1).inner_text() == "[*]"
    assert output(page, 1).locator("pre.stderr").inner_text() == "to stderr\n"
    output(page, 1).filter(has_text="last line").wait_for(timeout=TIMEOUTS["action"])
    assert count(page, 1).inner_text() == "[1]"
    # Shift+Enter moved on to the next cell; from the last one, to a new cell.
    assert page.evaluate("document.activeElement === document.querySelectorAll('[data-testid=cell-code]')[1]")
    cell(page, 2).get_by_test_id("cell-code").fill("'from the second cell'")
    cell(page, 2).get_by_test_id("cell-code").press("Shift+Enter")
    output(page, 2).filter(has_text="from the second cell").wait_for()
    assert cells(page).count() == 3

    run(page, 3, "answer = 41")
    run(page, 2, "answer + 1")
    assert output(page, 2).inner_text().strip() == "42"
    assert count(page, 2).inner_text() == "[4]"
    run(page, 3, "answer = 1")
    run(page, 2)  # again: the old output goes, the new one comes
    assert output(page, 2).inner_text().strip() == "2"
    assert count(page, 2).inner_text() == "[6]"


def test_the_first_cell_and_requests_and_urllib_call_zoho_through_the_browser(context, page, sandbox):
    token = open_notebook(page, sandbox)
    page.get_by_test_id("notebook-run-all").click()
    output(page, 1).filter(has_text="Signed in as Ada Lovelace").wait_for(timeout=TIMEOUTS["pyodide"])
    output(page, 2).locator("table").wait_for()
    leads = sandbox.state()["records"]["Leads"]
    assert output(page, 2).locator("pre.stdout").inner_text() == f"{leads} leads\n"
    assert output(page, 2).locator("tbody tr").count() == 20
    run(page, 3, "import json, requests, urllib.request\n"
                 "answer = requests.get(zoho.url('/crm/v8/users'), params={'type': 'CurrentUser'}, headers=zoho.headers)\n"
                 "print(answer.status_code, answer.json()['users'][0]['email'])\n"
                 "request = urllib.request.Request(zoho.url('/crm/v8/org'), headers=zoho.headers)\n"
                 "print(json.load(urllib.request.urlopen(request))['org'][0]['company_name'])")
    user = api_get(sandbox, "/crm/v8/users?type=CurrentUser")["users"][0]
    org = api_get(sandbox, "/crm/v8/org")["org"][0]
    assert output(page, 3).inner_text() == f"200 {user['email']}\n{org['company_name']}\n"
    assert context.recorded.origins() <= {SITE_ORIGIN, API_ORIGIN}
    assert token in context.recorded.tokens_used()
    fetched = [request.url for request in context.recorded.requests]
    assert any(url.endswith("/wheels/requests-2.33.1-py3-none-any.whl") for url in fetched)
    # A package the config names ([notebook] wheels) imports like the others.
    table = run(page, 4, "import tabulate\nprint(tabulate.tabulate([['Ada', 1815]]))")
    assert "Ada  1815" in table.inner_text()


def test_stop_ends_an_endless_loop_within_two_seconds_and_the_next_cell_runs(page, sandbox):
    open_notebook(page, sandbox)
    start_python(page)
    run(page, 1, "kept = 'from before'")
    write(page, 2, "while True:\n    pass")
    cell(page, 2).get_by_test_id("cell-run").click()
    page.get_by_test_id("notebook-status").filter(has_text="Running cell 2").wait_for()
    started = time.monotonic()
    page.get_by_test_id("notebook-stop").click()
    output(page, 2).filter(has_text="namespace was reset").wait_for(timeout=2000)
    assert time.monotonic() - started < 2
    assert count(page, 2).inner_text() == "[ ]"
    next_cell = run(page, 3, "print('after the stop')\nprint(kept)")
    assert next_cell.locator("pre.stdout").inner_text() == "after the stop\n"
    assert "NameError: name 'kept' is not defined" in next_cell.locator("pre.stderr").inner_text()
    assert count(page, 3).inner_text() == "[1]"  # a new Python counts from 1


def test_a_traceback_shows_the_persons_cells_and_lines_only(page, sandbox):
    open_notebook(page, sandbox)
    start_python(page)
    run(page, 1, "def ratio(a, b):\n    return a / b")
    trace = run(page, 2, "x = 1\nratio(x, 0)").locator("pre.stderr").inner_text()
    assert 'File "Cell [2]", line 2, in <module>' in trace
    assert 'File "Cell [1]", line 2, in ratio' in trace
    assert trace.rstrip().endswith("ZeroDivisionError: division by zero")
    for internal in ("<exec>", "worker.py", "kernel.py", "/lib/python", "pyodide"):
        assert internal not in trace
    assert "failed" in cell(page, 2).get_attribute("class")


def api_get(sandbox, path):
    """What the sandbox answers to ``path``, asked directly (not through the page)."""
    headers = {"Authorization": "Zoho-oauthtoken " + sandbox.mint_token()["access_token"]}
    answer = httpx.get(API_ORIGIN + path, headers=headers, timeout=30)
    answer.raise_for_status()
    return answer.json()


def create_leads(sandbox, total):
    token = sandbox.mint_token()["access_token"]
    headers = {"Authorization": "Zoho-oauthtoken " + token}
    for start in range(0, total, 100):
        batch = [{"Last_Name": f"Bulk {n}", "Company": "Many Ltd"} for n in range(start, start + 100)]
        answer = httpx.post(API_ORIGIN + "/crm/v8/Leads", json={"data": batch}, headers=headers, timeout=30)
        answer.raise_for_status()


def test_helpers_page_through_a_thousand_records_and_every_coql_row(page, sandbox):
    create_leads(sandbox, 1000)
    leads = sandbox.state()["records"]["Leads"]
    assert leads >= 1000
    open_notebook(page, sandbox, scopes=(*SCOPES, "ZohoCRM.coql.READ"))
    start_python(page)
    shown = run(page, 1, "rows = list(zoho.records('Leads', fields=['Last_Name']))\n"
                         "print(len(rows), len({row['id'] for row in rows}))\n"
                         "found = zoho.coql(\"select Last_Name from Leads where Company = 'Many Ltd'\")\n"
                         "print(len(found))\n"
                         "print(len(zoho.fields('Leads')) > 3)")
    assert shown.locator("pre.stdout").inner_text() == f"{leads} {leads}\n1000\nTrue\n"
    requests = [r for r in sandbox.state()["requests"] if r["path"] == "/crm/v8/Leads" and r["method"] == "GET"]
    assert sum("page_token" in json.dumps(r["query"]) for r in requests) == -(-leads // 200) - 1


def test_a_rate_limit_is_waited_out_with_a_note(page, sandbox):
    open_notebook(page, sandbox)
    start_python(page)
    sandbox.fail_next(status=429, retry_after=1, path_prefix="/crm/v8/org")
    shown = run(page, 1, "print(zoho.get('/crm/v8/org')['org'][0]['company_name'])")
    company = api_get(sandbox, "/crm/v8/org")["org"][0]["company_name"]
    assert shown.locator("pre.stdout").inner_text() == company + "\n"
    assert "slow down" in shown.locator("pre.stderr").inner_text()


def test_a_path_that_would_leave_the_api_domain_is_refused(context, page, sandbox):
    open_notebook(page, sandbox)
    start_python(page)
    for number, call in enumerate(("zoho.get('@127.0.0.1:8711/x')", "zoho.url('@evil.example/x')",
                                   "zoho.get('//evil.example/x')"), 1):
        trace = run(page, number, call).locator("pre.stderr").inner_text()
        assert "UnsafeRequestError" in trace, trace
    assert context.recorded.origins() <= {SITE_ORIGIN, API_ORIGIN}


def test_data_is_shown_as_text_never_as_html_and_the_token_is_masked(page, sandbox):
    token = open_notebook(page, sandbox)
    start_python(page)
    html = "<img src=x onerror=\"window.__pwned = 1\"><b>bold</b>"
    shown = run(page, 1, f"print({html!r})\nzoho.table([{{'name': {html!r}}}], columns=['name'])\n"
                         f"[{{{html!r}: {html!r}}}]")
    assert shown.locator("img, b, script").count() == 0
    assert shown.locator("pre.stdout").inner_text() == html + "\n"
    assert shown.locator("td").first.inner_text() == html
    assert shown.locator("th").last.inner_text() == html
    assert page.evaluate("window.__pwned") is None
    masked = run(page, 2, "print(zoho.headers)\nraise ValueError(zoho.headers['Authorization'])")
    assert token not in masked.inner_text()
    assert "Zoho-oauthtoken <YOUR_TOKEN>" in masked.locator("pre.stdout").inner_text()
    assert "ValueError: Zoho-oauthtoken <YOUR_TOKEN>" in masked.locator("pre.stderr").inner_text()


def test_download_as_py_and_ipynb_without_outputs_and_open_them_again(page, sandbox, tmp_path):
    open_notebook(page, sandbox)
    start_python(page)
    run(page, 1, "x = 'printed output'\nprint(x)")
    write(page, 2, "y = 2\n\nprint(y)")
    codes = ["x = 'printed output'\nprint(x)", "y = 2\n\nprint(y)"]
    with page.expect_download() as py_download:
        page.get_by_test_id("notebook-download-py").click()
    script = py_download.value.path().read_text()
    assert py_download.value.suggested_filename == "notebook.py"
    # After the setup cell that makes `zoho` outside the page (zoho.notebook.SETUP_CELL).
    assert [part.strip("\n") for part in script.split("# %%\n")[2:]] == codes
    with page.expect_download() as ipynb_download:
        page.get_by_test_id("notebook-download-ipynb").click()
    notebook = json.loads(ipynb_download.value.path().read_text())
    assert notebook["nbformat"] == 4
    assert ["".join(c["source"]) for c in notebook["cells"][1:]] == codes
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in notebook["cells"])
    assert "printed output\n" not in json.dumps(notebook)

    opened = tmp_path / "other.py"
    opened.write_text("# %%\nprint('one')\n\n# %%\nprint('two')\n\n# %%\nprint('three')\n")
    page.get_by_test_id("notebook-file").set_input_files(str(opened))
    view_message(page, "notebook").filter(has_text="Opened other.py: 3 cells").wait_for()
    assert codes_on_page(page) == ["print('one')", "print('two')", "print('three')"]
    # Open… replaced the cells without asking: Undo brings them back, outputs included.
    page.get_by_test_id("cell-undo").filter(has_text="Undo opening other.py").click()
    assert codes_on_page(page) == codes
    assert "printed output" in output(page, 1).inner_text()
    assert not page.get_by_test_id("cell-undo").is_visible()
    (tmp_path / "saved.ipynb").write_text(json.dumps(notebook))
    page.get_by_test_id("notebook-file").set_input_files(str(tmp_path / "saved.ipynb"))
    view_message(page, "notebook").filter(has_text="Opened saved.ipynb: 2 cells").wait_for()
    assert cells(page).count() == 2

    with page.expect_download() as cell_download:
        run(page, 1, "zoho.download('names.csv', [{'name': 'Ada, L.'}, {'name': 'Grace'}])").get_by_role(
            "link", name="Download names.csv").click()
    assert cell_download.value.path().read_bytes().decode("utf-8-sig") == 'name\r\n"Ada, L."\r\nGrace\r\n'


def test_cells_are_kept_over_a_reload_without_outputs_or_the_token_and_go_at_sign_out(page, sandbox):
    token = open_notebook(page, sandbox)
    start_python(page)
    run(page, 1, "print('out' + 'put text')")
    write(page, 1, "first = 1")
    write(page, 2, "print('secret data')  # " + token)
    write(page, 3, "third = 3")
    cell(page, 3).get_by_test_id("cell-up").click()  # third now second
    cell(page, 1).get_by_test_id("cell-delete").click()
    # Kept once the deletion is: the third cell in it and the first one gone.
    page.wait_for_function("() => { const kept = sessionStorage.getItem('zoho.draft.notebook') || '';"
                           " return kept.includes('third') && !kept.includes('first = 1'); }")
    page.reload()
    page.locator('[data-view="notebook"] [data-testid="cell"]').first.wait_for()
    page.wait_for_function("() => document.querySelector('[data-testid=cell-code]').value === 'third = 3'")
    assert codes_on_page(page) == ["third = 3", "print('secret data')  # <YOUR_TOKEN>"]
    kept = page.evaluate("sessionStorage.getItem('zoho.draft.notebook')")
    assert token not in kept and "output text" not in kept
    page.get_by_test_id("sign-out").click()
    # The cells are not downloaded: sign-out asks in the page first; discard them.
    page.get_by_role("button", name="Sign out and discard it").click()
    page.get_by_test_id("sign-in").wait_for()
    assert page.evaluate("sessionStorage.getItem('zoho.draft.notebook')") is None
    assert "secret data" not in page.locator('[data-view="notebook"]').inner_text()


def test_a_deleted_cell_comes_back_with_undo_where_it_was(page, sandbox):
    open_notebook(page, sandbox)
    write(page, 3, "third = 3")
    before = codes_on_page(page)
    cell(page, 2).get_by_test_id("cell-delete").click()
    assert codes_on_page(page) == [before[0], before[2]]
    undo = page.get_by_test_id("cell-undo")
    assert undo.inner_text() == "Undo delete of cell 2"
    undo.click()
    assert codes_on_page(page) == before
    assert not undo.is_visible()
    page.wait_for_function("() => (sessionStorage.getItem('zoho.draft.notebook') || '').includes('leads')")


def test_a_character_split_nowhere_and_restart_python_empties_the_namespace(page, sandbox):
    open_notebook(page, sandbox)
    start_python(page)
    # A character beyond U+FFFF reached the page as two escaped halves, shown as six U+FFFD.
    shown = run(page, 1, "x = 1\nprint('x' * 12 + '\U0001F40D')").locator("pre.stdout").inner_text()
    assert shown == "x" * 12 + "\U0001F40D\n"
    page.get_by_test_id("notebook-restart").click()
    page.get_by_test_id("notebook-status").filter(has_text="is ready").wait_for(timeout=TIMEOUTS["pyodide"])
    assert "NameError" in run(page, 2, "x").inner_text()


MARKDOWN_TEXT = ("# Leads report\n\nSee **this**, <b>raw</b> <img src=x onerror=alert(1)>, "
                 "[docs](https://www.zoho.com/crm), [bad](javascript:alert(1)), [plain](http://example.com), "
                 "[mail](mailto:ada@example.com).")


def rendered_links(page, number):
    return output(page, number).locator("a").evaluate_all("links => links.map(link => link.getAttribute('href'))")


def test_markdown_cells_render_safely_and_are_kept_downloaded_and_opened(page, sandbox, tmp_path):
    open_notebook(page, sandbox)
    write(page, 3, MARKDOWN_TEXT)
    # The renderer is loaded with the first markdown cell, not with the page.
    assert page.evaluate("typeof window.markdownit") == "undefined"
    cell(page, 3).get_by_test_id("cell-kind").select_option("markdown")
    output(page, 3).get_by_role("heading", name="Leads report").wait_for()
    assert output(page, 3).locator("strong").inner_text() == "this"
    # Raw HTML is shown as text; links other than https: and mailto: are not links.
    assert output(page, 3).locator("b, img, script").count() == 0
    text = output(page, 3).inner_text()
    assert "<b>raw</b> <img src=x onerror=alert(1)>" in text and "[bad](javascript:alert(1))" in text
    assert rendered_links(page, 3) == ["https://www.zoho.com/crm", "mailto:ada@example.com"]
    assert page.get_by_test_id("notebook-status").inner_text().startswith("Python is not running")

    page.wait_for_function("() => (sessionStorage.getItem('zoho.draft.notebook') || '').includes('markdown')")
    page.reload()
    output(page, 3).get_by_role("heading", name="Leads report").wait_for()
    assert cell(page, 3).get_by_test_id("cell-kind").input_value() == "markdown"
    assert [cell(page, n).get_by_test_id("cell-kind").input_value() for n in (1, 2)] == ["code", "code"]

    with page.expect_download() as py_download:
        page.get_by_test_id("notebook-download-py").click()
    script = py_download.value.path().read_text()
    assert script.endswith("\n# %% [markdown]\n# # Leads report\n#\n# See **this**, <b>raw</b>"
                           + MARKDOWN_TEXT.split("<b>raw</b>")[1] + "\n"), script
    with page.expect_download() as ipynb_download:
        page.get_by_test_id("notebook-download-ipynb").click()
    saved = json.loads(ipynb_download.value.path().read_text())["cells"][-1]
    assert (saved["cell_type"], "".join(saved["source"])) == ("markdown", MARKDOWN_TEXT)

    (tmp_path / "notes.py").write_text("# %%\nx = 1\n\n# %% [markdown]\n# ## Opened *again*\n")
    page.get_by_test_id("notebook-file").set_input_files(str(tmp_path / "notes.py"))
    output(page, 2).get_by_role("heading", name="Opened again").wait_for()
    assert codes_on_page(page) == ["x = 1", "## Opened *again*"]
    (tmp_path / "notes.ipynb").write_text(json.dumps(json.loads(ipynb_download.value.path().read_text())))
    page.get_by_test_id("notebook-file").set_input_files(str(tmp_path / "notes.ipynb"))
    output(page, 3).get_by_role("heading", name="Leads report").wait_for()


def code_of(page, number):
    return cell(page, number).get_by_test_id("cell-code")


def test_tab_completes_names_and_shift_tab_shows_the_signature_under_the_cell(page, sandbox):
    open_notebook(page, sandbox)
    write(page, 2, "records_")
    code_of(page, 2).press("End")
    code_of(page, 2).press("Tab")  # Python is not running: Tab moves the focus on, as always
    assert code_of(page, 2).input_value() == "records_"
    assert not page.evaluate("document.activeElement === document.querySelectorAll('[data-testid=cell-code]')[1]")
    start_python(page)
    run(page, 1, "import json\nrecords_seen = 3\ndef fetch_all(module, *, pages=2):\n"
                 "    '''Every record of a module.\n\n    More.'''")
    code_of(page, 2).press("End")
    code_of(page, 2).press("Tab")
    page.wait_for_function("() => document.querySelectorAll('[data-testid=cell-code]')[1].value === 'records_seen'")
    code_of(page, 2).press("Enter")
    code_of(page, 2).type("json.du")
    code_of(page, 2).press("Tab")
    hint = cell(page, 2).get_by_test_id("cell-hint")
    hint.filter(has_text="json.dumps").wait_for()
    assert hint.inner_text().split() == ["json.dump", "json.dumps"]
    assert code_of(page, 2).input_value() == "records_seen\njson.dump"
    code_of(page, 2).press("Enter")
    code_of(page, 2).type("fetch_all(")
    assert not hint.is_visible()  # typing hides what Tab found
    code_of(page, 2).press("Shift+Tab")
    hint.filter(has_text="Every record").wait_for()
    assert hint.inner_text() == "fetch_all(module, *, pages=2)\nEvery record of a module."
    assert page.evaluate("document.activeElement === document.querySelectorAll('[data-testid=cell-code]')[1]")


def test_outputs_are_kept_in_the_ipynb_when_asked_token_masked_and_shown_as_text_when_opened(page, sandbox, tmp_path):
    token = open_notebook(page, sandbox)
    start_python(page)
    run(page, 1, "print('printed', zoho.headers['Authorization'])\n[{'Name': 'Ada'}, {'Name': '<b>Grace</b>'}]")
    run(page, 2, "print('second')")
    write(page, 3, "# Notes")
    cell(page, 3).get_by_test_id("cell-kind").select_option("markdown")
    with page.expect_download() as plain:
        page.get_by_test_id("notebook-download-ipynb").click()
    assert all(c.get("outputs", []) == [] for c in json.loads(plain.value.path().read_text())["cells"])
    page.get_by_test_id("notebook-keep-outputs").check()
    with page.expect_download() as with_outputs:
        page.get_by_test_id("notebook-download-ipynb").click()
    text = with_outputs.value.path().read_text()
    assert token not in text
    saved = json.loads(text)["cells"]
    assert saved[1]["execution_count"] == 1 and saved[2]["execution_count"] == 2
    assert saved[1]["outputs"] == [
        {"output_type": "stream", "name": "stdout", "text": ["printed Zoho-oauthtoken <YOUR_TOKEN>\n"]},
        {"output_type": "display_data", "metadata": {},
         "data": {"text/plain": ["Name\n", "------------\n", "Ada\n", "<b>Grace</b>"]}}]
    assert saved[2]["outputs"] == [{"output_type": "stream", "name": "stdout", "text": ["second\n"]}]
    assert saved[3]["cell_type"] == "markdown" and "outputs" not in saved[3]

    (tmp_path / "kept.ipynb").write_text(text)
    page.get_by_test_id("notebook-file").set_input_files(str(tmp_path / "kept.ipynb"))
    view_message(page, "notebook").filter(has_text="Opened kept.ipynb: 3 cells").wait_for()
    assert output(page, 1).inner_text() == "printed Zoho-oauthtoken <YOUR_TOKEN>\nName\n------------\nAda\n<b>Grace</b>"
    assert output(page, 1).locator("b, table").count() == 0
    assert output(page, 2).inner_text() == "second"
