"""The page's message parts against the fake DOM: how a notice's buttons look."""

from .fakes import install_pyscript


def test_a_notice_s_destructive_choice_is_a_danger_button_and_the_others_primary():
    document = install_pyscript().document
    from web.page import fill_message
    box = document.createElement("div")
    fill_message(box, "Before you sign out: 2 notebook cells are not downloaded; they are kept nowhere else.",
                 [("Keep", lambda: None), ("Discard", lambda: None, "danger")])
    buttons = box.querySelectorAll("button")
    assert [(b.textContent, b.className) for b in buttons] == [("Keep", "primary"), ("Discard", "danger")]
