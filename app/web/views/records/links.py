"""Emails, phones and websites as links (``mailto:``, ``tel:``, ``https:`` only: zoho.display.link_href
decides), in a record's detail and in the cells of the records and related tables."""

from zoho.display import link_href

from web.dom import element


def value_link(text, href):
    """An ``a`` showing ``text`` that goes to ``href``; a website opens in a tab of its own."""
    link = element("a", text)
    link.setAttribute("href", href)
    if href.startswith("https:"):
        link.setAttribute("target", "_blank")
        link.setAttribute("rel", "noopener noreferrer")
    return link


def link_cells(table, names, by_name, records):
    """The cells of ``table`` (filled by web.dom.fill_table from ``records``, a column per name in
    ``names``) whose field (``by_name``: API name -> FieldMeta) is an email, phone or website: their
    text made a link, as in the detail."""
    for line, record in zip(table.querySelectorAll("tbody tr"), records):
        cells = [cell for cell in line.querySelectorAll("td") if cell.hasAttribute("data-label")]
        for cell, name in zip(cells, names):
            field = by_name.get(name)
            href = link_href(field.data_type if field is not None else None, record.get(name))
            if href is not None:
                cell.replaceChildren(value_link(cell.textContent, href))
