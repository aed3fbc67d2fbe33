from hypothesis import given
from hypothesis import strategies as st

from zoho import drafts


@given(st.dictionaries(st.text(max_size=10), st.text(max_size=50), max_size=5))
def test_a_draft_reads_back_as_written(values):
    assert drafts.read_draft(drafts.encode_draft(values)) == values
