"""Views get the session's narrow interface (web.services), not the session."""

from web.services import Services

from .fakes import FakeMessages, answer
from .sessions import ORG, run, started_session

NARROW = {"call", "drive", "credentials", "usable_token", "token_or_expire", "token", "secret", "handle_error",
          "offer_scope", "storage", "config", "spawn", "now"}


@run
async def test_a_view_reaches_only_the_narrow_interface():
    session, _platform, _storage, _page = await started_session()
    services = Services(session)
    assert {name for name in dir(services) if not name.startswith("_")} == NARROW
    for hidden in ("platform", "page", "sign_out", "sign_in", "tabs", "drop_token", "fetch_text", "progress"):
        assert not hasattr(services, hidden), hidden


@run
async def test_the_narrow_interface_is_the_session_itself_under_the_same_names():
    session, platform, storage, _page = await started_session()
    services = Services(session)
    assert services.storage is storage and services.config is session.config
    assert services.token is session.token and services.usable_token() is session.token
    platform.answer("/crm/v8/org", answer(200, ORG))
    report = FakeMessages()
    response = await services.call("GET", "/crm/v8/org", report=report)
    assert response.data == ORG and report.errors == []
    assert services.now() == platform.now()
    session.token = None  # signed out: the interface follows the session, not a copy
    assert services.token is None and services.usable_token() is None


@run
async def test_the_token_to_mask_outlives_the_sign_out():
    """Cells kept after a sign-out are still masked when they are kept or downloaded: the token
    may stay valid for up to an hour should the revoke have failed."""
    session, _platform, _storage, _page = await started_session()
    services = Services(session)
    token = session.token.access_token
    assert services.secret() == token
    session.token = None
    assert services.secret() == token
