"""The session controller's calls and where their errors go, carried out against fakes."""

from zoho.errors import NetworkError
from zoho.token import STORAGE_KEY


from .fakes import CONFIG, FakeMessages, answer, zoho_error
from .sessions import CREATED, run, settle, signed_in_session, started_session

# --- retries ---------------------------------------------------------------------------------


@run
async def test_a_create_that_fails_with_a_server_error_is_not_tried_again():
    session, platform, _storage, _page = await started_session()
    platform.answer("/crm/v8/Leads", zoho_error(500, "INTERNAL_ERROR"), answer(201, CREATED))
    report = FakeMessages()
    response = await session.call("POST", "/crm/v8/Leads", None, {"data": [{"Last_Name": "Hopper"}]}, report)
    assert response is None
    assert len(platform.requests_to("/crm/v8/Leads", "POST")) == 1  # never a second, duplicate record
    assert platform.slept == []
    assert "problem" in report.last_error()[0]


@run
async def test_a_read_that_fails_with_a_server_error_is_tried_again_with_a_notice():
    session, platform, _storage, _page = await started_session()
    platform.answer("/crm/v8/Leads", zoho_error(500, "INTERNAL_ERROR"), answer(200, {"data": [], "info": {}}))
    report = FakeMessages()
    response = await session.call("GET", "/crm/v8/Leads", [("fields", "Last_Name")], None, report)
    assert response is not None and response.status == 200
    assert len(platform.requests_to("/crm/v8/Leads", "GET")) == 2
    assert platform.slept == [1]
    assert "trying again in 1 s" in report.notices[0] and report.notices[-1] == ""
    assert report.last_error() is None


@run
async def test_a_rate_limited_create_waits_for_retry_after_and_is_sent_again():
    session, platform, _storage, _page = await started_session()
    limited = answer(429, {"code": "TOO_MANY_REQUESTS", "status": "error"}, headers={"retry-after": "4"})
    platform.answer("/crm/v8/Leads", limited, answer(201, CREATED))
    report = FakeMessages()
    response = await session.call("POST", "/crm/v8/Leads", None, {"data": [{"Last_Name": "Hopper"}]}, report)
    assert response is not None and response.status == 201
    assert platform.slept == [4]
    assert len(platform.requests_to("/crm/v8/Leads", "POST")) == 2


@run
async def test_rate_limits_are_tried_three_times_at_most():
    session, platform, _storage, _page = await started_session()
    platform.answer("/crm/v8/Leads", zoho_error(429, "TOO_MANY_REQUESTS"))
    report = FakeMessages()
    assert await session.call("GET", "/crm/v8/Leads", None, None, report) is None
    assert len(platform.requests_to("/crm/v8/Leads")) == 3
    assert "too many requests" in report.last_error()[0]


@run
async def test_a_network_failure_is_said_where_the_action_was_and_keeps_the_session():
    session, platform, storage, page = await started_session()
    await settle()  # the page has loaded: Zoho answered it
    platform.answer("/crm/v8/Leads", NetworkError)
    report = FakeMessages()
    assert await session.call("GET", "/crm/v8/Leads", None, None, report) is None
    assert "JavaScript domain" in report.last_error()[0]
    assert page.last_error() is None
    assert storage.items.get(STORAGE_KEY) is not None and session.token is not None


# --- error routing ---------------------------------------------------------------------------


@run
async def test_a_refused_token_ends_the_session_and_offers_to_sign_in_again():
    session, platform, storage, page = signed_in_session()
    ended = []
    session.on_signed_out.append(lambda forget_drafts, keep_work: ended.append(forget_drafts))
    await session.start("")
    platform.answer("/crm/v8/Leads", zoho_error(401, "INVALID_TOKEN", "invalid oauth token"))
    report = FakeMessages()
    assert await session.call("GET", "/crm/v8/Leads", None, None, report) is None
    assert session.token is None and STORAGE_KEY not in storage.items
    assert page.state == "signed out" and ended == [False]  # the views keep what was being typed
    message, actions = page.last_error()
    assert "sign in again" in message.lower() and [label for label, _ in actions] == ["Sign in again"]
    assert report.last_error() is None  # a session problem is said at the page level


@run
async def test_a_401_with_another_code_keeps_the_token():
    session, platform, storage, page = await started_session()
    platform.answer("/books/v3/organizations", answer(401, {"code": 57, "message": "You are not authorized"}))
    report = FakeMessages()
    assert await session.call("GET", "/books/v3/organizations", None, None, report) is None
    assert session.token is not None and STORAGE_KEY in storage.items
    assert "not authorized" in report.last_error()[0]


@run
async def test_a_missing_scope_is_named_with_a_button_that_signs_in_with_it():
    session, platform, _storage, _page = await started_session()
    platform.answer("/crm/v8/coql", zoho_error(401, "OAUTH_SCOPE_MISMATCH"))
    report = FakeMessages()
    assert await session.call("POST", "/crm/v8/coql", None, {"select_query": "select id from Leads"}, report) is None
    message, actions = report.last_error()
    assert "ZohoCRM.coql.READ" in message
    (label, sign_in), = actions
    assert label == "Sign in with ZohoCRM.coql.READ"
    sign_in()
    await settle()
    scopes = platform.authorize_query()["scope"].split(",")
    assert "ZohoCRM.coql.READ" in scopes and set(CONFIG["scopes"]) <= set(scopes)
