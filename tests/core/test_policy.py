"""Properties of the session's rules beyond the portable checks (which test_micropython.py runs
once per interpreter)."""

from hypothesis import given
from hypothesis import strategies as st

from zoho import errors as E
from zoho import policy


@given(st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE"]),
       st.sampled_from([E.RateLimitedError(), E.RateLimitedError(retry_after=5), E.ServerError(), E.NotFoundError(),
                        E.NetworkError()]),
       st.integers(min_value=1, max_value=10), st.integers(min_value=1, max_value=6))
def test_retries_are_bounded_and_short(method, error, attempt, max_attempts):
    delay = policy.retry_delay(method, error, attempt, max_attempts)
    if attempt >= max_attempts:
        assert delay is None
    assert delay is None or 0 <= delay <= 30
