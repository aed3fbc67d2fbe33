import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoho import compat

from . import cases as C
from . import portable_checks as P


@pytest.mark.parametrize("case", C.COMPARE)
def test_compare_digest(case):
    P.verify_compare(case)


@pytest.mark.parametrize("text, expected", C.DIGITS)
def test_is_ascii_digits(text, expected):
    assert compat.is_ascii_digits(text) is expected


@given(st.text(max_size=8), st.text(max_size=8))
def test_compare_digest_matches_hmac(a, b):
    assert compat.compare_digest(a, b) is hmac.compare_digest(a.encode(), b.encode())


@given(st.text(max_size=8))
def test_compare_digest_equal_to_itself(a):
    assert compat.compare_digest(a, a)


@given(st.text())
def test_is_ascii_digits_matches_a_plain_rule(text):
    assert compat.is_ascii_digits(text) == (text != "" and all(c in "0123456789" for c in text))
