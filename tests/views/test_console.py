"""The API console against the fake DOM and fake services: it sends exactly what was typed,
says what is wrong before sending, and shows only the answer to the request on screen."""

import asyncio
import json
from urllib.parse import parse_qsl, urlsplit

import pytest

from zoho.token import TokenRecord

from tests.controller.fakes import API, NOW, answer
from tests.controller.sessions import run, settle

from .fakes import FakeServices, FakeShell, install_pyscript, load_view_section

SECRET = "1000.console-secret"


class Platform:
    """What the console fetches, and its clock."""

    def __init__(self):
        self.sent = []  # (method, url, headers, body)
        self.answers = []

    def now(self):
        return NOW

    async def fetch_text(self, url, method="GET", headers=None, body=None):
        self.sent.append((method, url, dict(headers or {}), body))
        await asyncio.sleep(0)
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


class ConsoleServices(FakeServices):
    """FakeServices with what the console uses besides: the token, the clock, and a platform
    whose fetch the call flows are driven over; errors handled."""

    def __init__(self):
        FakeServices.__init__(self)
        self.token = TokenRecord(SECRET, NOW + 3600, API, ["ZohoCRM.modules.ALL"], "us")
        self.platform = Platform()
        self.now, self.fetch_text = self.platform.now, self.platform.fetch_text
        self.handled = []

    async def token_or_expire(self):
        return self.token

    async def handle_error(self, error, report):
        self.handled.append(error)
        report.show_error(error.message)


def like_chromium(text):
    """JSON.parse's verdict as Chromium gives it: a position only for some errors."""
    try:
        json.loads(text, parse_constant=lambda name: float("nan"))
    except json.JSONDecodeError as error:
        at_end = error.pos >= len(text) or error.msg.startswith("Unterminated string")
        return "SyntaxError: Unexpected end of JSON input" if at_end else \
            "SyntaxError: Unexpected token '" + text[error.pos] + "', \"" + text + "\" is not valid JSON"
    return None


@pytest.fixture
def page(monkeypatch):
    pyscript = install_pyscript()
    load_view_section(pyscript.document, "console")
    from web.views import console, console_kept

    async def parse_error(text):
        return like_chromium(text)

    kept = {}

    async def local_get(key):
        return kept.get(key)

    async def local_set(key, value):
        kept[key] = value
        return True
    monkeypatch.setattr(console, "json_parse_error", parse_error)
    monkeypatch.setattr(console_kept, "local_get", local_get)
    monkeypatch.setattr(console_kept, "local_set", local_set)
    pyscript.document.local_storage = kept
    return pyscript.document


def by_testid(page, name):
    return page.querySelector('[data-testid="' + name + '"]')


def new_console():
    from web.views.console import ConsoleView
    services = ConsoleServices()
    view = ConsoleView(services, FakeShell())
    view.root.hidden = False
    return view, services


def typed(page, method="GET", path="/crm/v8/org", query="", body=""):
    for testid, text in (("console-method", method), ("console-path", path), ("console-query", query),
                         ("console-body", body)):
        by_testid(page, testid).value = text


def said(page):
    return by_testid(page, "view-message").textContent


def test_a_trailing_comma_is_said_at_its_line_and_column_and_nothing_is_sent(page):
    async def scenario():
        view, services = new_console()
        typed(page, "POST", "/crm/v8/Leads", body='{"data": [\n  {"Last_Name": "Babbage",}\n]}')
        await view.send()
        assert "line 2, column 27 (at })" in said(page) and "no comma before a closing" in said(page)
        assert services.platform.sent == []
    run(scenario)()


def test_the_body_is_sent_as_typed_with_the_persons_headers(page):
    async def scenario():
        view, services = new_console()
        body = '{ "data" : [ {"Last_Name": "Babbage", "Score": 1.50} ] }'
        typed(page, "POST", "/crm/v8/Leads", body=body)
        by_testid(page, "console-header-add").click()
        by_testid(page, "console-header-name").value = "X-Request-Id"
        by_testid(page, "console-header-value").value = "abc"
        services.platform.answers = [answer(201, {"data": [{"code": "SUCCESS"}]})]
        await view.send()
        method, url, headers, sent = services.platform.sent[-1]
        assert (method, url, sent) == ("POST", API + "/crm/v8/Leads", body)
        assert headers["X-Request-Id"] == "abc" and headers["Authorization"] == "Zoho-oauthtoken " + SECRET
        assert by_testid(page, "console-status").textContent == "HTTP 201"
    run(scenario)()


