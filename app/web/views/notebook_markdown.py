"""Markdown cells shown rendered, by markdown-it (self-hosted from npm, like the runtime).

Its script (about 100 kB, 35 kB compressed) is loaded when the first markdown cell is shown,
never with the first screen. It renders with ``html: false``, so raw HTML in a cell is shown
as text, and keeps only the links zoho.notebook.is_allowed_link allows (https:, mailto:).
"""

import asyncio

from jsffi import JsException
from zoho.notebook import is_allowed_link

from pyscript import document, window
from pyscript.ffi import create_proxy, to_js

from web.dom import load_script

CANNOT_LOAD = "The markdown renderer could not be loaded; the cell is shown as text."

_renderer = None  # markdown-it, once loaded
_loading = None  # the asyncio.Event of the load under way


async def _load():
    global _renderer, _loading
    done = asyncio.Event()
    _loading = done
    loaded = await load_script(document.querySelector('meta[name="markdown-script"]'))
    done.set()
    if loaded:
        renderer = window.markdownit(to_js({"html": False, "linkify": False, "typographer": False}))
        renderer.validateLink = create_proxy(is_allowed_link)
        _renderer = renderer
    _loading = None
    return _renderer


async def renderer():
    """markdown-it, loaded on first use; None when its script could not be loaded."""
    if _renderer is not None:
        return _renderer
    if _loading is not None:
        await _loading.wait()
        return _renderer
    try:
        return await _load()
    except JsException:
        return None


async def render_into(node, text):
    """``text`` rendered into ``node`` (its links open in a new tab, without a referrer); as
    text, with a note, when markdown-it cannot be loaded."""
    markdown = await renderer()
    if markdown is None:
        node.replaceChildren()
        node.append(document.createTextNode(text))
        note = document.createElement("p")
        note.className = "cut"
        note.textContent = CANNOT_LOAD
        node.append(note)
        return
    node.innerHTML = markdown.render(text)
    links = node.querySelectorAll("a")
    for index in range(links.length):
        links.item(index).target = "_blank"
        links.item(index).rel = "noopener noreferrer"
