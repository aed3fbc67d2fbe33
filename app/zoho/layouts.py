"""A record's detail in its layout: the sections of Zoho's layout (GET settings/layouts?module=X) in
their order, the fields of each in theirs, and which fields are left out (the id always; empty
ones unless the person asks for them)."""

from .compat import Value

#: Never listed as a field: Zoho's own record id, and the layout the record was made in.
NOT_LISTED = ("id", "Layout")
#: The section for fields of the record that the layout does not place.
OTHER_SECTION = "Other fields"


class Section(Value):
    """A layout section: its heading ``label`` ("" when there is none) and its fields' API ``names``."""

    FIELDS = ("label", "names")

    def __init__(self, label, names):
        self.label = label
        self.names = names


class DetailPlan(Value):
    """What the detail shows: ``sections`` (each with at least one field) and how many empty fields
    are ``hidden``."""

    FIELDS = ("sections", "hidden")

    def __init__(self, sections, hidden):
        self.sections = sections
        self.hidden = hidden


def _sequence(item):
    number = item.get("sequence_number")
    try:
        return int(number)
    except (TypeError, ValueError):
        return 1 << 30


def _chosen(layouts, layout_id):
    """The record's own layout (``layout_id``), else the first active one, else the first."""
    for layout in layouts:
        if layout_id is not None and layout.get("id") == layout_id:
            return layout
    for layout in layouts:
        if layout.get("status", "active") == "active" and layout.get("visible", True) is not False:
            return layout
    return layouts[0] if layouts else None


def layout_sections(answer, layout_id=None):
    """The sections (in order) of the layout with id ``layout_id`` (the record's ``Layout``), or of
    the module's first active layout, in the parsed answer of GET settings/layouts; [] when the
    answer holds none."""
    layouts = answer.get("layouts") if isinstance(answer, dict) else None
    layout = _chosen([item for item in layouts if isinstance(item, dict)] if isinstance(layouts, list) else [],
                     layout_id)
    raw = layout.get("sections") if layout is not None else None
    if not isinstance(raw, list):
        return []
    sections = []
    for section in sorted([s for s in raw if isinstance(s, dict)], key=_sequence):
        fields = section.get("fields") if isinstance(section.get("fields"), list) else []
        names = [field["api_name"] for field in sorted([f for f in fields if isinstance(f, dict)], key=_sequence)
                 if isinstance(field.get("api_name"), str)]
        label = section.get("display_label") or section.get("name") or ""
        sections.append(Section(label if isinstance(label, str) else "", names))
    return sections


def record_layout_id(record):
    """The id of the layout a record was made in (its ``Layout`` lookup), or None."""
    layout = record.get("Layout") if isinstance(record, dict) else None
    layout_id = layout.get("id") if isinstance(layout, dict) else None
    return layout_id if isinstance(layout_id, str) else None


def is_empty(value):
    return value is None or value == "" or value == [] or value == {}


def _listed(name):
    return name not in NOT_LISTED and not name.startswith("$")


def detail_plan(sections, record, show_empty=False, label_of=None):
    """The DetailPlan for ``record`` in ``sections`` (layout_sections; [] when the layout is not known:
    then one section of the record's fields in the order of ``label_of(name)``, their labels). Fields
    of the record the layout does not place come last, under OTHER_SECTION."""
    placed = []
    plan = []
    hidden = 0
    order = label_of or (lambda name: name)
    leftover = sorted([name for name in record if _listed(name)], key=lambda name: order(name).lower())
    if sections:
        for section in sections:
            placed.extend(section.names)
        leftover = [name for name in leftover if name not in placed]
        grouped = [(section.label, section.names) for section in sections] + [(OTHER_SECTION, leftover)]
    else:
        grouped = [("", leftover)]
    for label, names in grouped:
        shown = []
        for name in names:
            if not _listed(name) or name in shown:
                continue
            if is_empty(record.get(name)) and not show_empty:
                hidden += 1
            else:
                shown.append(name)
        if shown:
            plan.append(Section(label, shown))
    return DetailPlan(plan, hidden)
