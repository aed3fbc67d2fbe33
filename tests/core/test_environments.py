from . import portable_checks as P


def test_environment_api_domain():
    P.check_environment_api_domain()
