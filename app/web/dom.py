"""Small DOM helpers: find, show, fill elements and tables, load a script. Data from Zoho always goes in as text."""

import asyncio

from pyscript import document, window
from pyscript.ffi import create_proxy, to_js


def by_testid(name, within=None):
    return (within or document).querySelector('[data-testid="' + name + '"]')


def by_id(name):
    return document.getElementById(name)


def show(element, visible=True):
    element.hidden = not visible


def set_text(element, text):
    element.textContent = "" if text is None else str(text)


def on_click(element, handler):
    """Attach ``handler`` (no arguments) to clicks; the proxy lives as long as the page."""
    element.addEventListener("click", create_proxy(lambda event: handler()))


def element(tag, text=None, class_name=None):
    node = document.createElement(tag)
    if text is not None:
        set_text(node, text)
    if class_name:
        node.className = class_name
    return node


def button(label, handler, kind="secondary"):
    node = element("button", label, kind)
    node.type = "button"
    on_click(node, handler)
    return node


async def load_script(meta):
    """Add the script a ``<meta>`` names (its ``content``, its ``data-integrity``) to the page;
    True once it has run, False when it could not be loaded."""
    done = asyncio.Event()
    failed = []
    script = document.createElement("script")
    script.src = meta.content
    script.integrity = meta.getAttribute("data-integrity")
    script.addEventListener("load", create_proxy(lambda event: done.set()))
    script.addEventListener("error", create_proxy(lambda event: (failed.append(True), done.set())))
    document.head.append(script)
    await done.wait()
    return not failed


def object_url(blob_parts, media_type):
    """The URL of a file made here in the browser from ``blob_parts``; the caller revokes it."""
    return window.URL.createObjectURL(window.Blob.new(to_js(blob_parts), to_js({"type": media_type})))


def add_options(select, choices):
    """Append an option to ``select`` for each of a picklist's ``choices`` (zoho.fields' Choice:
    the display text shown, the actual value sent)."""
    for choice in choices:
        option = element("option", choice.display)
        option.value = choice.actual
        select.append(option)


def offer_download(url, name):
    """Offer the object URL ``url`` as a download named ``name`` (a link clicked, never a
    navigation), then revoke it."""
    link = document.createElement("a")
    link.href = url
    link.download = name
    document.body.append(link)
    link.click()
    link.remove()
    window.URL.revokeObjectURL(url)


TRUNCATE_AT = 120


def value_cell(tag, value):
    """A table cell (or dd) showing ``value`` as text; long values get a "more" toggle."""
    text = display_text(value)
    cell = element(tag)
    if len(text) <= TRUNCATE_AT:
        set_text(cell, text)
        return cell
    shown = element("span", text[:TRUNCATE_AT] + "…")
    cell.append(shown)
    state = {"expanded": False}

    def toggle():
        state["expanded"] = not state["expanded"]
        set_text(shown, text if state["expanded"] else text[:TRUNCATE_AT] + "…")
        set_text(more, "less" if state["expanded"] else "more")

    more = button("more", toggle, "link")
    more.setAttribute("aria-label", "Show the whole value")
    cell.append(more)
    return cell


def fill_table(table, columns, rows, row_action=None, headings=None):
    """``rows`` (dicts) as ``table``'s head and body, a column per name in ``columns``, headed
    by ``headings`` (by default the names).

    Each cell carries its column's heading (``data-label``): on a narrow screen the
    stylesheet shows every row as a card of "heading: value" lines. ``row_action(row)``
    may give a last cell (a button) for each row.
    """
    table.replaceChildren()
    headings = headings or columns
    head = element("tr")
    for heading in headings:
        head.append(element("th", heading))
    if row_action is not None:
        head.append(element("th", ""))
    thead = element("thead")
    thead.append(head)
    table.append(thead)
    body = element("tbody")
    for row in rows:
        line = element("tr")
        for name, heading in zip(columns, headings):
            cell = value_cell("td", row.get(name))
            cell.setAttribute("data-label", heading)
            line.append(cell)
        if row_action is not None:
            cell = element("td", None, "action")
            cell.append(row_action(row))
            line.append(cell)
        body.append(line)
    table.append(body)


def display_text(value):
    """Zoho values as text: lookups show their name, lists are joined, None is empty."""
    if value is None:
        return ""
    if isinstance(value, dict):
        for key in ("name", "full_name", "email", "id"):
            if isinstance(value.get(key), str):
                return value[key]
        return str(value)
    if isinstance(value, list):
        return ", ".join(display_text(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
