"""The notebook's ``zoho`` object (zoho.notebook_helper) against a fake Zoho: paths, paging, rate
limits, the token, and what it hands to its ``show``."""

import json
from urllib.parse import parse_qsl, urlsplit

import pytest

from zoho.errors import NotFoundError, ServerError, TokenExpiredError, UnsafeRequestError
from zoho.notebook_helper import Zoho
from zoho.token import TokenRecord

NOW = 1_800_000_000
API = "https://www.zohoapis.eu"
TOKEN = "1000.aaaabbbbccccdddd.eeeeffff00001111"


class FakeZoho:
    """Answers requests from a list of leads; records every request; may answer 429 first."""

    def __init__(self, leads=0, rate_limited=0, server_errors=0):
        self.leads = [{"id": str(n), "Last_Name": "Lead %d" % n} for n in range(leads)]
        self.requests = []
        self.rate_limited = rate_limited
        self.server_errors = server_errors

    def __call__(self, request):
        self.requests.append(request)
        if self.rate_limited:
            self.rate_limited -= 1
            return 429, {"Retry-After": "7"}, json.dumps({"code": "TOO_MANY_REQUESTS", "status": "error"})
        if self.server_errors:
            self.server_errors -= 1
            return 500, {}, json.dumps({"code": "INTERNAL_ERROR", "status": "error"})
        url = urlsplit(request.url)
        query = dict(parse_qsl(url.query))
        if url.path == "/crm/v8/Leads":
            start = int(query.get("page_token", "0"))
            size = int(query["per_page"])
            page = self.leads[start:start + size]
            more = start + size < len(self.leads)
            info = {"more_records": more, **({"next_page_token": str(start + size)} if more else {})}
            return (200, {}, json.dumps({"data": page, "info": info})) if page else (204, {}, "")
        if url.path == "/crm/v8/coql":
            select = json.loads(request.body)["select_query"]
            offset, count = (int(n) for n in select.rsplit(" limit ", 1)[1].split(", "))
            rows = self.leads[offset:offset + count]
            return 200, {}, json.dumps({"data": rows, "info": {"more_records": offset + count < len(self.leads)}})
        if url.path == "/crm/v8/settings/fields":
            return 200, {}, json.dumps({"fields": [{"api_name": "Last_Name"}, {"api_name": "Email"}]})
        return 404, {}, json.dumps({"code": "INVALID_URL_PATTERN", "status": "error"})


class Shown:
    """The ``show`` of a helper: what it was asked to show, in order."""

    def __init__(self):
        self.asked = []

    def table(self, rows, columns=None):
        self.asked.append(("table", rows, columns))

    def download(self, name, data):
        self.asked.append(("download", name, data))


def helpers(fake, expires_at=NOW + 3600, clock=lambda: NOW, show=None):
    slept = []
    zoho = Zoho(fake, slept.append, clock, show or Shown())
    zoho.use(TokenRecord(TOKEN, expires_at, API, ["ZohoCRM.modules.ALL"], "eu"))
    return zoho, slept


def test_records_pages_through_every_record_with_the_page_token():
    fake = FakeZoho(leads=1000)
    zoho, _ = helpers(fake)
    found = list(zoho.records("Leads", fields=["Last_Name"]))
    assert [r["id"] for r in found] == [str(n) for n in range(1000)]
    assert len(fake.requests) == 5
    assert all(r.headers["Authorization"] == "Zoho-oauthtoken " + TOKEN for r in fake.requests)
    assert dict(parse_qsl(urlsplit(fake.requests[-1].url).query))["page_token"] == "800"


def test_records_without_fields_asks_for_the_modules_fields_first():
    fake = FakeZoho(leads=3)
    zoho, _ = helpers(fake)
    assert len(list(zoho.records("Leads"))) == 3
    assert dict(parse_qsl(urlsplit(fake.requests[1].url).query))["fields"] == "Last_Name,Email"


def test_coql_returns_every_row_paging_with_limit_offset_count():
    fake = FakeZoho(leads=4500)
    zoho, _ = helpers(fake)
    rows = zoho.coql("select Last_Name from Leads where Last_Name is not null")
    assert len(rows) == 4500
    assert [json.loads(r.body)["select_query"].rsplit(" limit ", 1)[1] for r in fake.requests] == [
        "0, 2000", "2000, 2000", "4000, 2000"]


def test_a_rate_limit_is_waited_out_as_zoho_asks_then_the_call_goes_on(capsys):
    fake = FakeZoho(leads=2, rate_limited=2)
    zoho, slept = helpers(fake)
    assert len(list(zoho.records("Leads", fields=["Last_Name"]))) == 2
    assert slept == [7, 7] and len(fake.requests) == 3
    assert "slow down" in capsys.readouterr().err


def test_a_create_is_not_sent_twice_after_a_server_error():
    fake = FakeZoho(server_errors=1)
    zoho, slept = helpers(fake)
    with pytest.raises(ServerError):
        zoho.post("/crm/v8/Leads", json={"data": [{"Last_Name": "Once"}]})
    assert len(fake.requests) == 1 and slept == []


@pytest.mark.parametrize("path", ["@evil.example/x", "//evil.example/x", "/crm/v8/../../x", "https://evil.example/",
                                  "/crm/v8/users#@evil"])
def test_a_path_that_would_leave_the_api_domain_is_refused_before_any_request(path):
    fake = FakeZoho()
    zoho, _ = helpers(fake)
    with pytest.raises(UnsafeRequestError):
        zoho.get(path)
    with pytest.raises(UnsafeRequestError):
        zoho.url(path)
    assert fake.requests == []


def test_get_passes_parameters_and_errors_are_zohos_sentences():
    fake = FakeZoho()
    zoho, _ = helpers(fake)
    with pytest.raises(NotFoundError, match="Zoho could not find|Zoho does not offer"):
        zoho.get("/crm/v8/nothing", fields=["a", "b"], approved=True, page=2, skip=None)
    assert urlsplit(fake.requests[0].url).query == "approved=true&fields=a%2Cb&page=2"
    assert zoho.url("/crm/v8/org") == API + "/crm/v8/org"


def test_an_expired_token_is_not_used():
    fake = FakeZoho(leads=1)
    zoho, _ = helpers(fake, expires_at=NOW + 30)
    with pytest.raises(TokenExpiredError):
        zoho.get("/crm/v8/org")
    with pytest.raises(TokenExpiredError):
        zoho.headers
    assert fake.requests == []
    assert TOKEN not in repr(zoho)


def test_tables_and_downloads_go_to_the_show_it_was_given_as_they_were_asked():
    shown = Shown()
    zoho, _ = helpers(FakeZoho(), show=shown)
    zoho.table([[1, 2]], columns=["a", "b"])
    zoho.download("leads.csv", [{"a": 1}])
    assert shown.asked == [("table", [[1, 2]], ["a", "b"]), ("download", "leads.csv", [{"a": 1}])]
