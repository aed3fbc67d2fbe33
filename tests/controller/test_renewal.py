"""Renewal and expiry (web.renewal), carried out against fakes."""

from zoho.policy import MIN_SECONDS_BETWEEN_RENEWALS
from zoho.token import PENDING_KEY

from web.renewal import RENEWAL_KEY
from web.session import Session

from .fakes import CONFIG, NOW, FakePage, FakeProgress
from .sessions import run, settle, signed_in_session, started_session, stored_record

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
