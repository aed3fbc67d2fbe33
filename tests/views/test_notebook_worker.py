"""The notebook's worker client decides how Stop works: an interrupt buffer handed to the worker
where the page is cross-origin isolated (Stop then interrupts), none elsewhere (Stop restarts)."""

import json
import types

import pytest

from zoho import worker_messages as messages

from tests.controller.sessions import run

from .fakes import install_pyscript

SIGINT = 2


class FakeXWorker:
    def __init__(self):
        self.posted = []

    def postMessage(self, message):  # noqa: N802 - the browser's name
        self.posted.append(message)


class FakeKernel:
    """The worker's exports as the client calls them: a run that sees the buffer as it starts."""

    def __init__(self, buffer):
        self.buffer = buffer
        self.seen = []

    async def run_cell(self, run, number, code, token_json, api_domains_json):
        self.seen.append(list(self.buffer))
        return json.dumps({"status": "ok", "messages": 0})


@pytest.fixture
def client(monkeypatch):
    """A worker client over a fake browser, isolated or not as the test sets ``isolated``."""
    window = install_pyscript().window
    monkeypatch.setattr(window, "SharedArrayBuffer", types.SimpleNamespace(new=lambda size: [0] * (size // 4)),
                        raising=False)
    monkeypatch.setattr(window, "Int32Array", types.SimpleNamespace(new=lambda shared: shared), raising=False)
    atomics = types.SimpleNamespace(store=lambda array, at, value: array.__setitem__(at, value))
    monkeypatch.setattr(window, "Atomics", atomics, raising=False)
    from web.views.notebook_worker import WorkerClient

    def make(isolated):
        monkeypatch.setattr(window, "crossOriginIsolated", isolated, raising=False)
        worker = WorkerClient(lambda *args: None, lambda message, data: None)
        xworker = FakeXWorker()
        worker._script = types.SimpleNamespace(xworker=xworker)
        worker._offer_interrupt(xworker)
        return worker, xworker
    return make


def test_not_isolated_the_worker_gets_no_interrupt_buffer_so_stop_restarts(client):
    worker, xworker = client(isolated=False)
    assert not worker.can_interrupt
    assert xworker.posted == []


def test_isolated_the_worker_gets_a_shared_buffer_and_stop_writes_sigint_to_it(client):
    worker, xworker = client(isolated=True)
    assert worker.can_interrupt
    [offered] = xworker.posted
    buffer = offered[messages.INTERRUPT]
    assert buffer == [0]
    worker.run_number = 3
    worker.interrupt()
    assert buffer == [SIGINT]  # read by the worker as its code runs
    assert xworker.posted[1] == {messages.STOP: 3}  # heard when no code runs (an await)

    # A Stop that came after its run ended does not stop the next one.
    kernel = worker._kernel = FakeKernel(buffer)
    token = types.SimpleNamespace(to_json=lambda: "{}")
    run(lambda: worker.run(4, "x + 1", token, []))()
    assert kernel.seen == [[0]]
