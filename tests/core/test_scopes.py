import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoho import errors as E
from zoho import scopes

from . import cases as C
from . import portable_checks as P

name = st.from_regex(r"\A[A-Za-z0-9_]{1,12}\Z")
service = st.from_regex(r"\A[A-Za-z][A-Za-z0-9_]{0,11}\Z")
operation = st.sampled_from(scopes.OPERATIONS)
scope_text = st.builds(
    lambda s, r, sub, op: ".".join([s, r] + ([sub] if sub else []) + [op]),
    service, name, st.one_of(st.none(), name), operation,
)
# Independent statement of the grammar, to check the parser against.
GRAMMAR = re.compile(r"\A[A-Za-z][A-Za-z0-9_]*\.[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)?\.(ALL|READ|CREATE|UPDATE|DELETE|WRITE|CUSTOM)\Z")


@pytest.mark.parametrize("case", C.SCOPES_VALID)
def test_parse_valid(case):
    P.verify_scope_valid(case)


@pytest.mark.parametrize("text", C.SCOPES_INVALID)
def test_parse_invalid(text):
    P.verify_scope_invalid(text)


@pytest.mark.parametrize("case", C.COVERS)
def test_covers(case):
    P.verify_covers(case)


@pytest.mark.parametrize("case", C.DESCRIBE)
def test_describe(case):
    P.verify_describe(case)


@given(scope_text)
def test_valid_scopes_round_trip(text):
    parsed = scopes.parse_scope(text)
    assert str(parsed) == text
    assert scopes.parse_scope(str(parsed)) == parsed
    assert scopes.scope_covers([text], text)
    assert scopes.split_scopes(scopes.join_scopes([text])) == [text]


@given(st.one_of(st.text(max_size=40), scope_text.map(lambda t: t[:-1]), scope_text.map(lambda t: t + "x")))
def test_parser_follows_the_grammar(text):
    valid = GRAMMAR.match(text) is not None and len(text) <= scopes.MAX_SCOPE_LENGTH
    try:
        parsed = scopes.parse_scope(text)
    except E.ScopeSyntaxError as exc:
        assert not valid, text
        assert exc.message
    else:
        assert valid and str(parsed) == text


@given(st.one_of(st.text(), scope_text))
def test_describe_never_raises_and_reads_as_a_sentence(text):
    described = scopes.describe_scope(text)
    assert isinstance(described, str) and described[:1].isupper()


@given(st.lists(scope_text, max_size=4), st.lists(scope_text, max_size=3), scope_text)
def test_more_granted_scopes_never_cover_less(granted, extra, required):
    if scopes.scope_covers(granted, required):
        assert scopes.scope_covers(granted + extra, required)


@given(scope_text)
def test_all_on_the_resource_covers_every_operation_and_sub_scope(text):
    required = scopes.parse_scope(text)
    broad = "{}.{}.ALL".format(required.service, required.resource)
    assert scopes.scope_covers([broad], text)
    if required.sub_resource is not None:
        parent = "{}.{}.{}".format(required.service, required.resource, required.operation)
        assert not scopes.scope_covers([text], parent)


@given(st.lists(scope_text, min_size=1, max_size=5, unique_by=str.lower))
def test_validate_keeps_order_and_join_uses_commas(texts):
    assert scopes.validate_scopes(texts) == texts
    assert scopes.join_scopes(texts) == ",".join(texts)
