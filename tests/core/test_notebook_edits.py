"""The notebook's undo (Delete of a cell, Open… of a file) and its unsaved-work sentence."""

from zoho.notebook import DEFAULT_CELLS
from zoho.notebook_edits import UNDO_LIMIT, Undo, unsaved_work


def test_nothing_to_undo_at_first():
    assert Undo().label() is None


def test_a_deleted_cell_comes_back_where_it_was():
    undo = Undo()
    cells = ["a", "b", "c"]
    undo.deleted(cells, 1)
    assert undo.label() == "Undo delete of cell 2"
    assert undo.undo(["a", "c"]) == (["a", "b", "c"], 1)
    assert undo.label() is None


def test_a_deleted_cell_comes_back_at_the_end_when_the_cells_after_it_are_gone():
    undo = Undo()
    undo.deleted(["a", "b", "c"], 2)
    undo.deleted(["a", "b"], 1)
    assert undo.undo(["a"]) == (["a", "b"], 1)
    assert undo.undo(["x"]) == (["x", "c"], 1)


def test_open_is_undone_with_the_cells_it_replaced():
    undo = Undo()
    before = ["mine 1", "mine 2"]
    undo.replaced(before, "other.py")
    before.append("changed later")  # what was kept is a copy
    assert undo.label() == "Undo opening other.py"
    assert undo.undo(["theirs"]) == (["mine 1", "mine 2"], 0)


def test_only_the_latest_steps_are_kept():
    undo = Undo()
    for position in range(UNDO_LIMIT + 5):
        undo.deleted([str(n) for n in range(UNDO_LIMIT + 5)], position)
    steps = 0
    while undo.label() is not None:
        undo.undo([])
        steps += 1
    assert steps == UNDO_LIMIT


def test_forget():
    undo = Undo()
    undo.deleted(["a", "b"], 0)
    undo.forget()
    assert undo.label() is None


def test_the_starting_notebook_or_what_was_downloaded_is_nothing_to_lose():
    assert unsaved_work(list(DEFAULT_CELLS), list(DEFAULT_CELLS)) is None
    assert unsaved_work(["x = 1\n", "y"], ["x = 1", "y"]) is None
    note = {"cell_type": "markdown", "source": "x = 1"}
    assert unsaved_work([note], [{"cell_type": "markdown", "source": "x = 1\n"}]) is None
    assert unsaved_work([note], ["x = 1"]) == "1 notebook cell is not downloaded; it is kept nowhere else."
    assert unsaved_work(["", "  "], list(DEFAULT_CELLS)) is None


def test_cells_written_since_are_counted():
    assert unsaved_work(["x = 1", "", "y = 2", "z"], list(DEFAULT_CELLS)) == "3 notebook cells are not downloaded; they are kept nowhere else."
    assert unsaved_work(["x = 1"], ["x = 2"]) == "1 notebook cell is not downloaded; it is kept nowhere else."
