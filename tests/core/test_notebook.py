"""The notebook's core (app/zoho/notebook.py): the file formats, output capping, paging."""

import json

from hypothesis import given
from hypothesis import strategies as st

from zoho import notebook

from . import portable_checks as P

# A cell's code as the notebook keeps it: no trailing blank lines, no "# %%" line of its own
# (in a .py file that line starts a new cell), no carriage returns.
code_lines = st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
                              max_size=12), max_size=5)
cell_code = code_lines.map("\n".join).filter(
    lambda code: not any(notebook.is_cell_marker(line) for line in code.split("\n"))).map(
    lambda code: "\n".join(notebook._trimmed(code.split("\n"))))
cells = st.lists(cell_code, min_size=1, max_size=5)


@given(cells)
def test_a_percent_script_reads_back_as_the_same_cells(kept):
    assert notebook.from_percent_script(notebook.to_percent_script(kept)) == kept


@given(cells)
def test_an_ipynb_reads_back_as_the_same_cells(kept):
    assert notebook.from_ipynb(notebook.to_ipynb(kept)) == kept


@given(cells)
def test_an_ipynb_has_what_nbformat_4_requires_of_code_cells(kept):
    saved = json.loads(notebook.to_ipynb(kept))
    assert set(saved) >= {"cells", "metadata", "nbformat", "nbformat_minor"}
    for cell, code in zip(saved["cells"], kept, strict=True):
        assert set(cell) == {"cell_type", "execution_count", "id", "metadata", "outputs", "source"}
        assert "".join(cell["source"]) == code
        # Every line but the last ends with its newline, as nbformat's multi-line strings do.
        assert all(line.endswith("\n") for line in cell["source"][:-1])
        assert 1 <= len(cell["id"]) <= 64 and all(ch.isalnum() or ch in "-_" for ch in cell["id"])


@given(st.lists(st.tuples(st.sampled_from(["stdout", "stderr"]), st.text(max_size=30)), max_size=30),
       st.integers(min_value=1, max_value=200))
def test_output_is_what_was_written_in_order_up_to_the_cap(writes, cap):
    sent = []
    output = notebook.CellOutput(lambda kind, text: sent.append((kind, text)), cap=cap)
    for kind, text in writes:
        output.write(kind, text)
    output.flush()
    written = "".join(text for _, text in writes)
    shown = "".join(text for kind, text in sent if kind != notebook.CUT)
    assert shown == written[:cap]
    assert output.cut == (len(written) > cap)
    assert [kind for kind, _ in sent].count(notebook.CUT) == (1 if output.cut else 0)
    # Each piece went out under the stream it was written to.
    pieces = [(kind, text) for kind, text in writes if text]
    joined = "".join(kind[3] * len(text) for kind, text in pieces)[:cap]
    assert "".join(kind[3] * len(text) for kind, text in sent if kind != notebook.CUT) == joined


@given(st.lists(st.text(alphabet="ab\n", max_size=8), max_size=20))
def test_the_secret_is_never_sent_whatever_the_pieces(pieces):
    secret = "ab" * 3
    sent = []
    output = notebook.CellOutput(lambda kind, text: sent.append(text), secret=secret)
    for piece in pieces:
        output.write("stdout", piece)
    output.flush()
    assert secret not in "".join(sent)
    assert "".join(sent) == "".join(pieces).replace(secret, "<YOUR_TOKEN>")
