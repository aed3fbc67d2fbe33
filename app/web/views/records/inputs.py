"""A record form's inputs, one kind of HTML control per kind of field (zoho.fields), and the
text each holds (zoho.formtext says what that text means). A lookup's input is its picker's box
(lookup_picker.py): its text is the id picked, kept on the box, never what is typed there."""

from zoho.fields import CHECKBOX, LOOKUP, MULTI_SELECT, NONE_CHOICE, SELECT, TEXTAREA

from web.dom import add_options, element

LOOKUP_ID = "data-record-id"  # the attribute of a lookup's box that holds the id picked
# The HTML input type for each input kind of zoho.fields (numbers are typed as text and
# checked by the core, which says what is wrong in words).
INPUT_TYPES = {"email": "email", "tel": "tel", "url": "url", "date": "date", "datetime-local": "datetime-local"}


def control_for(field):
    """A new, empty control for ``field`` (a lookup has its picker instead)."""
    kind = field.input_kind
    if kind == TEXTAREA:
        return element("textarea")
    if kind in (SELECT, MULTI_SELECT):
        control = element("select")
        if kind == MULTI_SELECT:
            control.multiple = True
        else:
            none = element("option", NONE_CHOICE)
            none.value = ""
            control.append(none)
        add_options(control, field.choices)
        return control
    control = element("input")
    if kind == CHECKBOX:
        control.type = "checkbox"
    else:
        control.type = INPUT_TYPES.get(kind, "text")
        if kind in ("number", "currency", "percent"):
            control.setAttribute("inputmode", "decimal")
    return control


def text_of(field, control):
    """What ``control`` holds, as text (a checkbox "true"/"false", a multi-select one line a value)."""
    kind = field.input_kind
    if kind == CHECKBOX:
        return "true" if control.checked else "false"
    if kind == MULTI_SELECT:
        return "\n".join(option.value for option in control.selectedOptions)
    if kind == LOOKUP:
        return control.getAttribute(LOOKUP_ID) if control.hasAttribute(LOOKUP_ID) else ""
    return control.value


def set_text_of(field, control, text):
    kind = field.input_kind
    if kind == CHECKBOX:
        control.checked = text == "true"
    elif kind == MULTI_SELECT:
        chosen = text.split("\n")
        for option in control.options:
            option.selected = option.value in chosen
    else:
        control.value = text
