"""The app's tabs and pop-up windows hand sign-ins over (web.tab_sharing, web.signin), against fakes."""

import json
from urllib.parse import quote

from zoho.token import PENDING_KEY, STORAGE_KEY, TokenRecord

from web.session import Session

from .fakes import ACCOUNTS, API, CONFIG, NOW, FakeChannelHub, FakePage, FakePlatform, FakeProgress, FakeStorage, answer
from .sessions import ORG, TOKEN, USERS, run, settle, started_session, stored_record, tab

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


async def renewal_window_finishes(hub, opener, popup_window, window_name=None):
    """The app in the pop-up window: its copy of the opener's storage, Zoho's answer for it;
    its window name is the one it was opened with unless ``window_name`` says otherwise."""
    query = opener.platform.authorize_query(popup_window.url)
    fragment = ("#&access_token=1000.renewed.token&expires_in=3600&api_domain=" + quote(API, safe="")
                + "&location=us&granted_for_session=true&state=" + query["state"])
    popup = tab(hub, storage=FakeStorage(dict(opener.storage.copied_at_open)),
                window_name=popup_window.name if window_name is None else window_name)
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


async def renewal_window_opened():
    """A signed-in tab whose renewal window has just opened: the tabs' hub, the tab, the window."""
    hub = FakeChannelHub()
    opener = tab(hub, record=stored_record())
    await opener.start("")
    opener.storage.copy_on_open(opener.platform)
    await opener.renew(quietly=True)
    (window,) = opener.platform.popups
    return hub, opener, window


@run
async def test_a_pop_up_that_lost_its_window_name_knows_itself_by_its_pending_sign_in():
    # Under cross-origin isolation (COOP same-origin), the pop-up's name is cleared on the way
    # through Zoho: it is still the pop-up, by the pending sign-in in its copy of the storage.
    hub, opener, window = await renewal_window_opened()
    popup = await renewal_window_finishes(hub, opener, window, window_name="")
    assert popup.is_popup and popup.platform.closed and popup.tabs is None
    assert opener.token.access_token == "1000.renewed.token"
    # A tab's own sign-in (no pop-up) answered in the tab is no pop-up's.
    tab_itself = tab(hub)
    await tab_itself.start("")
    await tab_itself.sign_in()
    state = tab_itself.platform.authorize_query()["state"]
    back = tab(hub, storage=tab_itself.storage)
    await back.start("#access_token=1000.own.token&expires_in=3600&api_domain=" + quote(API, safe="")
                     + "&state=" + state)
    await settle()
    assert not back.is_popup and not back.platform.closed and back.token.access_token == "1000.own.token"


@run
async def test_a_refused_renewal_in_a_pop_up_hands_over_nothing_and_offers_renew():
    hub, opener, window = await renewal_window_opened()
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
