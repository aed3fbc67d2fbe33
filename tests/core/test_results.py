from hypothesis import given
from hypothesis import strategies as st

from zoho import results


# A run: requests started, and answers or failures arriving in any order (by index of the request).
steps = st.lists(st.tuples(st.sampled_from(["start", "answer", "fail", "clear"]), st.integers(0, 5)), max_size=30)


@given(steps, st.sampled_from([results.REPLACE, results.MARK]))
def test_the_screen_only_ever_shows_the_answer_to_what_it_says(run, on_error):
    state = results.Results(on_error)
    tickets = []  # (ticket, what was asked)
    newest_answered = 0
    for action, index in run:
        if action == "start":
            tickets.append((state.started("q{}".format(len(tickets))), "q{}".format(len(tickets))))
        elif action == "clear":
            state.cleared()
        elif tickets:
            ticket, asked = tickets[index % len(tickets)]
            if action == "answer":
                taken = state.answered(ticket, ["rows of " + asked])
            else:
                taken = state.failed(ticket, "failed " + asked)
            if taken:
                assert ticket > newest_answered  # never an earlier request after a later one
                newest_answered = ticket
        screen = state.screen
        if screen.rows is not None:
            assert screen.rows == ["rows of " + screen.answer_to]
        if screen.error is not None and not screen.from_before:
            assert screen.rows is None
        if screen.from_before:
            assert on_error == results.MARK and screen.error is not None and screen.rows is not None
