"""The records table's headings as buttons: those Zoho can sort by sort the list, the others say why not."""

from zoho.fields import label_of
from zoho.sorting import aria_sort

from web.dom import button


def sort_buttons(table, names, meta, plan_of, sort, on_sort, on_unsortable):
    """A heading Zoho can sort by is a button: the first click sorts by it as Zoho does by
    default (descending), the next one the other way (``on_sort(name)``). Any other is a button
    too (so keyboard and touch reach it) that says why it does not sort (``on_unsortable(reason)``);
    its title (the button's description to assistive technology) says the same. ``plan_of(name)``
    is the column's zoho.sorting.SortPlan, ``sort`` the list's Sort."""
    for heading, name in zip(table.querySelectorAll("th"), names):
        plan = plan_of(name)
        heading.replaceChildren()
        if not plan.sortable:
            heading.title = plan.reason
            why = button(label_of(meta, name), _calling(on_unsortable, plan.reason), "link sort unsortable")
            why.title = plan.reason
            heading.append(why)
            continue
        heading.setAttribute("aria-sort", aria_sort(sort, name))
        heading.append(button(label_of(meta, name), _calling(on_sort, name), "link sort"))


def _calling(handler, argument):
    return lambda: handler(argument)
