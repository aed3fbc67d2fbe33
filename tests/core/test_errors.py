import pytest

from zoho import errors as E

from . import cases as C
from . import portable_checks as P


@pytest.mark.parametrize("code", C.KNOWN_AUTHORIZATION_ERRORS)
def test_known_refusals_have_their_own_sentence(code):
    P.verify_authorization_refused_known(code)


@pytest.mark.parametrize("cls", P.ALL_ERRORS + [E.AuthorizationRefused, E.ForeignApiDomain])
def test_every_error_is_a_zoho_error(cls):
    assert issubclass(cls, E.ZohoError)


def test_api_error_codes_are_mapped_explicitly():
    from zoho.api import API_ERRORS

    expected = {
        "INVALID_TOKEN": E.InvalidTokenError,
        "AUTHENTICATION_FAILURE": E.InvalidTokenError,
        "OAUTH_SCOPE_MISMATCH": E.ScopeMismatchError,
        "TOO_MANY_REQUESTS": E.RateLimitedError,
        "INVALID_URL_PATTERN": E.NotFoundError,
        "INVALID_MODULE": E.NotFoundError,
        "INVALID_DATA": E.InvalidRequestError,
        "REQUIRED_PARAM_MISSING": E.InvalidRequestError,
        "EXPIRED_VALUE": E.InvalidRequestError,
        "DISCRETE_PAGINATION_LIMIT_EXCEEDED": E.InvalidRequestError,
        "INVALID_REQUEST_METHOD": E.InvalidRequestError,
    }
    for code, cls in expected.items():
        assert API_ERRORS[code][0] is cls, code
    for code, (cls, sentence) in API_ERRORS.items():
        assert issubclass(cls, E.ApiError) and sentence.endswith("."), code


def test_repr_names_class_and_code():
    assert repr(E.StateMismatch()).startswith("StateMismatch(code='state_mismatch'")
