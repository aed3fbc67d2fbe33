from hypothesis import given
from hypothesis import strategies as st

from zoho import errors as E
from zoho import policy

from . import portable_checks as P


def test_retry_delay():
    P.check_retry_delay()


def test_writes_are_retried_after_a_rate_limit_but_never_after_a_server_error():
    P.check_writes_are_retried_after_a_rate_limit_but_never_after_a_server_error()


def test_expiry_action():
    P.check_expiry_action()


def test_read_revoke_answer():
    P.check_read_revoke_answer()


def test_route_error():
    P.check_route_error()


@given(st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE"]),
       st.sampled_from([E.RateLimitedError(), E.RateLimitedError(retry_after=5), E.ServerError(), E.NotFoundError()]),
       st.integers(min_value=1, max_value=10), st.integers(min_value=1, max_value=6))
def test_retries_are_bounded_and_short(method, error, attempt, max_attempts):
    delay = policy.retry_delay(method, error, attempt, max_attempts)
    if attempt >= max_attempts:
        assert delay is None
    assert delay is None or 0 <= delay <= 30


def test_renewal_due():
    P.check_renewal_due()
