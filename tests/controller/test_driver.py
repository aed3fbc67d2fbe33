"""The page's driver of the core's flows (web.driver): a Batch's requests are fetched side by side,
their answers handed back in the Batch's order."""

import asyncio

from zoho.api import ApiRequest
from zoho.calls import Batch
from zoho.errors import NetworkError

from tests.controller.fakes import answer
from tests.controller.sessions import run
from web.driver import drive


class SlowNetwork:
    """fetch_text that takes ``turns[url]`` turns of the event loop to answer; keeps how many
    fetches were in flight at most."""

    def __init__(self, turns, lost=()):
        self.turns = turns
        self.lost = lost
        self.in_flight = 0
        self.most = 0
        self.finished = []

    async def fetch_text(self, url, method="GET", headers=None, body=None):
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        for _ in range(self.turns[url]):
            await asyncio.sleep(0)
        self.in_flight -= 1
        self.finished.append(url)
        if url in self.lost:
            raise NetworkError()
        return answer(200, {"url": url})

    async def sleep(self, seconds):
        raise AssertionError("nothing waits here")


def batch_of(urls):
    replies = yield Batch([ApiRequest("POST", url, {}, "{}") for url in urls])
    return replies


@run
async def test_a_batch_is_fetched_side_by_side_and_answered_in_its_order():
    network = SlowNetwork({"a": 5, "b": 1, "c": 3})
    replies = await drive(batch_of(["a", "b", "c"]), network, report=None)
    assert network.most == 3  # all three in flight at once: one after the other would be 1
    assert network.finished == ["b", "c", "a"]
    assert [text for _status, _headers, text in replies] == ['{"url": "a"}', '{"url": "b"}', '{"url": "c"}']


@run
async def test_a_lost_answer_in_a_batch_is_its_network_error_the_others_come_back():
    network = SlowNetwork({"a": 1, "b": 2}, lost=("a",))
    replies = await drive(batch_of(["a", "b"]), network, report=None)
    assert isinstance(replies[0], NetworkError) and replies[1][0] == 200
