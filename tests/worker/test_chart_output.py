"""zoho.chart in a cell: the kernel sends the chart's Vega-Lite spec to the page (the token masked),
rows that make no chart fail the cell with a sentence, and the desktop prints the bars."""

from zoho.desktop import Files
from zoho.notebook_helper import Zoho
from zoho.token import TokenRecord
from zoho.worker_messages import CHART

from scratch.kernel import ERROR, OK, Kernel
from tests.support import run_coroutine

TOKEN = "1000.0123456789abcdef.fedcba9876543210"
NOW = 1_800_000_000


def cell(code, show=None):
    """Run ``code`` as a cell with a ``zoho`` that shows through ``show`` (the kernel, as in the
    worker); its status and the messages the page got."""
    kernel = Kernel()
    zoho = Zoho(lambda request: None, lambda seconds: None, lambda: NOW, show or kernel)
    zoho.use(TokenRecord(TOKEN, NOW + 3600, "https://www.zohoapis.eu", ["ZohoCRM.modules.ALL"], "eu"))
    kernel.namespace.update(zoho=zoho, token=TOKEN)
    sent = []
    status = run_coroutine(kernel.run(1, code, lambda message, data=None: sent.append(message), TOKEN))
    return status, sent


def test_a_chart_goes_to_the_page_as_its_spec_in_its_place_among_the_outputs():
    status, sent = cell("print('before')\n"
                        "zoho.chart([{'Stage': 'Won', 'n': 2}, {'Stage': token, 'n': 1}], x='Stage', y='n', sort='-y')\n"
                        "print('after')")
    assert status == OK, sent
    assert [message["kind"] for message in sent] == ["stdout", CHART, "stdout"]
    spec = sent[1]["spec"]
    assert spec["data"]["values"] == [{"label": "Won", "value": 2}, {"label": "<YOUR_TOKEN>", "value": 1}]
    assert spec["encoding"]["x"]["sort"] == "-y" and spec["mark"]["type"] == "bar"


def test_rows_that_make_no_chart_fail_the_cell_saying_why():
    status, sent = cell("zoho.chart([{'Stage': 'Won', 'n': 'lots'}], x='Stage', y='n')")
    assert status == ERROR
    assert [message["kind"] for message in sent] == ["stderr"]
    assert "ChartError: Row 1 has no number in 'n'" in sent[0]["text"]


def test_on_the_desktop_a_chart_prints_its_bars(tmp_path):
    status, sent = cell("zoho.chart([{'Stage': 'Won', 'n': 2}, {'Stage': None, 'n': 10}], x='Stage', y='n')",
                        show=Files(tmp_path))
    assert status == OK
    assert "".join(message["text"] for message in sent if message["kind"] == "stdout") == (
        "Stage    n\n-------  --\nWon      2\n(empty)  10\n")
