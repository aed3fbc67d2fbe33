"""Which rows of a page are chosen, as checkboxes decide it: a click toggles a row, a Shift-click
sets every row from the last one clicked to this one as this one now is, and the heading's box
chooses the whole page or none. The chosen ids are kept in the page's order."""


def clicked(chosen, page_ids, record_id, checked, anchor, shift):
    """(chosen ids, new anchor) after the box of ``record_id`` was set to ``checked``; with
    ``shift`` and an ``anchor`` on the page, every row between the two is set likewise."""
    if record_id not in page_ids:
        return in_page_order(chosen, page_ids), anchor
    changed = [record_id]
    if shift and anchor in page_ids:
        first, last = sorted((page_ids.index(anchor), page_ids.index(record_id)))
        changed = page_ids[first:last + 1]
    kept = [i for i in chosen if i not in changed]
    if checked:
        kept.extend(changed)
    return in_page_order(kept, page_ids), record_id


def all_or_none(page_ids, checked):
    """The heading's box: every row of the page, or none."""
    return list(page_ids) if checked else []


def in_page_order(chosen, page_ids):
    """The chosen ids that are on the page, in its order."""
    return [i for i in page_ids if i in chosen]


def heading_state(chosen, page_ids):
    """The heading's box: "all", "none" or "some" (shown as mixed)."""
    count = len(in_page_order(chosen, page_ids))
    if count == 0:
        return "none"
    return "all" if count == len(page_ids) else "some"


def count_text(count):
    """The bar's count: "1 selected", "3 selected"."""
    return "{} selected".format(count)
