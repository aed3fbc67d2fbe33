"""The desktop tests' sandbox: started in this process on free ports, with its own seed of leads."""

import httpx
import pytest

from sandbox.server import start_in_thread
from sandbox.settings import SandboxSettings

LEADS = 450  # more than two pages of 200, so paging goes on with Zoho's page_token
SCOPES = ["ZohoCRM.modules.ALL", "ZohoCRM.settings.READ", "ZohoCRM.coql.READ"]
CONTROL = {"X-Sandbox-Control": "1"}  # what the sandbox asks of a control call (sandbox/README.md)


class Sandbox:
    """The running sandbox and its control endpoints."""

    def __init__(self, running):
        self.running = running
        self.api_url = running.api_url

    def control(self, path, payload):
        answer = httpx.post(self.api_url + path, json=payload, headers=CONTROL, timeout=10)
        answer.raise_for_status()
        return answer.json()

    def mint_token(self):
        return self.control("/_sandbox/tokens", {"scopes": SCOPES})["access_token"]

    def state(self):
        return httpx.get(self.api_url + "/_sandbox/state", headers=CONTROL, timeout=10).json()

    def leads(self):
        """The leads as the sandbox holds them: the truth the desktop run is checked against."""
        return self.running.state.store.all("Leads")


@pytest.fixture(scope="module")
def sandbox_server():
    with start_in_thread(SandboxSettings(accounts_port=0, api_port=0, records=(("Leads", LEADS),))) as running:
        yield running


@pytest.fixture
def sandbox(sandbox_server):
    control = Sandbox(sandbox_server)
    control.control("/_sandbox/reset", {})
    return control
