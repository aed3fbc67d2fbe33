"""Signing in and out (web.signin), carried out against fakes."""

import json
from urllib.parse import quote

from zoho.errors import NetworkError
from zoho.token import PENDING_KEY, STORAGE_KEY, TokenRecord

from web.renewal import RENEWAL_KEY
from web.session import Session

from .fakes import ACCOUNTS, API, APP_URL, CONFIG, NOW, FakePage, FakePlatform, FakeProgress, FakeStorage, answer
from .sessions import ORG, TOKEN, USERS, run, settle, signed_in_session, started_session

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