def test_the_console_sends_once_whatever_zoho_answers(page):
    """Retries are off in the console: a server error is shown as it came, never sent again
    (the call flow the other views use would have tried a GET three times)."""
    async def scenario():
        view, services = new_console()
        typed(page, "GET", "/crm/v8/org")
        services.platform.answers = [answer(503, {"code": "INTERNAL_ERROR"}), answer(200, {"org": []})]
        await view.send()
        assert len(services.platform.sent) == 1
        assert by_testid(page, "console-status").textContent == "HTTP 503"
    run(scenario)()


def test_a_path_without_its_slash_is_said_so_and_the_last_answer_goes(page):
    async def scenario():
        view, services = new_console()
        services.platform.answers = [answer(200, {"org": []})]
        await view.send()
        assert not by_testid(page, "console-answer").hidden
        typed(page, path="crm/v8/org")
        await view.send()
        assert said(page) == 'A path starts with "/": /crm/v8/org, not crm/v8/org.'
        assert by_testid(page, "console-answer").hidden and by_testid(page, "console-response").textContent == ""
        assert len(services.platform.sent) == 1
    run(scenario)()


def test_next_page_sends_zohos_page_token_with_the_same_query(page):
    async def scenario():
        view, services = new_console()
        typed(page, path="/crm/v8/Leads", query="fields=Last_Name\nper_page=2")
        services.platform.answers = [answer(200, {"data": [], "info": {"more_records": True,
                                                                       "next_page_token": "n2"}})]
        await view.send()
        assert not by_testid(page, "console-next-page").hidden
        by_testid(page, "console-next-page").click()
        await settle()
        query = parse_qsl(urlsplit(services.platform.sent[-1][1]).query)
        assert query == [("fields", "Last_Name"), ("per_page", "2"), ("page_token", "n2")]
    run(scenario)()


def test_saved_requests_and_the_history_keep_no_token_and_come_back(page):
    async def scenario():
        view, services = new_console()
        typed(page, path="/crm/v8/users", query="type=CurrentUser&note=" + SECRET)
        by_testid(page, "console-save-name").value = "Me"
        await view.save()
        assert SECRET not in page.local_storage["zoho.console.saved"]
        services.platform.answers = [answer(200, {"users": []})]
        await view.send()
        draft = view.draft()
        assert SECRET not in json.dumps(draft)
        again, _ = new_console()
        again.restore(draft)
        await again.kept.load_saved()
        history = by_testid(page, "console-history").querySelectorAll("button")
        assert history[0].textContent.startswith("GET /crm/v8/users → 200")
        typed(page)
        by_testid(page, "console-saved").querySelectorAll("button")[0].click()
        assert by_testid(page, "console-path").value == "/crm/v8/users"
    run(scenario)()


def test_the_answer_folds_and_marks_what_is_found(page):
    async def scenario():
        view, services = new_console()
        services.platform.answers = [answer(200, {"data": [{"Last_Name": "<b>Babbage</b>"}], "info": {}})]
        await view.send()
        levels, box = by_testid(page, "console-levels"), by_testid(page, "console-response")
        levels.value = "1"
        levels.dispatch("change")
        assert box.textContent == '{\n  "data": […1 item],\n  "info": {}\n}'
        levels.value = ""
        levels.dispatch("change")
        by_testid(page, "console-find").value = "BABBAGE"
        by_testid(page, "console-find").dispatch("input")
        marks = box.querySelectorAll("mark")
        assert [mark.textContent for mark in marks] == ["Babbage"]
        assert "<b>" in box.textContent and not box.querySelectorAll("b")  # data stays text
        assert by_testid(page, "console-find-count").textContent == "1 found"
    run(scenario)()
