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
    for cell, code in zip(saved["cells"], [notebook.SETUP_CELL] + kept, strict=True):
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


# The first cell of every downloaded notebook, as a person reads it (written out here by hand).
SETUP_LINES = [
    "# Outside the Zoho CRM page, this cell makes `zoho` with the zoho-pyscript package:\n",
    "#   pip install \".[desktop]\"   (in a copy of the project)\n",
    "#   ZOHO_ACCESS_TOKEN=<token> ZOHO_API_DOMAIN=https://www.zohoapis.eu python notebook.py\n",
    "# In the page `zoho` is there already, and this cell does nothing.\n",
    "try:\n",
    "    zoho\n",
    "except NameError:\n",
    "    try:\n",
    "        from zoho.desktop import connect_or_exit\n",
    "    except ImportError as missing:\n",
    "        raise SystemExit(\"Outside the Zoho CRM page, this notebook needs the zoho-pyscript package: \"\n",
    "                         \"pip install '.[desktop]' in a copy of the project (\" + str(missing) + \").\") from None\n",
    "    zoho = connect_or_exit()",
]


def test_a_downloaded_script_begins_with_the_setup_cell_then_the_cells():
    assert notebook.to_percent_script(["x = 1", "print(x)\n\n"]) == (
        "# %%\n" + "".join(SETUP_LINES) + "\n\n"
        "# %%\n"
        "x = 1\n"
        "\n"
        "# %%\n"
        "print(x)\n")


def test_a_downloaded_ipynb_begins_with_the_setup_cell_then_the_cells():
    assert json.loads(notebook.to_ipynb(["x = 1", "for a in b:\n    print(a)"])) == {
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": "setup", "metadata": {}, "outputs": [],
             "source": SETUP_LINES},
            {"cell_type": "code", "execution_count": None, "id": "cell-1", "metadata": {}, "outputs": [],
             "source": ["x = 1"]},
            {"cell_type": "code", "execution_count": None, "id": "cell-2", "metadata": {}, "outputs": [],
             "source": ["for a in b:\n", "    print(a)"]},
        ],
        "metadata": {"kernelspec": {"display_name": "Python (Pyodide)", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def test_opening_a_downloaded_notebook_leaves_out_only_an_unchanged_setup_cell():
    setup = "".join(SETUP_LINES)
    assert notebook.from_percent_script("# %%\n" + setup + "\n\n# %%\nx = 1\n") == ["x = 1"]
    assert notebook.from_percent_script("# %%\n" + setup + "\n") == [""]
    # A setup cell the person changed, or one that is not first, is theirs: kept.
    changed = setup.replace("zoho = connect_or_exit()", "zoho = connect_or_exit()  # mine")
    assert notebook.from_percent_script("# %%\n" + changed + "\n# %%\nx = 1\n") == [changed, "x = 1"]
    assert notebook.from_percent_script("# %%\nx = 1\n# %%\n" + setup + "\n") == ["x = 1", setup]
    ipynb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "source": SETUP_LINES, "metadata": {}, "outputs": [], "execution_count": 1},
        {"cell_type": "code", "source": ["y = 2\n"], "metadata": {}, "outputs": [], "execution_count": 2}]}
    assert notebook.from_ipynb(json.dumps(ipynb)) == ["y = 2"]


class Helper:
    """Stands for the page's ``zoho`` object."""


def test_the_setup_cell_leaves_the_pages_zoho_as_it_is():
    helper = Helper()
    namespace = {"zoho": helper}
    exec(compile("".join(SETUP_LINES), "setup", "exec"), namespace)  # noqa: S102 - the cell as the page would run it
    assert namespace["zoho"] is helper
    assert set(namespace) == {"zoho", "__builtins__"}


def test_a_text_table_keeps_each_row_on_one_line_cuts_long_cells_and_says_what_it_left_out():
    rows = [{"Name": "Ada\nLovelace", "Note": "x" * 45}, {"Name": "Grace", "Note": "short\tone"}, {"Name": "Edsger"}]
    assert notebook.table_text(rows, limit=2, width=12) == (
        "Name          Note\n"
        "------------  ------------\n"
        "Ada Lovelace  xxxxxxxxxxx…\n"
        "Grace         short one\n"
        "(3 rows; the first 2 shown)")
    assert notebook.table_text([]) == "(no rows)"
