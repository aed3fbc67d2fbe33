"""The messages between the notebook's page and its worker (the page side also runs on
MicroPython: see portable_checks.check_worker_message_keeps_a_character_beyond_the_bmp)."""

from zoho import worker_messages as messages


def test_the_worker_writes_characters_as_they_are_not_as_surrogate_escapes():
    # MicroPython's json.loads (the page) turns "\ud83d\udc0d" into two invalid characters,
    # which the browser shows as six U+FFFD.
    text = messages.encode({"kind": messages.STDOUT, "text": "xx🐍", "run": 1})
    assert "\\u" not in text and "🐍" in text
    assert messages.decode(text) == {"kind": "stdout", "text": "xx🐍", "run": 1}


def test_what_is_not_a_message_is_ignored():
    assert messages.decode(None) is None
    assert messages.decode("[1, 2]") is None
    assert messages.decode('{"text": "no kind"}') is None


def test_outputs_of_another_run_are_not_this_ones():
    message = {"kind": messages.STDOUT, "text": "a", "run": 3}
    assert messages.belongs_to(message, 3)
    assert not messages.belongs_to(message, 4)
    assert not messages.belongs_to(message, None)
