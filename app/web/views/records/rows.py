"""The records list's rows: each record's values formatted by its field's data type, a value on one
line (ended by an ellipsis where it does not fit, whole in the cell's title), emails, phones and
websites as links, and an Open button a row."""

from zoho.fields import label_of

from web.dom import button, fill_table, set_text
from web.views.records.links import link_cells


def draw_records(table, names, meta, records, formatter, on_open):
    """``records`` in ``table``, a column per API name in ``names`` (``meta``: the module's
    FieldMeta list, ``formatter``: web.intl's); ``on_open(record_id)`` opens a row's record."""
    by_name = {field.api_name: field for field in meta}
    rows = [_shown(record, names, by_name, formatter) for record in records]
    fill_table(table, names, rows, lambda row: button("Open", _opener(on_open, row["id"]), "link"),
               [label_of(meta, name) for name in names])
    _whole_values(table, names, rows)
    link_cells(table, names, by_name, records)


def _opener(on_open, record_id):
    return lambda: on_open(record_id)


def _shown(record, names, by_name, formatter):
    """A record's values as the table shows them: text by each field's data type, formatted."""
    row = {name: formatter.text(by_name.get(name), record.get(name)) for name in names}
    row["id"] = record.get("id")
    return row


def _whole_values(table, names, rows):
    """Each value whole in its cell's title; the cell's text not cut with a "more" button (the
    stylesheet's ellipsis and the title say it)."""
    for line, row in zip(table.querySelectorAll("tbody tr"), rows):
        cells = [cell for cell in line.querySelectorAll("td") if cell.hasAttribute("data-label")]
        for cell, name in zip(cells, names):
            text = row.get(name) or ""
            if text:
                cell.setAttribute("title", text)
            if cell.textContent != text:
                set_text(cell, text)
