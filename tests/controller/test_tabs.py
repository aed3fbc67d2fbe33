"""Tabs never write to the wrong organisation: a tab takes a token from another only for its
own organisation, environment and user; what it shows comes from the token in use; the
tabs' channel is checked like a sign-in answer (any page of the origin can post there)."""

import json

from zoho.tabs import Binding
from zoho.token import STORAGE_KEY, TokenRecord

from .fakes import ACCOUNTS, API, CONFIG, NOW, FakeChannelHub, answer
from .sessions import TOKEN, run, settle, stored_record, tab

SANDBOX_API = "https://sandbox.zohoapis.com"
TWO_ORGS = dict(CONFIG, api_domains=[API, SANDBOX_API])
SANDBOX_ORG = {"org": [{"id": "5", "company_name": "Sandbox of Analytical Engines"}]}


def sandbox_record(access_token=TOKEN + "s", expires_at=NOW + 3000):
    return TokenRecord(access_token, expires_at, SANDBOX_API, CONFIG["scopes"], "us", True, ACCOUNTS)


def channel(hub):
    """A page of the origin on the tabs' channel (another tab, or a hostile page)."""
    return hub.join(lambda text: None)


@run
async def test_tabs_in_two_organisations_never_take_each_others_token_when_a_third_opens():
    hub = FakeChannelHub()
    sandbox = tab(hub, record=sandbox_record(), config=TWO_ORGS, org=SANDBOX_ORG)
    production = tab(hub, record=stored_record(expires_at=NOW + 3500), config=TWO_ORGS)
    await sandbox.start("")
    await production.start("")
    await settle()
    third = tab(hub, config=TWO_ORGS)
    await third.start("")  # asks; both answer, with the longer-lasting production token last
    await settle()
    assert sandbox.token.api_domain == SANDBOX_API and "Sandbox organisation" in sandbox.page.label
    assert production.token.api_domain == API and "Sandbox" not in production.page.label
    # The third tab took the first answer and then kept to that organisation.
    assert third.token.api_domain == SANDBOX_API
    assert "Sandbox organisation" in third.page.label


@run
async def test_the_label_shown_comes_from_the_token_in_use_not_the_tabs_choice():
    hub = FakeChannelHub()
    sandbox = tab(hub, record=sandbox_record(), config=TWO_ORGS, org=SANDBOX_ORG)
    await sandbox.start("")
    fresh = tab(hub, config=TWO_ORGS)
    await fresh.storage.set("zoho.environment", "production")  # what this tab chose on its card
    await fresh.start("")
    await settle()
    assert fresh.token.api_domain == SANDBOX_API
    assert fresh.page.label == "United States (us) · Sandbox organisation"


@run
async def test_a_renewal_in_a_tab_of_the_same_organisation_and_user_is_taken_another_is_not():
    hub = FakeChannelHub()
    first = tab(hub, record=stored_record())
    await first.start("")
    await settle()
    renewed = stored_record(expires_at=NOW + 3700)
    renewed_fields = dict(renewed.to_dict(), access_token="1000.renewed.token")
    other_org = json.dumps({"type": "token", "record": json.dumps(dict(renewed_fields, access_token="1000.other.org")),
                            "org_id": "8", "user_id": "1"})
    channel(hub).post(other_org)
    await settle()
    assert first.token.access_token == TOKEN  # another organisation: never a silent switch
    same = json.dumps({"type": "token", "record": json.dumps(renewed_fields), "org_id": "9", "user_id": "1"})
    channel(hub).post(same)
    await settle()
    assert first.token.access_token == "1000.renewed.token"
    assert json.loads(first.storage.items[STORAGE_KEY])["access_token"] == "1000.renewed.token"


@run
async def test_a_new_sign_in_is_told_to_the_other_tabs_once_who_it_is_is_known():
    hub = FakeChannelHub()
    first = tab(hub, record=stored_record())
    await first.start("")
    await settle()
    first.binding, first._announce = Binding(API), True  # as after a sign-in answer in this tab
    await first.load_org()
    assert hub.posted == [] or all(json.loads(text)["type"] != "token" for text in hub.posted)
    await first.load_current_user()
    (announced,) = [json.loads(text) for text in hub.posted if json.loads(text)["type"] == "token"]
    assert (announced["org_id"], announced["user_id"], announced["answer"]) == ("9", "1", False)


@run
async def test_a_tab_signed_out_elsewhere_asks_before_taking_a_sign_in_to_another_organisation():
    hub = FakeChannelHub()
    first = tab(hub, record=stored_record(), config=TWO_ORGS)
    second = tab(hub, record=stored_record(), config=TWO_ORGS)
    await first.start("")
    await second.start("")
    await settle()
    first.platform.answer("/oauth/v2/token/revoke", answer(200, {"status": "success"}))
    await first.sign_out()
    await settle()
    assert second.token is None and "another tab" in second.page.notices[-1]
    # The first tab signs in again, to the sandbox organisation, and says so once known.
    channel(hub).post(json.dumps({"type": "token", "record": sandbox_record().to_json(), "org_id": "5",
                                  "user_id": "1"}))
    await settle()
    assert second.token is None  # not taken without asking
    assert "Sandbox organisation" in second.page.notices[-1] and "Use that sign-in here?" in second.page.notices[-1]
    second.page.press("Use that sign-in here")
    await settle()
    assert second.token.api_domain == SANDBOX_API and second.page.state == "signed in"
    assert "Sandbox organisation" in second.page.label


@run
async def test_tokens_pushed_on_the_channel_pass_the_checks_of_a_sign_in_answer():
    hub = FakeChannelHub()
    fresh = tab(hub)
    await fresh.start("")
    hostile = channel(hub)
    for change in ({"expires_at": NOW + 10 * 365 * 86400}, {"api_domain": "https://www.zohoapis.eu"},
                   {"api_domain": "https://staging.zohoapis.com"}, {"scopes": ["all of it"]}):
        hostile.post(json.dumps({"type": "token", "record": json.dumps(dict(stored_record().to_dict(), **change))}))
        await settle()
        assert fresh.token is None, change
    assert STORAGE_KEY not in fresh.storage.items


@run
async def test_a_sign_out_message_ends_only_the_tabs_holding_the_token_it_names():
    hub = FakeChannelHub()
    signed_in = tab(hub, record=stored_record())
    await signed_in.start("")
    await settle()
    hostile = channel(hub)
    hostile.post(json.dumps({"type": "signed-out"}))
    hostile.post(json.dumps({"type": "signed-out", "access_token": "1000.some.other"}))
    await settle()
    assert signed_in.token is not None and signed_in.page.state == "signed in"
    hostile.post(json.dumps({"type": "signed-out", "access_token": TOKEN}))  # it holds the token: it could revoke it
    await settle()
    assert signed_in.token is None
