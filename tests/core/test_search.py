import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoho import search
from sandbox.catalog import RECORD_MODULES
from sandbox.data import MemoryStore
from sandbox.search import criteria_matcher

from . import cases as C
from . import portable_checks as P


@pytest.mark.parametrize("case", C.SEARCH_BOX, ids=[repr(case[0]) for case in C.SEARCH_BOX])
def test_classify_search(case):
    P.verify_search_box(case)


def unescape(text):
    """Zoho's reading of a criteria value: a backslash takes the next character as it is."""
    out, at = [], 0
    while at < len(text):
        if text[at] == "\\":
            at += 1
        out.append(text[at])
        at += 1
    return "".join(out)


def unescaped_specials(text):
    """The characters ( ) , that are not escaped."""
    found, at = [], 0
    while at < len(text):
        if text[at] == "\\":
            at += 2
            continue
        if text[at] in "(),":
            found.append(text[at])
        at += 1
    return found


@given(st.text())
def test_escaped_values_read_back_as_they_were(value):
    escaped = search.escape_value(value)
    assert unescape(escaped) == value
    assert unescaped_specials(escaped) == []


@given(st.text(alphabet="ab(),\\ é", max_size=12).map(lambda v: "Zq#" + v.strip()))
def test_the_sandbox_finds_a_value_by_criteria_built_here(name):
    """The criteria this module builds, read by the sandbox's own parser, find the record holding the value
    (and only it: no other record has a name starting with Zq#)."""
    store = MemoryStore(1815, {"Leads": 3})
    target = store.all("Leads")[1] | {"Last_Name": name}
    leads = store.all("Leads")[:1] + [target] + store.all("Leads")[2:]
    for criteria in (search.condition("Last_Name", "equals", name), search.condition("Last_Name", "in", [name, "zz"]),
                     search.any_of([search.condition("Last_Name", "starts_with", name),
                                    search.condition("City", "equals", "Nowhere")])):
        matches = criteria_matcher(RECORD_MODULES["Leads"], criteria)
        assert [r["id"] for r in leads if matches(r)] == [target["id"]], criteria


@given(st.emails())
def test_addresses_are_searched_as_email(address):
    assert search.classify_search(address) == ("email", address)


@given(st.text(alphabet="0123456789", min_size=7, max_size=15), st.sampled_from(["", "+", "+1 ", "("]))
def test_numbers_with_enough_digits_are_phones(digits, prefix):
    text = prefix + digits[:3] + ") " + digits[3:] if prefix == "(" else prefix + digits
    assert search.classify_search(text) == ("phone", text)
