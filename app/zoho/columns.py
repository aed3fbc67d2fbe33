"""Which of a module's fields a records table shows: Zoho's usual list for the standard
modules, the first editable fields of any other, the names typed in the picker's box, and
what a form can be built from when Zoho's field list cannot be read.
"""

from .fields import FieldMeta

#: Zoho's cap on ``fields`` in a records request.
MAX_COLUMNS = 50
DEFAULT_FIELDS = {
    "Leads": ["Last_Name", "First_Name", "Email", "Company", "Lead_Status"],
    "Contacts": ["Last_Name", "First_Name", "Email", "Phone"],
    "Accounts": ["Account_Name", "Phone", "Website", "Industry"],
    "Deals": ["Deal_Name", "Stage", "Amount", "Closing_Date"],
}
#: Columns shown for a module with no default list: its first fields.
DEFAULT_COUNT = 5
#: Columns when Zoho's field list cannot be read.
FALLBACK_FIELDS = ["Created_Time", "Modified_Time"]
#: Kept by Zoho itself: never in a form built without Zoho's field list.
SYSTEM_FIELDS = ("id", "Owner", "Created_Time", "Modified_Time", "Created_By", "Modified_By", "Full_Name")


def default_columns(module_name, known):
    """The columns first shown for ``module_name``, whose fields are ``known`` (FieldMeta list,
    or None when Zoho's field list could not be read)."""
    if known is None:
        return list(DEFAULT_FIELDS.get(module_name, FALLBACK_FIELDS))
    names = [field.api_name for field in known]
    chosen = [name for name in DEFAULT_FIELDS.get(module_name, ()) if name in names]
    return chosen or [field.api_name for field in known if field.input_kind is not None][:DEFAULT_COUNT]


def typed_columns(text):
    """The API names typed in the picker's box (separated by commas), at most MAX_COLUMNS."""
    return [name.strip() for name in text.split(",") if name.strip()][:MAX_COLUMNS]


def picked_columns(shown, ticked):
    """The columns after the picker's boxes ``ticked`` (API names, in the boxes' order): those
    ``shown`` that stay ticked, in the order the person had them, then the newly ticked ones."""
    kept = [name for name in shown if name in ticked]
    return kept + [name for name in ticked if name not in kept]


def guessed_fields(names):
    """Fields for a form when Zoho's list could not be read: text fields named by the chosen
    columns, those Zoho keeps itself read-only."""
    return [FieldMeta(name, name, "text", read_only=name in SYSTEM_FIELDS) for name in names]
