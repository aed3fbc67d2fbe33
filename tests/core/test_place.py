from hypothesis import given
from hypothesis import strategies as st

from zoho import place, urlcodec

VIEWS = ("records", "query", "console", "notebook")


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8).filter(
    lambda n: n != "view" and n not in place.PLACE_RULES)  # those are checked below


@given(st.sampled_from(VIEWS), st.dictionaries(names, st.text(min_size=1, max_size=20), max_size=4))
def test_a_place_survives_the_address_bar(view, values):
    original = place.Place(view, sorted(values.items()))
    assert place.read_place(place.place_query(original), VIEWS, "records") == original


@given(st.sampled_from(VIEWS), st.text(alphabet="0123456789", min_size=1, max_size=50),
       st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", min_size=1, max_size=100))
def test_a_record_and_module_survive_the_address_bar(view, record_id, module):
    original = place.Place(view, [("module", module), ("record", record_id)])
    assert place.read_place(place.place_query(original), VIEWS, "records") == original


@given(st.text(min_size=1, max_size=60))
def test_a_record_value_is_used_only_when_it_is_digits(value):
    found = place.read_place(place.place_query(place.Place("records", [("record", value)])), VIEWS, "records")
    got = place.read_place("?view=records&record=" + urlcodec.quote(value, ""), VIEWS, "records")
    for read in (found, got):
        record_id = read.get("record")
        assert record_id is None or (record_id.isascii() and record_id.isdigit() and len(record_id) <= 50)
    assert (got.get("record") is None) == (got.refused == ["record"])
