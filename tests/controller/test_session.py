"""The session controller's rules, carried out against fakes: no browser needed."""

import json
from urllib.parse import quote

from zoho.errors import NetworkError
from zoho.policy import MIN_SECONDS_BETWEEN_RENEWALS
from zoho.token import PENDING_KEY, STORAGE_KEY, TokenRecord

from web.renewal import RENEWAL_KEY
from web.session import Session

from .fakes import (ACCOUNTS, API, APP_URL, CONFIG, NOW, FakeChannelHub, FakeMessages, FakePage, FakePlatform, FakeProgress,
                    FakeStorage, answer, zoho_error)
from .sessions import CREATED, ORG, TOKEN, USERS, run, settle, signed_in_session, started_session, stored_record, tab


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


# --- expiry and renewal ----------------------------------------------------------------------


@run
async def test_an_expiring_renewable_token_renews_once_then_expires():
    record = stored_record(expires_at=NOW + 30)  # within the expiry margin already
    session, platform, storage, page = signed_in_session(record)
    await session.start("")
    await settle()
    assert len(platform.navigated) == 1 and "/oauth/v2/auth/refresh?" in platform.navigated[0]
    assert storage.items[RENEWAL_KEY] == str(NOW)
    assert storage.items[PENDING_KEY]
    # The renewal came back with a token that is about to expire again: no loop.
    platform.clock += MIN_SECONDS_BETWEEN_RENEWALS - 1
    again = Session(CONFIG, storage, FakePage(), platform, FakeProgress())
    await again.start("")
    await settle()
    assert len(platform.navigated) == 1
    assert again.token is None and "expired" in again.page.last_error()[0]


@run
async def test_a_token_not_granted_for_the_session_is_not_renewed():
    session, platform, _storage, page = signed_in_session(stored_record(NOW + 30, granted_for_session=False))
    await session.start("")
    await settle()
    assert platform.navigated == []
    assert session.token is None and "expired" in page.last_error()[0]


@run
async def test_the_validity_is_shown_and_kept_current():
    session, platform, _storage, page = await started_session()
    assert page.token_status == "Valid for 1 h 0 min"
    platform.clock += 600
    session.tick()
    assert page.token_status == "Valid for 50 min 0 s"


# --- sign-in ---------------------------------------------------------------------------------


@run
async def test_a_sign_in_pressed_before_python_ran_is_carried_out_once():
    platform = FakePlatform(search="?view=query")
    page = FakePage()
    page.early_sign_in = True
    session = Session(CONFIG, FakeStorage(), page, platform, FakeProgress())
    await session.start("")
    await settle()
    assert page.state == "signed out"
    assert len(platform.navigated) == 1 and platform.navigated[0].startswith(ACCOUNTS + "/oauth/v2/auth?")
    assert page.early_sign_in is False  # taken: a later start would not sign in again


@run
async def test_a_sign_in_pressed_early_is_dropped_when_the_tab_turns_out_signed_in():
    session, platform, _storage, page = signed_in_session()
    page.early_sign_in = True
    await session.start("")
    await settle()
    assert page.state == "signed in" and platform.navigated == []


@run
async def test_sign_in_round_trip_stores_the_token_and_comes_back_to_the_place():
    platform = FakePlatform(search="?view=records&module=Leads")
    storage = FakeStorage()
    page = FakePage()
    session = Session(CONFIG, storage, page, platform, FakeProgress())
    await session.start("")
    assert page.state == "signed out"
    page.sign_in_handler()
    await settle()
    query = platform.authorize_query()
    assert platform.navigated[0].startswith(ACCOUNTS + "/oauth/v2/auth?")
    assert query["redirect_uri"] == APP_URL and query["response_type"] == "token"
    fragment = ("#&access_token=" + TOKEN + "&expires_in=3600&api_domain=" + quote(API, safe="")
                + "&location=us&state=" + query["state"])
    platform.answer("/crm/v8/users", answer(200, USERS))
    platform.answer("/crm/v8/org", answer(200, ORG))
    back = Session(CONFIG, storage, FakePage(), platform, FakeProgress())
    shown = []
    back.on_signed_in.append(lambda: shown.append(back.token.api_domain))
    await back.start(fragment)
    await settle()
    assert json.loads(storage.items[STORAGE_KEY])["access_token"] == TOKEN
    assert PENDING_KEY not in storage.items
    assert platform.addresses == [("replace", APP_URL + "?view=records&module=Leads")]
    assert shown == [API]
    assert back.page.user == ("Ada Lovelace", "ada@example.test") and back.page.org == "Analytical Engines"


