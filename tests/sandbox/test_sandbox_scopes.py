from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandbox.scopes import OPERATIONS, Scope, ScopeError, all_covered, parse_scope, parse_scope_list


def test_parse_three_and_four_parts() -> None:
    assert parse_scope("ZohoCRM.modules.ALL") == Scope("ZohoCRM", "modules", None, "ALL")
    assert parse_scope("ZohoCRM.modules.Leads.READ") == Scope("ZohoCRM", "modules", "Leads", "READ")
    assert str(parse_scope("ZohoCRM.settings.fields.READ")) == "ZohoCRM.settings.fields.READ"


@pytest.mark.parametrize(
    "text",
    ["ZohoCRM.modules", "ZohoCRM", "ZohoCRM.modules.Leads.x.READ", "ZohoCRM.modules.read", "ZohoCRM.modules.EDIT",
     "ZohoCRM..ALL", "Zoho CRM.modules.ALL", "ZohoCRM.modules-x.ALL", "1Zoho.modules.ALL", ""],
)
def test_parse_rejects_bad_syntax(text: str) -> None:
    with pytest.raises(ScopeError):
        parse_scope(text)


def test_scope_list_is_comma_separated_and_deduplicated() -> None:
    scopes = parse_scope_list("ZohoCRM.modules.READ,ZohoCRM.users.READ,ZohoCRM.modules.READ")
    assert [str(s) for s in scopes] == ["ZohoCRM.modules.READ", "ZohoCRM.users.READ"]


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "missing"), ("ZohoCRM.modules.READ,", "empty entry"), ("ZohoCRM.modules.READ, ZohoCRM.users.READ", "spaces"),
     ("ZohoCRM.modules.READ ZohoCRM.users.READ", "spaces")],
)
def test_scope_list_errors(text: str, message: str) -> None:
    with pytest.raises(ScopeError, match=message):
        parse_scope_list(text)


@pytest.mark.parametrize(
    ("granted", "wanted", "covered"),
    [
        ("ZohoCRM.modules.ALL", "ZohoCRM.modules.Leads.DELETE", True),
        ("ZohoCRM.modules.ALL", "ZohoCRM.modules.READ", True),
        ("ZohoCRM.modules.READ", "ZohoCRM.modules.Deals.READ", True),
        ("ZohoCRM.modules.READ", "ZohoCRM.modules.Deals.CREATE", False),
        ("ZohoCRM.modules.Leads.READ", "ZohoCRM.modules.Leads.READ", True),
        ("ZohoCRM.modules.Leads.READ", "ZohoCRM.modules.Contacts.READ", False),
        ("ZohoCRM.modules.Leads.READ", "ZohoCRM.modules.READ", False),
        ("ZohoCRM.modules.leads.READ", "ZohoCRM.modules.Leads.READ", True),
        ("ZohoCRM.modules.WRITE", "ZohoCRM.modules.Leads.CREATE", True),
        ("ZohoCRM.modules.WRITE", "ZohoCRM.modules.Leads.UPDATE", True),
        ("ZohoCRM.modules.WRITE", "ZohoCRM.modules.Leads.DELETE", True),
        ("ZohoCRM.modules.WRITE", "ZohoCRM.modules.Leads.READ", False),
        ("ZohoCRM.modules.CREATE", "ZohoCRM.modules.Leads.UPDATE", False),
        ("ZohoCRM.modules.CUSTOM", "ZohoCRM.modules.Leads.READ", False),
        ("ZohoCRM.settings.ALL", "ZohoCRM.settings.modules.READ", True),
        ("ZohoCRM.settings.READ", "ZohoCRM.settings.modules.READ", True),
        ("ZohoCRM.settings.fields.READ", "ZohoCRM.settings.modules.READ", False),
        ("ZohoCRM.modules.ALL", "ZohoCRM.users.READ", False),
        ("ZohoCRM.users.ALL", "ZohoCRM.users.READ", True),
        ("ZohoBooks.modules.ALL", "ZohoCRM.modules.Leads.READ", False),
    ],
)
def test_coverage(granted: str, wanted: str, covered: bool) -> None:
    assert parse_scope(granted).covers(parse_scope(wanted)) is covered


def test_all_covered_needs_every_wanted_scope() -> None:
    granted = parse_scope_list("ZohoCRM.modules.READ,ZohoCRM.users.READ")
    assert all_covered(granted, parse_scope_list("ZohoCRM.modules.Leads.READ,ZohoCRM.users.READ"))
    assert not all_covered(granted, parse_scope_list("ZohoCRM.modules.Leads.READ,ZohoCRM.org.READ"))


@pytest.mark.parametrize(
    ("scope", "words"),
    [
        ("ZohoCRM.modules.ALL", "full access to all CRM modules"),
        ("ZohoCRM.modules.Leads.READ", "read CRM Leads records"),
        ("ZohoCRM.modules.WRITE", "create, update and delete all CRM modules"),
        ("ZohoCRM.settings.READ", "read all CRM settings"),
        ("ZohoCRM.users.READ", "read CRM users"),
        ("ZohoCRM.org.READ", "read your CRM organization's details"),
        ("ZohoCRM.mass_update.UPDATE", "update many records at once in all CRM modules"),
        ("ZohoCRM.mass_update.Deals.UPDATE", "update many CRM Deals records at once"),
        ("AaaServer.profile.READ", "read your Zoho profile"),
        ("ZohoBooks.invoices.CREATE", "create invoices (ZohoBooks)"),
    ],
)
def test_describe(scope: str, words: str) -> None:
    assert parse_scope(scope).describe() == words


_names = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,8}", fullmatch=True)


@given(_names, _names, st.one_of(st.none(), _names), st.sampled_from(OPERATIONS))
def test_round_trip_and_self_coverage(service: str, name: str, sub: str | None, op: str) -> None:
    scope = Scope(service, name, sub, op)
    assert parse_scope(str(scope)) == scope
    assert scope.covers(scope)
