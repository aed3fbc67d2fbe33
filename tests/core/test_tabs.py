from . import portable_checks as P


def test_tab_messages():
    P.check_tab_messages()
