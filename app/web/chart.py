"""Charts in the page: Vega-Lite specs (built by zoho.charts) drawn as SVG by vega-embed.

vega, vega-lite and vega-embed come pinned from npm (package.json), self-hosted by the build
under the runtime's ``vega/`` and named, with their integrity, by the page's ``chart-script``
metas; they are loaded when the first chart is shown, never with the first screen. vega-embed
runs with ``ast: true``, so Vega interprets its expressions (vega-interpreter) instead of
compiling them with ``Function``: a chart needs no 'unsafe-eval'. The SVG renderer writes
labels as text nodes; no tooltips, no actions menu, no stylesheet injected into the page.
"""

import asyncio
import json

from jsffi import JsException
from zoho.charts import EMBED_OPTIONS, coloured, is_bar_chart

from pyscript import document, window

from web.dom import load_script

CANNOT_LOAD = "The chart library could not be loaded, so the chart is not shown."
CANNOT_DRAW = "The chart could not be drawn."
NOT_A_CHART = "This is not a chart zoho.chart made, so it is not drawn."

_embed = None  # vegaEmbed, once loaded
_loading = None  # the asyncio.Event of the load under way


async def _load():
    global _embed, _loading
    _loading = asyncio.Event()
    try:
        metas = list(document.querySelectorAll('meta[name="chart-script"]'))
        loaded = bool(metas)
        for meta in metas:
            loaded = loaded and await load_script(meta)
        _embed = window.vegaEmbed if loaded else None
    finally:
        _loading.set()
        _loading = None
    return _embed


async def library():
    """vegaEmbed, its scripts loaded on first use (one load however many charts wait for it);
    None when they could not be loaded."""
    if _embed is not None:
        return _embed
    if _loading is not None:
        await _loading.wait()
        return _embed
    try:
        return await _load()
    except JsException:
        return None


def prefers_dark():
    return bool(window.matchMedia("(prefers-color-scheme: dark)").matches)


class ChartPlace:
    """An element that shows one chart at a time, hidden while it shows none."""

    def __init__(self, node):
        self.node = node
        self._view = None  # vega-embed's result for the chart shown: finalize() ends its listeners
        self._drawing = 0  # bumped by each draw and clear: a slower, older draw then leaves no chart

    async def draw(self, spec):
        """Draw the Vega-Lite ``spec`` here; None once drawn, else a sentence saying why not."""
        self.clear()
        if not is_bar_chart(spec):  # (a spec can load data from elsewhere, link, or run expressions)
            return NOT_A_CHART
        me = self._drawing
        embed = await library()
        if me != self._drawing:
            return None  # cleared, or drawn anew, while the library loaded
        if embed is None:
            return CANNOT_LOAD
        self.node.hidden = False  # before drawing: a "container" width is measured from the element
        spec_js = window.JSON.parse(json.dumps(coloured(spec, prefers_dark())))
        try:
            # vegaEmbed is an async function: what goes wrong comes as a rejection, not a throw.
            view = await embed(self.node, spec_js, window.JSON.parse(json.dumps(EMBED_OPTIONS)))
        except JsException:
            if me == self._drawing:
                self.clear()
            return CANNOT_DRAW
        if me != self._drawing:  # cleared or drawn anew meanwhile: this one ends
            view.finalize()
            if self.node.hidden:
                self.node.replaceChildren()
            return None
        self._view = view
        return None

    def clear(self):
        """No chart shown (and none still on its way)."""
        self._drawing += 1
        if self._view is not None:
            self._view.finalize()
            self._view = None
        self.node.replaceChildren()
        self.node.hidden = True
