"""The notebook's edits that can be undone (Delete of a cell, Open… of a file), and whether
its cells hold work kept nowhere else. Pure: the cells are any values (the page's cell
objects, strings in the tests)."""

from .notebook import cell_source, is_markdown

UNDO_LIMIT = 20  # steps kept; the oldest goes first


class Undo:
    """What the cells were before each Delete and Open…, the latest last."""

    def __init__(self):
        self._steps = []

    def _push(self, step):
        self._steps = (self._steps + [step])[-UNDO_LIMIT:]

    def deleted(self, cells, position):
        """``cells[position]`` is about to be deleted (position counts from 0)."""
        self._push(("delete", position, cells[position], None))

    def replaced(self, cells, name):
        """``cells`` are about to be replaced by those of the file ``name``."""
        self._push(("open", None, list(cells), name))

    def label(self):
        """What Undo would undo, for its button; None when there is nothing to undo."""
        if not self._steps:
            return None
        what, position, _, name = self._steps[-1]
        return "Undo delete of cell " + str(position + 1) if what == "delete" else "Undo opening " + name

    def undo(self, cells):
        """The cells with the latest step undone, and the position of the cell to focus."""
        what, position, kept, _ = self._steps.pop()
        if what == "open":
            return kept, 0
        position = min(position, len(cells))
        return cells[:position] + [kept] + cells[position:], position

    def forget(self):
        self._steps = []


def _compared(cell):
    return is_markdown(cell), cell_source(cell).strip()


def unsaved_work(cells, kept):
    """A short sentence when ``cells`` (code, or markdown: see zoho.notebook) hold work that is
    neither the starting notebook nor what was last downloaded or opened (``kept``), in the
    number of the cells; None when nothing would be lost."""
    if [_compared(cell) for cell in cells] == [_compared(cell) for cell in kept]:
        return None
    written = len([cell for cell in cells if cell_source(cell).strip()])
    if not written:
        return None
    if written == 1:
        return "1 notebook cell is not downloaded; it is kept nowhere else."
    return str(written) + " notebook cells are not downloaded; they are kept nowhere else."
