"""What the Records view holds that Zoho has not got, and what going elsewhere would throw away
(zoho.records_unsaved): on CPython, with generated cases besides the portable check's table."""

from hypothesis import given
from hypothesis import strategies as st

from zoho.records_unsaved import (
    FORM,
    NOTE,
    Work,
    kept_after_sign_out,
    leave_question,
    lost_going_to,
    pending,
    unsaved_sentence,
    unsent_note,
)

ACCOUNT = ("Accounts", "201")
DEAL = ("Deals", "301")
places = st.tuples(st.sampled_from(["Accounts", "Deals"]), st.one_of(st.none(), st.sampled_from(["201", "301"])))


def test_a_note_of_spaces_is_nothing_to_keep():
    assert not unsent_note(" \n\t") and not unsent_note(None) and unsent_note(" x ")
    assert pending(Work(" \n", ACCOUNT)) == []


def test_a_form_open_with_no_change_is_nothing_to_keep():
    assert pending(Work(changes={}, form_place=ACCOUNT)) == []
    assert pending(Work(changes={"Phone": "1"}, form_place=None)) == []  # no form open: no changes of it


@given(st.text(), places, places)
def test_a_note_goes_only_when_its_record_is_left(note, typed_for, going_to):
    lost = lost_going_to(Work(note, typed_for), going_to)
    assert (NOTE in lost) == (unsent_note(note) and going_to != typed_for)


@given(places, st.one_of(st.none(), places), st.booleans())
def test_a_form_with_changes_goes_when_it_closes_or_its_place_is_left(form_place, going_to, closes):
    lost = lost_going_to(Work(changes={"Phone": "1"}, form_place=form_place), going_to, closes)
    assert (FORM in lost) == (closes or (going_to is not None and going_to != form_place))


def test_the_record_shown_staying_keeps_the_note_even_when_the_form_closes():
    work = Work("Call back", ACCOUNT, {"Phone": "1"}, ACCOUNT)
    assert lost_going_to(work, None, form_closes=True) == [FORM]
    assert lost_going_to(work, DEAL) == [NOTE, FORM]


def test_the_sentences_name_the_work_in_its_number():
    assert unsaved_sentence(Work()) is None
    assert unsaved_sentence(Work("x", ACCOUNT)) == "A note you typed is not added to Zoho; it is kept nowhere else."
    one = Work(changes={"Phone": "1"}, form_place=ACCOUNT)
    assert unsaved_sentence(one) == "The record form has 1 change not saved to Zoho; it is kept nowhere else."
    assert leave_question(one, [FORM]).text.endswith(" Discard it and go on?")
    two = Work(changes={"Phone": "1", "Email": "a@b.c"}, form_place=ACCOUNT)
    assert leave_question(two, [FORM]).text.endswith("they are kept nowhere else. Discard them and go on?")
    new = Work(changes={"Phone": "1", "Email": "a@b.c"}, form_place=("Accounts", None))
    assert unsaved_sentence(new).startswith("The new record you are filling in is not saved")
    assert leave_question(new, [FORM]).text.endswith(" Discard it and go on?")


def test_the_question_keeps_by_default_and_names_what_it_keeps():
    both = Work("x", ACCOUNT, {"Phone": "1"}, ACCOUNT)
    asked = leave_question(both, [NOTE, FORM])
    assert (asked.keep, asked.discard, asked.lost) == ("Keep them", "Discard and go on", [NOTE, FORM])
    assert asked.text.endswith(" Discard them and go on?")
    assert leave_question(both, [NOTE]).keep == "Keep the note"
    assert leave_question(both, [FORM]).keep == "Keep the form"


def test_kept_after_sign_out_says_what_is_kept():
    assert kept_after_sign_out(Work()) is None
    assert kept_after_sign_out(Work("x", ACCOUNT)) == (
        "You are signed out. The note you typed is kept in this tab, and put back when you sign in again here.")
    assert "The note you typed and the record form's values are kept" in kept_after_sign_out(
        Work("x", ACCOUNT, {"Phone": "1"}, ACCOUNT))
