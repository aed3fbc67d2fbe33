import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoho import export

from . import cases as C
from . import portable_checks as P


@pytest.mark.parametrize("case", C.CELL_TEXTS, ids=[repr(case[0]) for case in C.CELL_TEXTS])
def test_cell_text(case):
    P.verify_cell_text(case)


cells = st.lists(st.characters(blacklist_categories=("Cs",)) | st.sampled_from(['"', ",", "\r", "\n", "\r\n"]),
                 max_size=8).map("".join)
tables = st.lists(st.lists(cells, min_size=3, max_size=3), max_size=8)


@given(tables, st.integers(1, 4))
def test_csv_is_read_back_by_pythons_csv_module_page_by_page(rows, page_size):
    columns = ["a", "b", "c"]
    records = [dict(zip(columns, row)) for row in rows]
    exported = export.CsvExport(columns, ["A", "B, the second", 'C "third"'])
    pages = [records[i:i + page_size] for i in range(0, len(records), page_size)]
    text = exported.start() + "".join(exported.rows(page) for page in pages) + exported.end()
    assert text.startswith("\ufeff")
    read = list(csv.reader(io.StringIO(text[1:], newline=""), strict=True))
    assert read == [["A", "B, the second", 'C "third"']] + [[export.neutralised(cell) for cell in row] for row in rows]
    assert text == exported.start() + exported.rows(records) + exported.end()


@given(tables)
def test_no_csv_cell_starts_like_a_formula_and_raw_keeps_every_value(rows):
    records = [dict(zip("abc", row)) for row in rows]
    text = export.CsvExport(list("abc")).rows(records)
    for row in csv.reader(io.StringIO(text, newline=""), strict=True):
        assert all(cell[:1] not in ("=", "+", "-", "@", "\t", "\r") for cell in row)
    raw = export.CsvExport(list("abc"), raw=True).rows(records)
    assert list(csv.reader(io.StringIO(raw, newline=""), strict=True)) == rows


@given(tables)
def test_every_csv_record_ends_with_crlf(rows):
    for row in rows:
        line = export.csv_line(row)
        assert line.endswith("\r\n")
        outside_quotes = line.split('"')[::2]  # the parts between quoted cells
        assert all("\n" not in part and "\r" not in part for part in outside_quotes[:-1])


values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
                      | st.text(max_size=8), lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=6)


@given(st.lists(st.dictionaries(st.sampled_from(["id", "x", "y"]), values), max_size=6), st.integers(1, 3))
def test_json_export_reads_back_page_by_page(records, page_size):
    exported = export.JsonExport(["x", "y"])
    pages = [records[i:i + page_size] for i in range(0, len(records), page_size)]
    text = exported.start() + "".join(exported.rows(page) for page in pages) + exported.end()
    expected = [{"id": r.get("id"), "x": r.get("x"), "y": r.get("y")} for r in records]
    assert json.loads(text) == expected
    assert [list(record) for record in json.loads(text)] == [["id", "x", "y"]] * len(records)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_numbers_read_back_as_the_same_number(number):
    assert float(export.cell_text(number)) == number