REPLAYED = "#access_token=1000.aaaa.bbbb&expires_in=3600&api_domain=" + quote(API, safe="") + "&state=ff"


@run
async def test_a_used_up_answer_in_a_signed_in_tab_is_dropped_quietly():
    """Back to Zoho's page after signing in, Accept again: no error, nothing taken."""
    session, _platform, storage, page = signed_in_session()
    before = storage.items[STORAGE_KEY]
    await session.start(REPLAYED)
    assert page.last_error() is None and page.state == "signed in"
    assert storage.items[STORAGE_KEY] == before and session.token.access_token == TOKEN


@run
async def test_an_answer_nobody_asked_for_is_refused_clearly_in_a_signed_out_tab():
    platform = FakePlatform()
    storage = FakeStorage()
    page = FakePage()
    await Session(CONFIG, storage, page, platform, FakeProgress()).start(REPLAYED)
    assert "No sign-in was started in this tab" in page.last_error()[0]
    assert page.state == "signed out" and STORAGE_KEY not in storage.items


@run
async def test_sign_in_is_refused_clearly_when_storage_is_blocked():
    platform = FakePlatform()
    page = FakePage()
    session = Session(CONFIG, FakeStorage(refuses_writes=True), page, platform, FakeProgress())
    await session.start("")
    await session.sign_in()
    assert platform.navigated == []
    assert "session storage is blocked" in page.last_error()[0]


# --- sign-out --------------------------------------------------------------------------------


@run
async def test_sign_out_forgets_everything_and_revokes_at_zoho():
    session, platform, storage, page = signed_in_session()
    ended = []
    session.on_signed_out.append(lambda forget_drafts, keep_work: ended.append(forget_drafts))
    await session.start("")
    storage.items[RENEWAL_KEY] = str(NOW)
    platform.answer("/oauth/v2/token/revoke", answer(200, {"status": "success"}))
    page.sign_out_handler()
    await settle()
    assert storage.items == {}
    assert session.token is None and page.state == "signed out" and ended == [True]
    (method, url), = platform.requests_to("/oauth/v2/token/revoke")
    assert method == "POST" and url == ACCOUNTS + "/oauth/v2/token/revoke?token=" + TOKEN
    assert page.notices[-1] == "Signed out. Zoho has revoked the access token."


@run
async def test_sign_out_says_when_the_revoke_answer_could_not_be_read():
    session, platform, storage, page = await started_session()
    platform.answer("/oauth/v2/token/revoke", NetworkError)
    await session.sign_out()
    assert STORAGE_KEY not in storage.items
    assert "could not be read" in page.last_error()[0]


@run
async def test_sign_out_says_when_zoho_refused_to_revoke():
    session, platform, _storage, page = await started_session()
    platform.answer("/oauth/v2/token/revoke", answer(400, {"error": "invalid_request"}))
    await session.sign_out()
    assert "refused to revoke" in page.last_error()[0]


@run
async def test_corrupt_stored_token_is_dropped_with_a_message():
    platform = FakePlatform()
    storage = FakeStorage({STORAGE_KEY: "{not json"})
    page = FakePage()
    session = Session(CONFIG, storage, page, platform, FakeProgress())
    await session.start("")
    assert page.state == "signed out" and STORAGE_KEY not in storage.items
    assert page.last_error() is not None


@run
async def test_every_call_shows_progress_and_ends_it():
    session, platform, _storage, _page = await started_session()
    await settle()
    assert session.progress.started == 2 and session.progress.pending == 0  # user and org


@run
async def test_sign_in_goes_only_to_a_configured_accounts_server():
    platform = FakePlatform()
    page = FakePage()
    session = Session(CONFIG, FakeStorage(), page, platform, FakeProgress())
    await session.start("")
    await session.sign_in(accounts_url="https://accounts.evil.test")  # a tampered select, say
    assert platform.navigated == []
    assert "accounts.evil.test" in page.last_error()[0] and "set up for" in page.last_error()[0]


