"""Whether the notebook's Python is started ahead (zoho.preheat)."""

import pytest

from zoho.preheat import setting_on, start_ahead, stored_setting


@pytest.mark.parametrize("save_data, effective_type, connection_type, expected", [
    (False, "4g", "wifi", True),
    (False, "4g", None, True),        # desktop Chromium: no type
    (None, None, None, True),         # no NetworkInformation at all (Firefox, Safari)
    (True, "4g", "wifi", False),      # Save-Data
    (False, "4g", "cellular", False),  # metered
    (False, "3g", "wifi", False),
    (False, "2g", None, False),
    (False, "slow-2g", None, False),
])
def test_the_connection_decides(save_data, effective_type, connection_type, expected):
    assert start_ahead(True, save_data, effective_type, connection_type) is expected


def test_turned_off_it_never_starts_ahead():
    assert start_ahead(False, False, "4g", "ethernet") is False


def test_the_setting_is_on_until_turned_off_and_reads_back():
    assert setting_on(None) is True
    assert setting_on(stored_setting(False)) is False
    assert setting_on(stored_setting(True)) is True
