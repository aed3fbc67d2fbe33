"""The workspace's snapshot painted before Python on a repeat load (zoho.snapshot): what it keeps,
that it never keeps the token, and that anything corrupt or foreign is refused."""

import json

from hypothesis import given
from hypothesis import strategies as st

from zoho.snapshot import build_snapshot, read_snapshot

TOKEN = "1000.4f2a9c0d1e7b3a5c8d6e9f0a1b2c3d4e.5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c"
HEADER = {"user": "Ada Lovelace", "org": "Analytical Engines Ltd", "dc": "United States"}


def records_snapshot(**changes):
    parts = {"view": "records", "search": "?view=records&module=Leads", "header": HEADER,
             "modules": ["Leads", "Contacts"], "title": "Leads", "head": ["Last Name", "Email"],
             "rows": [["Byron", "ada@example.com"], ["Babbage", "charles@example.com"]], "secret": TOKEN}
    parts.update(changes)
    return build_snapshot(**parts)


def test_a_records_snapshot_keeps_what_the_screen_showed_as_text():
    kept = read_snapshot(records_snapshot())
    assert kept == {"v": 1, "view": "records", "search": "?view=records&module=Leads", "header": HEADER,
                    "modules": ["Leads", "Contacts"], "title": "Leads", "head": ["Last Name", "Email"],
                    "rows": [["Byron", "ada@example.com"], ["Babbage", "charles@example.com"]]}


def test_another_view_keeps_only_the_header_and_its_place():
    kept = read_snapshot(records_snapshot(view="console", search="?view=console"))
    assert (kept["view"], kept["modules"], kept["title"], kept["head"], kept["rows"]) == ("console", [], "", [], [])
    assert kept["header"] == HEADER


def test_no_snapshot_is_made_when_the_token_appears_anywhere():
    assert records_snapshot(rows=[["Byron", "Zoho-oauthtoken " + TOKEN]]) is None
    assert records_snapshot(header=dict(HEADER, user=TOKEN)) is None
    assert records_snapshot(title="x" + TOKEN[:-1]) is not None  # only the token itself counts


def test_the_address_fragment_is_never_kept():
    assert read_snapshot(records_snapshot(search="?view=records#access_token=x&state=1"))["search"] == ""
    assert read_snapshot(records_snapshot(search="#state=1"))["search"] == ""


def test_an_unknown_view_makes_no_snapshot():
    assert records_snapshot(view="admin") is None


def test_long_texts_and_tables_are_cut():
    kept = read_snapshot(records_snapshot(title="x" * 500, rows=[["a", "b", "c"]] * 80))
    assert len(kept["title"]) == 200 and kept["title"].endswith("…")
    assert len(kept["rows"]) == 50 and kept["rows"][0] == ["a", "b"]


def test_corrupt_or_foreign_snapshots_are_refused():
    good = json.loads(records_snapshot())
    for text in ("", "{", "[]", "null", '"text"', json.dumps(dict(good, v=2)), json.dumps(dict(good, extra=1)),
                 json.dumps(dict(good, view="admin")), json.dumps(dict(good, header={"user": 1, "org": "", "dc": ""})),
                 json.dumps(dict(good, rows=[["only one cell", "two", "three"]])),
                 json.dumps(dict(good, rows=[["<b>", 5]])), json.dumps(dict(good, modules="Leads")),
                 json.dumps(dict(good, search="view=records")), json.dumps(dict(good, title="x" * 201))):
        assert read_snapshot(text) is None, text


@given(st.text(max_size=300), st.lists(st.lists(st.text(max_size=30), max_size=4), max_size=5))
def test_whatever_the_texts_a_made_snapshot_reads_back(title, rows):
    text = records_snapshot(title=title, rows=rows, secret="")
    assert read_snapshot(text) is not None
