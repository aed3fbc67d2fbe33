"""Nothing is thrown away silently at sign-out, and Zoho is reached again without a reload."""

from zoho.errors import NetworkError

from .fakes import FakeChannelHub, FakeMessages, answer
from .sessions import ORG, USERS, run, settle, started_session, stored_record, tab

NOTEBOOK = "3 notebook cells are not downloaded; they are kept nowhere else."


def watch_sign_outs(session):
    ended = []
    session.on_signed_out.append(lambda forget_drafts, keep_work: ended.append((forget_drafts, keep_work)))
    return ended


@run
async def test_sign_out_with_unsaved_work_asks_in_the_page_before_revoking():
    session, platform, _storage, page = await started_session()
    session.unsaved_work.extend([lambda: None, lambda: NOTEBOOK])
    ended = watch_sign_outs(session)
    platform.answer("/oauth/v2/token/revoke", answer(200, {"status": "success"}))
    await session.sign_out()
    assert session.token is not None and ended == []  # nothing ended, nothing revoked yet
    assert platform.requests_to("/oauth/v2/token/revoke") == []
    assert NOTEBOOK in page.notices[-1]
    assert "It is kept" not in page.notices[-1]  # the work's own sentence says it, in its number
    # Discarding is the destructive choice, and looks it; keeping and staying do not.
    kinds = {action[0]: (action[2] if len(action) > 2 else "primary") for action in page.notice_actions}
    assert kinds == {"Sign out, keep it on screen to download": "primary", "Sign out and discard it": "danger",
                     "Stay signed in": "primary"}
    page.press("Stay signed in")
    assert session.token is not None and page.notices[-1] == ""
    await session.sign_out()
    page.press("Sign out, keep it on screen to download")
    await settle()
    assert session.token is None and ended == [(True, True)]
    assert len(platform.requests_to("/oauth/v2/token/revoke")) == 1


@run
async def test_sign_out_without_unsaved_work_asks_nothing():
    session, platform, _storage, page = await started_session()
    session.unsaved_work.append(lambda: None)
    ended = watch_sign_outs(session)
    platform.answer("/oauth/v2/token/revoke", answer(200, {"status": "success"}))
    await session.sign_out()
    assert session.token is None and ended == [(True, False)]


@run
async def test_signed_out_in_another_tab_the_views_keep_their_unsaved_work():
    hub = FakeChannelHub()
    first, second = tab(hub, record=stored_record()), tab(hub, record=stored_record())
    await first.start("")
    await second.start("")
    ended = watch_sign_outs(second)
    first.platform.answer("/oauth/v2/token/revoke", answer(200, {"status": "success"}))
    await first.sign_out()
    await settle()
    assert second.token is None and ended == [(True, True)]


def unreachable():
    """A session whose stored token is fine but Zoho cannot be reached."""
    hub = FakeChannelHub()
    session = tab(hub, record=stored_record())
    session.platform.answers.clear()
    session.platform.answer("/crm/v8/users", NetworkError)
    session.platform.answer("/crm/v8/org", NetworkError)
    return session


@run
async def test_zoho_unreachable_at_load_says_so_once_with_retry_and_fills_in_when_reached():
    session = unreachable()
    shown = []
    view = FakeMessages()
    session.on_signed_in.append(lambda: shown.append("views"))
    session.on_signed_in.append(lambda: session.spawn(session.call("GET", "/crm/v8/settings/modules", report=view)))
    session.platform.answer("/crm/v8/settings/modules", NetworkError)
    await session.start("")
    await settle()
    errors = [e for e in session.page.errors if e is not None]
    assert len(errors) == 1 and "Could not reach Zoho" in errors[0][0] and view.errors == []  # one message
    assert len(session.platform.requests_to("/crm/v8/org")) == 3  # a read is tried again first
    assert [label for label, _ in errors[0][1]] == ["Retry"]
    assert session.token is not None and shown == ["views"]
    session.platform.answers.clear()
    session.platform.answer("/crm/v8/users", answer(200, USERS))
    session.platform.answer("/crm/v8/org", answer(200, ORG))
    session.platform.answer("/crm/v8/settings/modules", answer(200, {"modules": []}))
    session.page.press("Retry")
    await settle()
    assert session.page.user == ("Ada Lovelace", "ada@example.test") and session.page.org == "Analytical Engines"
    assert session.page.errors[-1] is None and shown == ["views", "views"]  # cleared; the views fill in again


@run
async def test_back_online_retries_only_when_zoho_was_unreachable():
    session, platform, _storage, _page = await started_session()
    shown = []
    session.on_signed_in.append(lambda: shown.append("views"))
    await settle()
    await session.reconnect()  # back online, nothing was missing: nothing is asked again
    assert shown == [] and len(platform.requests_to("/crm/v8/org")) == 1
    session = unreachable()
    await session.start("")
    await settle()
    session.platform.answers.clear()
    session.platform.answer("/crm/v8/users", answer(200, USERS))
    session.platform.answer("/crm/v8/org", answer(200, ORG))
    await session.reconnect()  # the browser's `online` event
    await settle()
    assert session.page.org == "Analytical Engines" and session.page.errors[-1] is None
