"""The records table's row selection: a checkbox in each row (``select-row``; on a narrow screen
each card has it), Shift-click for a range, and one in the heading for the whole page (mixed
when some are chosen). zoho.selection decides; this wires it to the boxes. A page drawn anew
starts with nothing chosen (the bar would otherwise count rows no longer shown)."""

from zoho.api import record_title
from zoho.selection import all_or_none, clicked, heading_state

from pyscript.ffi import create_proxy

from web.dom import element


class RowSelection:
    def __init__(self, enabled, on_change):
        """``enabled()`` says whether rows may be chosen (the person may change or delete
        records of the module); ``on_change(ids)`` hears the chosen ids, in the page's order."""
        self.enabled = enabled
        self.on_change = on_change
        self.page_ids = []
        self.records = {}  # id -> the record as the page has it (for its name)
        self.chosen = []
        self.anchor = None  # the row last clicked: a Shift-click sets the rows from it
        self.boxes = {}  # id -> its checkbox
        self.heading_box = None

    def decorate(self, table, records):
        """Add the checkboxes to ``table`` as the list has just drawn it with ``records`` (the
        listing's row hook); nothing is chosen."""
        self.page_ids = [r["id"] for r in records if isinstance(r.get("id"), str)]
        self.records = {r["id"]: r for r in records if isinstance(r.get("id"), str)}
        self.boxes = {}
        self.heading_box = None
        self.anchor = None
        self.chosen = []
        if self.page_ids and self.enabled():
            self._add_boxes(table)
        self.on_change([])

    def names(self):
        """id -> the name of each record of the page."""
        return {record_id: record_title(record) for record_id, record in self.records.items()}

    def clear(self):
        self.chosen = []
        self.anchor = None
        self._sync()
        self.on_change([])

    def _add_boxes(self, table):
        head_row = table.querySelector("thead tr")
        heading = element("th", None, "select")
        self.heading_box = _checkbox("Select every record on this page")
        self.heading_box.setAttribute("data-testid", "select-page")
        self.heading_box.addEventListener("click", create_proxy(self._heading_clicked))
        heading.append(self.heading_box)
        head_row.prepend(heading)
        for row, record_id in zip(table.querySelectorAll("tbody tr"), self.page_ids):
            cell = element("td", None, "select")
            box = _checkbox("Select " + record_title(self.records[record_id]))
            box.setAttribute("data-testid", "select-row")
            box.addEventListener("click", create_proxy(self._row_clicked(record_id)))
            cell.append(box)
            row.prepend(cell)
            self.boxes[record_id] = box

    def _row_clicked(self, record_id):
        def handle(event):
            box = self.boxes[record_id]
            self.chosen, self.anchor = clicked(self.chosen, self.page_ids, record_id, box.checked, self.anchor,
                                               bool(event.shiftKey))
            self._sync()
            self.on_change(self.chosen)
        return handle

    def _heading_clicked(self, event):
        self.chosen = all_or_none(self.page_ids, self.heading_box.checked)
        self.anchor = None
        self._sync()
        self.on_change(self.chosen)

    def _sync(self):
        """The boxes (and the rows' look) as the chosen ids are."""
        for record_id, box in self.boxes.items():
            box.checked = record_id in self.chosen
            row = box.closest("tr")
            if box.checked:
                row.classList.add("chosen")
            else:
                row.classList.remove("chosen")
        if self.heading_box is not None:
            state = heading_state(self.chosen, self.page_ids)
            self.heading_box.checked = state == "all"
            self.heading_box.indeterminate = state == "some"


def _checkbox(label):
    box = element("input")
    box.type = "checkbox"
    box.setAttribute("aria-label", label)
    return box
