"""A notebook downloaded from the page, run with CPython against the sandbox: the downloaded
``.py`` (zoho.notebook.to_percent_script) begins with the setup cell, which makes ``zoho`` with
the installed package's desktop helper (zoho.desktop) from the environment."""

import csv
import io
import os
import subprocess
import sys

from scratch.kernel import OK, Kernel
from tests.support import run_coroutine
from zoho.notebook import SETUP_CELL, to_percent_script

from .conftest import LEADS

CELLS = [
    'leads = list(zoho.records("Leads", fields=["Last_Name", "Email"]))\n'
    'print(len(leads), "leads,", len({lead["id"] for lead in leads}), "different")',
    'rows = zoho.coql("select Last_Name, Email from Leads where Last_Name is not null limit 5")\n'
    'zoho.table(rows, columns=["Last_Name", "Email"])',
    'zoho.download("leads.csv", leads)',
]


def run_notebook(folder, cells, **environment):
    """Run the downloaded script of ``cells`` in ``folder`` with this interpreter (which has the
    package installed), the ZOHO_ variables of this process replaced by ``environment``."""
    script = folder / "notebook.py"
    script.write_text(to_percent_script(cells), encoding="utf-8")
    kept = {name: value for name, value in os.environ.items() if not name.startswith("ZOHO_")}
    return subprocess.run([sys.executable, script.name], cwd=folder, env={**kept, **environment},
                          capture_output=True, text=True, timeout=120)


def test_a_downloaded_script_runs_on_cpython_paging_waiting_out_a_rate_limit_and_writing_its_download(
        sandbox, tmp_path):
    token = sandbox.mint_token()
    # The first call meets a rate limit: the core's retry policy waits (0 s, as Retry-After says) and asks again.
    sandbox.control("/_sandbox/fail-next", {"status": 429, "retry_after": 0})
    done = run_notebook(tmp_path, CELLS, ZOHO_ACCESS_TOKEN=token, ZOHO_API_DOMAIN=sandbox.api_url,
                        ZOHO_ALLOW_API_DOMAIN=sandbox.api_url)
    assert done.returncode == 0, done.stderr
    truth = sandbox.leads()
    assert len(truth) == LEADS
    lines = done.stdout.splitlines()
    assert lines[0] == "{} leads, {} different".format(LEADS, LEADS)
    # The table: headings, a rule, five rows of leads the sandbox holds, then the download's line.
    assert lines[1].split() == ["Last_Name", "Email"] and set(lines[2]) == {"-", " "}
    held = {(lead["Last_Name"], lead["Email"] or "") for lead in truth}
    first = len(lines[2].split()[0]) + 2  # the first column's width, and the two spaces after it
    assert all((line[:first].strip(), line[first:].strip()) in held for line in lines[3:8]), lines
    assert lines[8:] == ["Wrote leads.csv ({:,} bytes)".format((tmp_path / "leads.csv").stat().st_size)]
    assert "Zoho asked to slow down; trying again in 0 s (attempt 2 of" in done.stderr

    with (tmp_path / "leads.csv").open(encoding="utf-8-sig", newline="") as written:
        rows = list(csv.DictReader(written))
    assert {row["id"]: (row["Last_Name"], row["Email"]) for row in rows} == {
        lead["id"]: (lead["Last_Name"], lead["Email"] or "") for lead in truth}

    calls = [r for r in sandbox.state()["requests"] if r["path"].startswith("/crm/")]
    assert calls and all(r["token"] == token for r in calls)
    listing = [r for r in calls if r["path"] == "/crm/v8/Leads"]
    # 429, then pages 1 to 3: the second and third asked with Zoho's page_token.
    assert [r["status"] for r in listing] == [429, 200, 200, 200]
    assert ["page_token=" in r["query"] for r in listing] == [False, False, True, True]


def test_without_a_token_the_script_stops_at_the_setup_cell_saying_what_to_set(sandbox, tmp_path):
    done = run_notebook(tmp_path, ['print("never run")'], ZOHO_API_DOMAIN=sandbox.api_url)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == ("No access token: set ZOHO_ACCESS_TOKEN to a Zoho access token (one with the "
                                   "ZohoCRM scopes the notebook needs), or pass access_token=.")


def test_an_api_domain_that_is_not_zohos_gets_no_token_unless_allowed(sandbox, tmp_path):
    token = sandbox.mint_token()
    done = run_notebook(tmp_path, ['print(zoho.get("/crm/v8/org"))'], ZOHO_ACCESS_TOKEN=token,
                        ZOHO_API_DOMAIN=sandbox.api_url)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(sandbox.api_url + " is not one of Zoho's API domains (https://www.zohoapis.com, ")
    assert "set ZOHO_ALLOW_API_DOMAIN to it as well" in done.stderr
    assert [r for r in sandbox.state()["requests"] if r["token"]] == []


def test_in_the_pages_kernel_the_setup_cell_runs_quietly_and_leaves_the_pages_zoho():
    page_zoho = object()
    kernel = Kernel({"zoho": page_zoho})
    sent = []
    assert run_coroutine(kernel.run(1, SETUP_CELL, lambda message, data=None: sent.append(message))) == OK
    assert sent == []
    assert kernel.namespace["zoho"] is page_zoho