@run
async def test_a_token_naming_an_unconfigured_accounts_server_is_not_sent_there_to_be_revoked():
    record = TokenRecord(TOKEN, NOW + 3600, API, CONFIG["scopes"], None, False, "https://accounts.evil.test")
    session, platform, storage, page = signed_in_session(record)
    await session.start("")
    await session.sign_out()
    assert platform.requests_to("/oauth/v2/token/revoke") == []
    assert STORAGE_KEY not in storage.items and "not revoked" in page.last_error()[0]


# --- tabs and pop-up windows -----------------------------------------------------------------


@run
async def test_a_new_tab_is_signed_in_by_an_open_tab_and_keeps_its_own_copy():
    hub = FakeChannelHub()
    first = tab(hub, record=stored_record())
    await first.start("")
    second = tab(hub)
    await second.start("")
    await settle()
    assert second.token == first.token and second.page.state == "signed in"
    assert json.loads(second.storage.items[STORAGE_KEY])["access_token"] == TOKEN
    assert second.platform.navigated == []  # no trip to Zoho


@run
async def test_a_tab_ignores_an_offered_token_it_cannot_use():
    hub = FakeChannelHub()
    waiting = tab(hub)
    await waiting.start("")
    for record in (stored_record(expires_at=NOW + 30),
                   TokenRecord(TOKEN, NOW + 3600, "https://www.zohoapis.eu", CONFIG["scopes"], "eu")):
        hub.join(lambda text: None).post(json.dumps({"type": "token", "record": record.to_json()}))
    await settle()
    assert waiting.token is None and STORAGE_KEY not in waiting.storage.items


@run
async def test_sign_out_in_one_tab_signs_out_every_tab():
    hub = FakeChannelHub()
    first, second = tab(hub, record=stored_record()), tab(hub, record=stored_record())
    cleared = []
    second.on_signed_out.append(lambda forget_drafts, keep_work: cleared.append(keep_work))
    await first.start("")
    await second.start("")
    first.platform.answer("/oauth/v2/token/revoke", answer(200, {"status": "success"}))
    await first.sign_out()
    await settle()
    assert second.token is None and second.storage.items == {} and cleared == [True]
    assert second.page.state == "signed out" and "another tab" in second.page.notices[-1]
    assert second.platform.requests_to("/oauth/v2/token/revoke") == []  # revoked once, by the first


async def renewal_window_finishes(hub, opener, popup_window):
    """The app in the pop-up window: its copy of the opener's storage, Zoho's answer for it."""
    query = opener.platform.authorize_query(popup_window.url)
    fragment = ("#&access_token=1000.renewed.token&expires_in=3600&api_domain=" + quote(API, safe="")
                + "&location=us&granted_for_session=true&state=" + query["state"])
    popup = tab(hub, storage=FakeStorage(dict(opener.storage.copied_at_open)), window_name=popup_window.name)
    popup.platform.clock = opener.platform.clock
    await popup.start(fragment)
    await settle()
    return popup


@run
async def test_a_renewal_in_a_pop_up_keeps_the_page_and_hands_the_new_token_over():
    hub = FakeChannelHub()
    opener = tab(hub, record=stored_record(expires_at=NOW + 3600))
    await opener.start("")
    opener.storage.copy_on_open(opener.platform)
    opener.platform.clock = NOW + 3600 - 290  # within the renewal lead, still usable
    opener.tick()
    await settle()
    (window,) = opener.platform.popups
    assert window.name == "zoho-renewal" and "/oauth/v2/auth/refresh?" in window.url
    assert opener.page.token_status.startswith("Renewing… valid for 4 min")
    assert PENDING_KEY not in opener.storage.items  # the answer counts only in the pop-up
    popup = await renewal_window_finishes(hub, opener, window)
    assert popup.platform.closed
    assert opener.token.access_token == "1000.renewed.token"
    assert json.loads(opener.storage.items[STORAGE_KEY])["access_token"] == "1000.renewed.token"
    assert opener.platform.navigated == [] and opener.page.state == "signed in"
    opener.tick()
    assert opener.page.token_status.startswith("Valid for ")


@run
async def test_a_refused_renewal_in_a_pop_up_hands_over_nothing_and_offers_renew():
    hub = FakeChannelHub()
    opener = tab(hub, record=stored_record())
    await opener.start("")
    opener.storage.copy_on_open(opener.platform)
    await opener.renew(quietly=True)
    (window,) = opener.platform.popups
    state = opener.platform.authorize_query(window.url)["state"]
    popup = tab(hub, storage=FakeStorage(dict(opener.storage.copied_at_open)), window_name=window.name)
    await popup.start("#error=prompt_required&state=" + state)
    await settle()
    assert popup.platform.closed
    assert opener.token.access_token == TOKEN  # the copy of the old token was not handed back
    assert "Renew" in [label for label, _ in opener.page.notice_actions]


