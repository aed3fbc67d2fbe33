"""Sessions for the controller tests: a signed-in session on the fakes, and how async tests run."""

import asyncio
import functools

from tests.support import run_coroutine
from zoho.token import STORAGE_KEY, TokenRecord

from web.session import Session

from .fakes import ACCOUNTS, API, CONFIG, NOW, FakePage, FakePlatform, FakeProgress, FakeStorage, answer

TOKEN = "1000.0123456789abcdef.fedcba9876543210"
USERS = {"users": [{"id": "1", "full_name": "Ada Lovelace", "email": "ada@example.test"}]}
ORG = {"org": [{"id": "9", "company_name": "Analytical Engines"}]}
CREATED = {"data": [{"code": "SUCCESS", "details": {"id": "77"}, "status": "success", "message": "record added"}]}


def run(test):
    """Run an async test to its end, and every task it spawned."""
    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        async def main():
            await test(*args, **kwargs)
            await settle()
        run_coroutine(main())
    return wrapper


async def settle():
    """Let spawned tasks run until none is left but this one."""
    for _ in range(50):
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        if not pending:
            return
        await asyncio.gather(*pending)


def stored_record(expires_at=NOW + 3600, granted_for_session=True, scopes=None):
    return TokenRecord(TOKEN, expires_at, API, scopes or CONFIG["scopes"], "us", granted_for_session, ACCOUNTS)


def signed_in_session(record=None, search=""):
    """A session whose tab storage holds a token, and the fakes around it (not started yet)."""
    platform = FakePlatform(search)
    platform.answer("/crm/v8/users", answer(200, USERS))
    platform.answer("/crm/v8/org", answer(200, ORG))
    storage = FakeStorage({STORAGE_KEY: (record or stored_record()).to_json()})
    page = FakePage()
    session = Session(CONFIG, storage, page, platform, FakeProgress())
    return session, platform, storage, page


async def started_session():
    """signed_in_session(), started."""
    session, platform, storage, page = signed_in_session()
    await session.start("")
    return session, platform, storage, page


def tab(hub, storage=None, record=None, window_name="", config=CONFIG, users=USERS, org=ORG):
    """A tab of the app on ``hub`` (its tab channel), with its own storage, signed in as
    ``users`` to ``org`` (Zoho's answers)."""
    platform = FakePlatform(window_name=window_name, hub=hub)
    platform.answer("/crm/v8/users", answer(200, users))
    platform.answer("/crm/v8/org", answer(200, org))
    if storage is None:
        storage = FakeStorage({STORAGE_KEY: record.to_json()} if record else {})
    page = FakePage()
    return Session(config, storage, page, platform, FakeProgress())
