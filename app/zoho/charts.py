"""Bar charts as Vega-Lite specs (plain dicts, drawn in the page by vega-embed): which COQL
results make one, and the spec of a chart of rows.

A chart shows data values only as text: they go into the spec's ``data.values``, never into
an expression, a format or markup, and Vega draws them as SVG text. The marks ask for no
tooltip (vega-embed's tooltip handler writes HTML), and the fields are always ``label`` and
``value``, so a column named ``Owner.name`` is not read as a path.
"""

from .coql import select_terms

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # the version package.json pins
MEDIA_TYPE = "application/vnd.vegalite.v6+json"  # how a notebook file carries a spec of SCHEMA's version
AGGREGATES = ("count", "sum", "avg", "min", "max")  # COQL's aggregate functions
MAX_BARS = 500  # more would be unreadable, and a large spec slows the page
LABEL, VALUE = "label", "value"  # the fields of the chart's data
EMPTY_LABEL = "(empty)"  # the label of rows without a value in the label column
HEIGHT = 280
# sort= as a person writes it (Altair's shorthand), and what Vega-Lite calls it; None keeps the rows' order.
SORTS = {"x": "ascending", "-x": "descending", "y": "y", "-y": "-y"}
# How the page's vega-embed draws: SVG (labels are text nodes), Vega's expressions interpreted
# rather than compiled with Function (ast, vega-interpreter: no 'unsafe-eval'), and no tooltip
# handler, actions menu or injected stylesheet.
EMBED_OPTIONS = {"mode": "vega-lite", "renderer": "svg", "ast": True, "actions": False, "tooltip": False,
                 "defaultStyle": False}
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"  # static/app.css's
COLOURS = {  # text, grid lines and bars, light and dark, as static/app.css's --fg, --line and --accent
    False: ("#172033", "#dfe3ec", "#2563eb"),
    True: ("#e6e9f2", "#2a3148", "#6d9bff"),
}


class ChartError(ValueError):
    """Rows or options that make no bar chart; the message says why, as a sentence."""


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_aggregate(written):
    """Whether a selected column, as the query writes it, is one of COQL's aggregates: ``SUM(Amount)``."""
    name, bracket, rest = written.partition("(")
    return bool(bracket) and name.strip().lower() in AGGREGATES and rest.rstrip().endswith(")")


def chart_axes(query, rows):
    """The (label column, value column) of a query whose rows make a bar chart, else None: the
    query selects two columns, a field and an aggregate (``select Stage, sum(Amount) from Deals
    group by Stage``), and the rows give text labels and numbers (at most MAX_BARS of them)."""
    terms = select_terms(query)
    if len(terms) != 2 or not rows or len(rows) > MAX_BARS:
        return None
    aggregates = [key for written, key in terms if is_aggregate(written)]
    fields = [key for written, key in terms if not is_aggregate(written)]
    if len(aggregates) != 1 or len(fields) != 1:
        return None
    x, y = fields[0], aggregates[0]
    for row in rows:
        label, value = row.get(x), row.get(y)
        if not (label is None or isinstance(label, str)) or not (value is None or is_number(value)):
            return None
    if not any(is_number(row.get(y)) for row in rows):
        return None
    return x, y


def _label(value, x, number):
    if value is None:
        return EMPTY_LABEL
    if isinstance(value, str):
        return value
    if is_number(value):
        return str(value)
    raise ChartError("Row {} has no text or number in {!r} to label a bar with.".format(number, x))


def _value(row, y, number):
    value = row.get(y)
    if value is None or is_number(value):
        return value
    raise ChartError("Row {} has no number in {!r}: a bar's height must be a number.".format(number, y))