@run
async def test_a_blocked_renewal_pop_up_offers_renew_and_a_click_falls_back_to_the_redirect():
    session, platform, _storage, page = await started_session()
    platform.blocks_popups = True
    await session.renew(quietly=True)
    assert platform.navigated == [] and "ends in" in page.notices[-1]
    (label, renew), = page.notice_actions
    renew()
    await settle()
    assert len(platform.navigated) == 1 and platform.navigated[0].startswith(ACCOUNTS + "/oauth/v2/auth?")


@run
async def test_a_renewal_window_closed_by_hand_offers_renew():
    session, platform, _storage, page = await started_session()
    await session.renew(quietly=True)
    platform.popups[0].closed = True
    session.tick()
    assert "closed before Zoho renewed" in page.notices[-1]
    assert [label for label, _ in page.notice_actions] == ["Renew"]


@run
async def test_sign_in_in_a_pop_up_when_chosen_and_the_redirect_when_it_is_blocked():
    hub = FakeChannelHub()
    opener = tab(hub)
    await opener.start("")
    opener.page.popup_chosen = True
    opener.storage.copy_on_open(opener.platform)
    await opener.sign_in()
    (window,) = opener.platform.popups
    assert window.name == "zoho-sign-in" and opener.platform.navigated == []
    await renewal_window_finishes(hub, opener, window)
    assert opener.token.access_token == "1000.renewed.token" and opener.page.state == "signed in"

    closed = tab(FakeChannelHub())
    await closed.start("")
    closed.page.popup_chosen = True
    await closed.sign_in()
    closed.platform.popups[0].closed = True
    closed.tick()
    assert "closed before Zoho answered" in closed.page.notices[-1] and closed.token is None

    blocked = tab(FakeChannelHub())
    await blocked.start("")
    blocked.page.popup_chosen = True
    blocked.platform.blocks_popups = True
    await blocked.sign_in()
    assert "blocked" in blocked.page.notices[-1] and len(blocked.platform.navigated) == 1


@run
async def test_a_sign_in_for_the_sandbox_organisation_calls_its_api_domain():
    config = dict(CONFIG, environments=[{"name": "production", "label": "Production"},
                                        {"name": "sandbox", "label": "Sandbox organisation"}],
                  api_domains=[API, "https://sandbox.zohoapis.com"])
    platform = FakePlatform()
    storage = FakeStorage()
    page = FakePage()
    session = Session(config, storage, page, platform, FakeProgress())
    await session.start("")
    page.chosen_environment = "sandbox"
    await session.sign_in()
    state = platform.authorize_query()["state"]
    fragment = "#access_token=" + TOKEN + "&expires_in=3600&api_domain=" + quote(API, safe="") + "&state=" + state
    platform.answer("/crm/v8/users", answer(200, USERS))
    platform.answer("/crm/v8/org", answer(200, ORG))
    back = Session(config, storage, FakePage(), platform, FakeProgress())
    await back.start(fragment)
    await settle()
    assert back.token.api_domain == "https://sandbox.zohoapis.com"
    assert {url.split("/crm/")[0] for _m, url, _h, _b in platform.sent if "/crm/" in url} == {
        "https://sandbox.zohoapis.com"}
    # Without the sandbox's domain in the allowlist, the sign-in is not kept.
    await strict_session_sign_in(dict(config, api_domains=[API]), FakeStorage(), platform)


async def strict_session_sign_in(config, storage, platform):
    session = Session(config, storage, FakePage(), platform, FakeProgress())
    await session.start("")
    session.page.chosen_environment = "sandbox"
    await session.sign_in()
    state = platform.authorize_query()["state"]
    fragment = "#access_token=" + TOKEN + "&expires_in=3600&api_domain=" + quote(API, safe="") + "&state=" + state
    refused = Session(config, storage, FakePage(), platform, FakeProgress())
    await refused.start(fragment)
    assert refused.token is None and STORAGE_KEY not in storage.items
    assert "no API address" in refused.page.last_error()[0]
