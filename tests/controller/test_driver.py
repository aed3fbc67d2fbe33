"""The page's driver of the core's flows (web.driver): a Batch's requests are fetched side by side,
their answers handed back in the Batch's order, each as soon as it (and those before it) is in."""

import asyncio

from zoho.api import ApiRequest
from zoho.calls import ANSWER, Batch
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


def batch_of(urls, network=None, seen=None):
    """A flow that starts ``urls`` side by side and reads their answers; ``seen`` gets, with each
    answer, the URLs the network had finished by then."""
    yield Batch([ApiRequest("POST", url, {}, "{}") for url in urls])
    replies = []
    for _ in urls:
        replies.append((yield ANSWER))
        if seen is not None:
            seen.append(list(network.finished))
    return replies


@run
async def test_a_batch_is_fetched_side_by_side_and_answered_in_its_order():
    network = SlowNetwork({"a": 5, "b": 1, "c": 3})
    replies = await drive(batch_of(["a", "b", "c"]), network, report=None)
    assert network.most == 3  # all three in flight at once: one after the other would be 1
    assert network.finished == ["b", "c", "a"]
    assert [text for _status, _headers, text in replies] == ['{"url": "a"}', '{"url": "b"}', '{"url": "c"}']


@run
async def test_each_answer_comes_as_soon_as_it_is_in_while_the_later_ones_go_on():
    network, seen = SlowNetwork({"a": 1, "b": 6, "c": 3}), []
    await drive(batch_of(["a", "b", "c"], network, seen), network, report=None)
    assert seen[0] == ["a"]  # a's answer was read while b and c were still on their way
    assert seen[1] == ["a", "c", "b"] and seen[2] == ["a", "c", "b"]


@run
async def test_answers_no_longer_wanted_are_cancelled():
    network = SlowNetwork({"a": 1, "b": 50})

    def first_only():
        yield Batch([ApiRequest("POST", url, {}, "{}") for url in ("a", "b")])
        return (yield ANSWER)

    assert (await drive(first_only(), network, report=None))[0] == 200
    for _ in range(60):
        await asyncio.sleep(0)
    assert network.finished == ["a"]  # b (50 turns) would have finished by now: it was stopped


@run
async def test_a_lost_answer_in_a_batch_is_its_network_error_the_others_come_back():
    network = SlowNetwork({"a": 1, "b": 2}, lost=("a",))
    replies = await drive(batch_of(["a", "b"]), network, report=None)
    assert isinstance(replies[0], NetworkError) and replies[1][0] == 200