def bar_chart(rows, x, y, title=None, sort=None):
    """The Vega-Lite spec of a bar chart: one bar per row, labelled by its ``x`` value (text),
    as high as its ``y`` value (a number). ``sort``: None (the rows' order), "x", "-x", "y" or
    "-y" (Altair's shorthand: by label or by value, "-" for descending). ChartError, with a
    sentence, for rows that make no chart."""
    if not isinstance(x, str) or not isinstance(y, str):
        raise ChartError("x and y are the names of two columns of the rows, as text.")
    if sort is not None and sort not in SORTS:
        raise ChartError("sort is one of None, \"x\", \"-x\", \"y\" or \"-y\", not {!r}.".format(sort))
    rows = list(rows)
    if not rows:
        raise ChartError("There are no rows to chart.")
    if len(rows) > MAX_BARS:
        raise ChartError("A chart shows at most {} bars; these rows would make {}.".format(MAX_BARS, len(rows)))
    values = []
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise ChartError("Row {} is not a dict of column names and values.".format(number))
        values.append({LABEL: _label(row.get(x), x, number), VALUE: _value(row, y, number)})
    spec = {
        "$schema": SCHEMA,
        "description": "Bar chart of {} by {}".format(y, x),
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": False},
        "encoding": {
            "x": {"field": LABEL, "type": "nominal", "title": x, "sort": SORTS.get(sort),
                  "axis": {"labelAngle": -35, "labelLimit": 160}},
            "y": {"field": VALUE, "type": "quantitative", "title": y,
                  "axis": {"tickMinStep": 1} if all(isinstance(v[VALUE], int) for v in values) else {}},
        },
        "width": "container",
        "height": HEIGHT,
    }
    if title is not None:
        spec["title"] = str(title)
    return spec


def is_bar_chart(spec):
    """Whether ``spec`` is exactly a spec bar_chart makes (the page draws no other: a Vega-Lite spec
    handed over by the notebook's worker could otherwise load data from elsewhere, link, or run
    expressions). It is made again from its own values and titles, and compared whole."""
    try:
        x, y = spec["encoding"]["x"], spec["encoding"]["y"]
        sort = [shorthand for shorthand, said in SORTS.items() if said == x["sort"]] or [None]
        rows = [{LABEL: value[LABEL], VALUE: value[VALUE]} for value in spec["data"]["values"]]
        again = bar_chart(rows, LABEL, VALUE, spec.get("title"), sort[0])
        again["description"] = "Bar chart of {} by {}".format(y["title"], x["title"])
        again["encoding"]["x"]["title"], again["encoding"]["y"]["title"] = x["title"], y["title"]
    except (ChartError, KeyError, TypeError, AttributeError):
        return False
    return isinstance(x["title"], str) and isinstance(y["title"], str) and again == spec


def bars(spec):
    """A bar chart's bars as a table, for where no chart is drawn (a terminal, a notebook viewer
    without Vega-Lite): its two column titles and a [label, value] row a bar."""
    x, y = spec["encoding"]["x"]["title"], spec["encoding"]["y"]["title"]
    return [x, y], [[bar[LABEL], bar[VALUE]] for bar in spec["data"]["values"]]


def coloured(spec, dark):
    """``spec`` in the page's colours (light or ``dark``), on a transparent background."""
    text, grid, bar = COLOURS[bool(dark)]
    mark = spec.get("mark")
    return dict(spec, background="transparent",
                mark=dict(mark, color=bar) if isinstance(mark, dict) else {"type": mark, "color": bar},
                config={"font": FONT,
                        "axis": {"labelColor": text, "titleColor": text, "gridColor": grid, "domainColor": grid,
                                 "tickColor": grid, "labelFontSize": 12, "titleFontSize": 12},
                        "title": {"color": text, "fontSize": 14}, "view": {"stroke": None}})


def query_chart(query, rows):
    """The spec of a query's rows as a bar chart (in the rows' order, which the query's ORDER BY
    sets), or None when they make none (see chart_axes)."""
    axes = chart_axes(query, rows)
    if axes is None:
        return None
    x, y = axes
    return bar_chart(rows, x, y, title="{} by {}".format(y, x))
