"""The notebook's kernel: one namespace, output as it is printed, a cell's value, tracebacks."""

import csv
import io
import json

import pytest

from scratch.kernel import ERROR, OK, Kernel
from tests.support import run_coroutine

TOKEN = "1000.0123456789abcdef.fedcba9876543210"


class Page:
    """What the kernel sent, in order."""

    def __init__(self):
        self.messages = []

    def send(self, message, data=None):
        self.messages.append(dict(message, data=data) if data is not None else message)

    def text(self, kind):
        return "".join(m["text"] for m in self.messages if m["kind"] == kind)

    def kinds(self):
        return [m["kind"] for m in self.messages]


def run(kernel, number, code, secret=""):
    page = Page()
    status = run_coroutine(kernel.run(number, code, page.send, secret))
    return status, page


def test_cells_share_one_namespace_and_print_to_stdout_and_stderr_apart():
    kernel = Kernel()
    assert run(kernel, 1, "import sys\ntotal = 40")[0] == OK
    status, page = run(kernel, 2, "total += 2\nprint('total', total)\nprint('careful', file=sys.stderr)")
    assert status == OK
    assert page.text("stdout") == "total 42\n"
    assert page.text("stderr") == "careful\n"


def test_each_line_is_sent_while_the_cell_still_runs():
    kernel = Kernel()
    seen_during_run = []
    page = Page()
    kernel.namespace["probe"] = lambda: seen_during_run.append(list(page.messages))
    run_coroutine(kernel.run(1, "print('first')\nprobe()\nprint('second')\nprobe()", page.send))
    assert [m["text"] for m in seen_during_run[0]] == ["first\n"]
    assert [m["text"] for m in seen_during_run[1]] == ["first\n", "second\n"]


def test_a_traceback_names_the_cells_and_lines_and_nothing_of_the_kernel():
    kernel = Kernel()
    run(kernel, 4, "def ratio(a, b):\n    return a / b")
    status, page = run(kernel, 5, "x = 1\nratio(x, 0)")
    assert status == ERROR
    trace = page.text("stderr")
    assert 'File "Cell [5]", line 2' in trace and "ratio(x, 0)" in trace
    assert 'File "Cell [4]", line 2, in ratio' in trace and "return a / b" in trace
    assert trace.rstrip().endswith("ZeroDivisionError: division by zero")
    assert "kernel.py" not in trace and "<exec>" not in trace and "scratch" not in trace


def test_a_chained_error_keeps_the_cells_of_both_and_a_syntax_error_names_its_cell():
    kernel = Kernel()
    _, page = run(kernel, 2, "try:\n    {}['k']\nexcept KeyError as e:\n    raise ValueError('no k') from e")
    trace = page.text("stderr")
    assert "KeyError: 'k'" in trace and "ValueError: no k" in trace
    assert trace.count('File "Cell [2]"') == 2 and "kernel.py" not in trace
    status, page = run(kernel, 3, "x = (1,\nprint(x)")
    assert status == ERROR
    assert 'File "Cell [3]", line 1' in page.text("stderr") and "SyntaxError" in page.text("stderr")


def test_the_value_a_cell_ends_with_is_shown_a_list_of_dicts_as_a_table():
    kernel = Kernel()
    _, page = run(kernel, 1, "rows = [{'Name': '<b>Ada</b>', 'n': 1}, {'Name': 'Grace', 'x': None}]\nrows")
    table = page.messages[-1]
    assert table["kind"] == "table" and table["total"] == 2
    assert table["columns"] == ["Name", "n", "x"]
    assert table["rows"] == [["<b>Ada</b>", "1", ""], ["Grace", "", ""]]
    _, page = run(kernel, 2, "6 * 7")
    assert page.messages == [{"kind": "result", "text": "42"}]
    assert run(kernel, 3, "6 * 7;")[1].messages == []
    assert run(kernel, 4, "None")[1].messages == []


def test_top_level_await_runs():
    kernel = Kernel()
    status, page = run(kernel, 1, "import asyncio\nawait asyncio.sleep(0)\nprint('awaited')\nawait asyncio.sleep(0, 'v')")
    assert status == OK
    assert page.text("stdout") == "awaited\n" and page.messages[-1] == {"kind": "result", "text": "'v'"}


