"""A record's related lists (GET settings/related_lists?module=X, then GET /{module}/{id}/{list}) and its
Notes (read and added through the Notes related list): which lists, the requests, and what is shown.

A related list is read a page at a time by ``page`` and ``per_page`` (the v8 spec's getRelatedRecords:
page 1 to 10,000, ``info.more_records`` saying whether another page follows)."""

from .api import is_api_name, record_path
from .columns import DEFAULT_FIELDS
from .compat import Value

NOTES = "Notes"
ATTACHMENTS = "Attachments"
#: Records read per page of a related list (its More reads the next page).
PER_PAGE = 10
#: The last page number the related records call takes (the v8 spec's ``page`` maximum).
MAX_PAGE = 10000
#: The field that names a record of a module, as Zoho's standard modules have it; custom modules "Name".
NAME_FIELD = {"Accounts": "Account_Name", "Contacts": "Full_Name", "Leads": "Full_Name", "Deals": "Deal_Name",
              "Campaigns": "Campaign_Name", "Tasks": "Subject", "Calls": "Subject", "Events": "Event_Title",
              "Products": "Product_Name", "Vendors": "Vendor_Name", "Cases": "Subject", "Solutions": "Solution_Title",
              "Quotes": "Subject", "Sales_Orders": "Subject", "Purchase_Orders": "Subject", "Invoices": "Subject"}
NOTE_FIELDS = ("Note_Title", "Note_Content", "Owner", "Created_Time")
EMPTY_NOTE = "Type the note first: Zoho keeps no empty notes."


class RelatedList(Value):
    """A related list of records: its ``api_name`` (the path's last part), ``label`` and the ``module``
    its records belong to."""

    FIELDS = ("api_name", "label", "module")

    def __init__(self, api_name, label, module):
        self.api_name = api_name
        self.label = label
        self.module = module


def _entries(answer):
    lists = answer.get("related_lists") if isinstance(answer, dict) else None
    return [entry for entry in lists if isinstance(entry, dict)] if isinstance(lists, list) else []


def has_list(answer, name):
    """Whether the parsed settings/related_lists ``answer`` offers the visible list ``name`` (Notes, Attachments)."""
    return any(entry.get("api_name") == name and entry.get("visible") is not False for entry in _entries(answer))


def record_lists(answer):
    """The related lists of records in the parsed answer of GET settings/related_lists, in Zoho's order:
    visible ones that list one module's records (Notes and Attachments have parts of their own)."""
    found = []
    for entry in _entries(answer):
        if entry.get("visible") is False:
            continue
        name = entry.get("api_name")
        module = entry.get("module").get("api_name") if isinstance(entry.get("module"), dict) else None
        if name in (NOTES, ATTACHMENTS) or not is_api_name(name) or not is_api_name(module):
            continue
        label = entry.get("display_label")
        found.append(RelatedList(name, label if isinstance(label, str) and label else name, module))
    return found


def openable(listed, modules):
    """Whether a related list's records can be opened here: its module is one of ``modules`` (Zoho's
    modules the Records view lists; None before they are known)."""
    return any(module.get("api_name") == listed.module for module in modules or ())


def list_fields(module):
    """The fields asked for a related list's records of ``module`` (Zoho requires ``fields``)."""
    return list(DEFAULT_FIELDS.get(module) or [NAME_FIELD.get(module, "Name")])


def list_call(module, record_id, list_name, fields, page=1):
    """(path, query) of GET /{module}/{id}/{list}: its page ``page`` (the first by default); ValueError
    for a name that is not one, or a page Zoho does not give."""
    if not is_api_name(list_name):
        raise ValueError("a related list's API name has letters, digits and underscores only")
    if type(page) is not int or not 1 <= page <= MAX_PAGE:
        raise ValueError("a related list's page is a number from 1 to {}".format(MAX_PAGE))
    query = [("fields", ",".join(fields)), ("per_page", str(PER_PAGE))]
    if page > 1:
        query.append(("page", str(page)))
    return record_path(module, record_id) + "/" + list_name, query


def next_page(info, page):
    """The number of the page after ``page`` when the answer's ``info`` says more records follow
    (and Zoho gives that page), else None: the list has shown them all."""
    more = isinstance(info, dict) and info.get("more_records") is True
    return page + 1 if more and page < MAX_PAGE else None


def heading(api_name):
    """A column heading from an API name when the label is not known: "Deal_Name" -> "Deal Name"."""
    return api_name.replace("_", " ")


def notes_call(module, record_id):
    return list_call(module, record_id, NOTES, NOTE_FIELDS)


def new_note(text):
    """The body of POST /{module}/{id}/Notes for the note ``text`` (sent as typed), or ValueError with
    the sentence to show when there is nothing to send."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(EMPTY_NOTE)
    return {"data": [{"Note_Content": text}]}
