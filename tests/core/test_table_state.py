from hypothesis import given
from hypothesis import strategies as st

from zoho import sorting, table_state


api_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", min_size=1, max_size=20)


@given(st.lists(api_names, min_size=1, max_size=50, unique=True),
       st.one_of(st.none(), st.builds(sorting.Sort, api_names, st.sampled_from(["asc", "desc"]))))
def test_a_table_survives_the_tabs_storage(names, sort):
    state = table_state.TableState(names, sort)
    assert table_state.decode_table(table_state.encode_table(state)) == state


@given(st.one_of(st.text(max_size=200), st.binary(max_size=50).map(lambda b: b.decode("latin-1"))))
def test_anything_else_in_storage_is_no_table_or_a_clean_one(text):
    found = table_state.decode_table(text)
    if found is not None:
        assert found.fields and all(name.replace("_", "").isalnum() and name.isascii() for name in found.fields)