def test_the_token_is_masked_in_printed_text_values_tables_and_tracebacks():
    kernel = Kernel({"token": TOKEN})
    _, page = run(kernel, 1, "print('Zoho-oauthtoken ' + token)\n[{'t': token}]", secret=TOKEN)
    _, more = run(kernel, 2, "token", secret=TOKEN)
    _, failed = run(kernel, 3, "raise RuntimeError(token)", secret=TOKEN)
    everything = json.dumps(page.messages + more.messages + failed.messages)
    assert TOKEN not in everything
    assert everything.count("<YOUR_TOKEN>") == 4


def test_output_past_the_cap_is_cut_with_a_note_and_the_cell_goes_on():
    kernel = Kernel()
    status, page = run(kernel, 1, "for i in range(100000):\n    print(i)\nprint('end', file=__import__('sys').stderr)")
    assert status == OK
    assert page.kinds().count("cut") == 1 and page.messages[-1]["kind"] == "cut"
    assert len(page.text("stdout")) == 100000
    assert "end" not in page.text("stderr")


def test_downloads_offer_text_bytes_and_rows_as_csv():
    kernel = Kernel()
    kernel.namespace["zoho"] = kernel  # zoho.download is the kernel's download
    _, page = run(kernel, 1, "zoho.download('../rows.csv', [{'a': 1, 'b': 'x,y'}, {'a': 2}])\n"
                             "zoho.download('raw.bin', b'\\x00\\x01')\nzoho.download('n.json', {'k': [1]})")
    rows, raw, data = page.messages
    assert (rows["name"], rows["type"], raw["type"]) == ("rows.csv", "text/csv", "application/octet-stream")
    parsed = list(csv.reader(io.StringIO(rows["data"].decode("utf-8-sig"))))
    assert parsed == [["a", "b"], ["1", "x,y"], ["2", ""]]
    assert raw["data"] == b"\x00\x01" and raw["size"] == 2
    assert json.loads(data["data"]) == {"k": [1]}
    status, page = run(kernel, 2, "zoho.download('x', object())")
    assert status == ERROR and "TypeError" in page.text("stderr")


def test_tables_and_downloads_outside_a_running_cell_are_refused():
    with pytest.raises(RuntimeError):
        Kernel().table([{"a": 1}])


def test_a_character_beyond_the_bmp_reaches_the_page_whole_even_in_a_long_line():
    # What worker.py posts: each message as worker_messages.encode writes it. The page reads it with
    # MicroPython's json.loads, which splits an escaped surrogate pair into two invalid characters.
    from zoho import worker_messages

    kernel = Kernel()
    posted = []
    code = "print('x' * 12 + '\\U0001F40D')\nprint('y' * 4095 + '\\U0001F40D' * 3, end='')"
    status = run_coroutine(kernel.run(1, code, lambda message, data=None: posted.append(worker_messages.encode(message))))
    assert status == OK
    assert not any("\\u" in text for text in posted)
    shown = "".join(worker_messages.decode(text)["text"] for text in posted)
    assert shown == "x" * 12 + "\U0001F40D\n" + "y" * 4095 + "\U0001F40D" * 3


def test_tab_completes_names_and_attributes_and_shift_tab_describes_them():
    from scratch.completion import complete, describe

    kernel = Kernel()
    run(kernel, 1, "import json\nrecords_seen = 3\ndef fetch_all(module, *, pages=2):\n"
                   "    '''Every record of a module.\n\n    More.'''\n")
    namespace = kernel.namespace
    assert complete(namespace, "records_") == ["records_seen"]
    assert complete(namespace, "json.du") == ["json.dump", "json.dumps"]
    assert "print" in complete(namespace, "pri") and "fetch_all" in complete(namespace, "fetch")
    assert complete(namespace, "nothing_like_this") == []
    assert describe(namespace, "fetch_all") == "fetch_all(module, *, pages=2)\nEvery record of a module."
    assert describe(namespace, "json.dumps").startswith("json.dumps(obj, *, skipkeys=False")
    assert describe(namespace, "records_seen") == "records_seen: int"
    assert describe(namespace, "missing.attr") == "missing.attr is not defined (run the cell that defines it first)."
