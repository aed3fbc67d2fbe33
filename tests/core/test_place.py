from hypothesis import given
from hypothesis import strategies as st

from zoho import place

from . import portable_checks as P

VIEWS = ("records", "query", "console", "notebook")


def test_place():
    P.check_place()


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8).filter(lambda n: n != "view")


@given(st.sampled_from(VIEWS), st.dictionaries(names, st.text(min_size=1, max_size=20), max_size=4))
def test_a_place_survives_the_address_bar(view, values):
    original = place.Place(view, sorted(values.items()))
    assert place.read_place(place.place_query(original), VIEWS, "records") == original
