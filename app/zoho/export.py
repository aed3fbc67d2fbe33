"""Exports of records to CSV (RFC 4180, UTF-8 with a byte order mark so that spreadsheets read it
as UTF-8) and JSON, built a page at a time: each call returns the text of those rows only, so the
page can hand the pieces to a download without holding the whole export twice.

    export = CsvExport(["Last_Name", "Email"], ["Last Name", "Email"])
    parts = [export.start()]
    for page in pages:               # as they arrive
        parts.append(export.rows(page))
    parts.append(export.end())

CSV cells that a spreadsheet would read as a formula are neutralised by default, as OWASP's
CSV-injection guidance advises (record fields are often filled in by outsiders, through web
forms): a text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
single quote in front. Deliberately, that includes text that only looks like a number or a phone
number (``+44 20 7946 0958``, ``-2`` typed in a text field): it keeps the quote, which is the price of
never running a formula. A Zoho number (``-2`` from a number or currency field) is a number and
stays as it is. ``CsvExport(..., raw=True)`` writes every value unchanged; JSON is always exact.
"""

import json

CRLF = "\r\n"
BOM = "\ufeff"
_NEEDS_QUOTES = ('"', ",", "\r", "\n")
#: A cell beginning with one of these is read by spreadsheets as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _number_text(value):
    if isinstance(value, float) and value == value and value not in (float("inf"), float("-inf")):
        if abs(value) < 1e15 and value == int(value):
            return str(int(value))
    return repr(value)


def cell_text(value: object) -> str:
    """A Zoho value as text for one cell: lookups and users by name, lists joined with "; ",
    true/false for yes/no fields, "" for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number_text(value)
    if isinstance(value, dict):
        for key in ("name", "id"):
            if isinstance(value.get(key), str):
                return value[key]
        return "; ".join(key + ": " + cell_text(value[key]) for key in sorted(value))
    if isinstance(value, list):
        return "; ".join(cell_text(item) for item in value)
    return str(value)


def neutralised(text: str) -> str:
    """``text`` with a single quote in front when a spreadsheet would read it as a formula."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def csv_cell(value: object, raw: bool = False) -> str:
    """A Zoho value as one CSV cell's text: cell_text, neutralised unless ``raw`` (a number never
    is: Zoho's -2 is a number, not a formula)."""
    text = cell_text(value)
    if raw or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return text
    return neutralised(text)


def csv_line(cells: "list[str]") -> str:
    """One CSV record: a cell with a quote, comma, CR or LF in quotes (quotes doubled); CRLF at the end."""
    out = []
    for cell in cells:
        if '"' in cell or "," in cell or "\r" in cell or "\n" in cell:  # _NEEDS_QUOTES, spelt out for speed
            cell = '"' + cell.replace('"', '""') + '"'
        out.append(cell)
    return ",".join(out) + CRLF


class CsvExport:
    """CSV of the chosen columns, headed by their labels (the API names when no labels are given);
    cells neutralised against formulas unless ``raw`` (see the module's docstring)."""

    media_type = "text/csv;charset=utf-8"
    extension = "csv"

    def __init__(self, columns, labels=None, raw=False):
        self.columns = list(columns)
        self.labels = list(labels) if labels is not None else list(self.columns)
        self.raw = raw
        if len(self.labels) != len(self.columns):
            raise ValueError("give one label per column")

    def start(self):
        return BOM + csv_line([csv_cell(label, self.raw) for label in self.labels])

    def rows(self, records):
        lines = []
        for record in records:
            cells = []
            for name in self.columns:
                value = record.get(name)
                if type(value) is str and not self.raw:  # most cells: csv_cell inlined, for MicroPython's speed
                    cells.append("'" + value if value[:1] in FORMULA_STARTS else value)
                else:
                    cells.append(csv_cell(value, self.raw))
            lines.append(csv_line(cells))
        return "".join(lines)

    def end(self):
        return ""


class JsonExport:
    """A JSON array of the records, each with its id and the chosen columns (Zoho's values as they
    are: lookups stay objects), one record a line."""

    media_type = "application/json"
    extension = "json"

    def __init__(self, columns):
        self.columns = ["id"] + [name for name in columns if name != "id"]
        self._first = True

    def start(self):
        self._first = True
        return "["

    def _record(self, record):
        # Written key by key: the columns' order on every runtime (MicroPython's dicts keep none).
        pairs = [json.dumps(name) + ": " + json.dumps(record.get(name)) for name in self.columns]
        return "{" + ", ".join(pairs) + "}"

    def rows(self, records):
        parts = []
        for record in records:
            parts.append(("\n" if self._first else ",\n") + self._record(record))
            self._first = False
        return "".join(parts)

    def end(self):
        return "\n]\n"
