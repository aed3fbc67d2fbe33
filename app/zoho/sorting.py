"""Sorting a records table by a column click, within what Zoho really allows.

Zoho's records list (GET /crm/v8/{module}) takes ``sort_by`` only for ``id``, ``Created_Time`` and
``Modified_Time`` and refuses any other field with INVALID_DATA. Any other column sorts through a COQL
query (``order by``), when the sign-in may run COQL (ZohoCRM.coql.READ) and Zoho's field metadata says
the field is ``sortable``; otherwise the column is not offered as sortable, and ``SortPlan.reason``
says why. A page sorted through COQL is asked for and read back in the records list's shape, with the
offset of the next page as its page token, so the table pages it the same way.
"""

from .api import CRM, RecordsPage, items_of, parse_records_page
from .coql import MAX_COLUMNS as COQL_MAX_COLUMNS
from .coql import MAX_COUNT as COQL_MAX_COUNT
from .coql import MAX_REACH as COQL_REACH
from .compat import Value, is_ascii_digits, is_word
from .scopes import scope_covers

ASC, DESC = "asc", "desc"
#: Zoho's order when only sort_by is given.
DEFAULT_ORDER = DESC
#: The only fields the records list sorts by (getRecords' sort_by).
RECORDS_SORT_FIELDS = ("id", "Created_Time", "Modified_Time")
COQL_SCOPE = "ZohoCRM.coql.READ"
#: How a column sorts: by the records list's sort_by, or through COQL.
BY_RECORDS, BY_COQL = "records", "coql"


#: From Zoho's COQL limitations (v8): image upload fields cannot be selected, at most five formula
#: fields can, and at most 15 lookups can be followed in the SELECT clause.
COQL_UNSELECTABLE_TYPES = ("imageupload",)
COQL_MAX_FORMULAS = 5
COQL_MAX_SELECT_JOINS = 15


class Sort(Value):
    """A column and its order."""

    FIELDS = ("sort_by", "sort_order")

    def __init__(self, sort_by, sort_order=DEFAULT_ORDER):
        if sort_order not in (ASC, DESC):
            raise ValueError("sort_order must be asc or desc")
        self.sort_by = sort_by
        self.sort_order = sort_order


class SortPlan(Value):
    """How a column sorts: ``how`` is BY_RECORDS, BY_COQL, or None with ``reason``, a sentence
    saying why the column cannot be sorted here."""

    FIELDS = ("column", "how", "reason")

    def __init__(self, column, how, reason=None):
        self.column = column
        self.how = how
        self.reason = reason

    @property
    def sortable(self):
        return self.how is not None


def _query_cannot_show(shown):
    """Why a COQL page cannot hold the ``shown`` columns (a sentence's end), or None."""
    for field in shown or ():
        if field.data_type in COQL_UNSELECTABLE_TYPES:
            return "cannot include {} (an image field)".format(field.label)
    if len([field for field in shown or () if field.data_type == "formula"]) > COQL_MAX_FORMULAS:
        return "includes at most {} formula fields".format(COQL_MAX_FORMULAS)
    return None


def sort_plan(column: str, field: "FieldMeta | None", granted_scopes: "list[str]",
              shown: "list[FieldMeta] | None" = None) -> "SortPlan":
    """How ``column`` sorts for a sign-in with ``granted_scopes``. ``field`` is the column's
    metadata (zoho.fields.FieldMeta; None when Zoho's field list does not name it); ``shown`` the
    metadata of the table's columns, which a page sorted through COQL must be able to hold."""
    if column in RECORDS_SORT_FIELDS:
        return SortPlan(column, BY_RECORDS)
    if field is None:
        return SortPlan(column, None, "Zoho's field list does not say {} can be sorted by.".format(column))
    label = field.label
    if not field.sortable:
        return SortPlan(column, None, "Zoho does not sort records by {}.".format(label))
    if not scope_covers(granted_scopes, COQL_SCOPE):
        return SortPlan(column, None, (
            "Sorting by {} needs Zoho's query permission ({}), which this sign-in does not have; Zoho's "
            "records list itself sorts only by id, Created Time and Modified Time.").format(label, COQL_SCOPE))
    problem = _query_cannot_show(shown)
    if problem is not None:
        return SortPlan(column, None, (
            "Sorting by {} goes through a Zoho query, which {}; hide that column to sort by {}.").format(
                label, problem, label))
    return SortPlan(column, BY_COQL)


def clicked(current: "Sort | None", column: str) -> "Sort":
    """The sort after a click on ``column``: the other order when it is the sorted column already,
    Zoho's default (descending) for any other column. ``current`` may be None (not sorted)."""
    if current is not None and current.sort_by == column:
        return Sort(column, ASC if current.sort_order == DESC else DESC)
    return Sort(column, DEFAULT_ORDER)


def sort_params(sort: "Sort | None") -> "list[tuple[str, str]]":
    """The query pairs for a sort (both, always: a page token must be asked with the same ones).
    Raises ValueError for a field the records list does not sort by (Zoho would refuse it)."""
    if sort is None:
        return []
    if sort.sort_by not in RECORDS_SORT_FIELDS:
        raise ValueError("Zoho's records list sorts only by " + ", ".join(RECORDS_SORT_FIELDS))
    return [("sort_by", sort.sort_by), ("sort_order", sort.sort_order)]


def records_query(fields: "list[str]", sort: "Sort | None", per_page: int,
                  page_token: "str | None" = None) -> "list[tuple[str, str]]":
    """The query for a page of a module's records: its fields, the sort, and the page token of
    the page after the first (asked with the same sort as the page that gave it)."""
    query = [("fields", ",".join(fields)), ("per_page", str(per_page))] + sort_params(sort)
    if page_token:
        query.append(("page_token", page_token))
    return query


def aria_sort(sort: "Sort | None", column: str) -> str:
    """The aria-sort of a column header: "ascending", "descending" or "none"."""
    if sort is None or sort.sort_by != column:
        return "none"
    return "ascending" if sort.sort_order == ASC else "descending"


# --- A page sorted through COQL ---------------------------------------------


def _offset_of(page_token):
    if page_token is None:
        return 0
    if not isinstance(page_token, str) or not is_ascii_digits(page_token) or len(page_token) > 6:
        raise ValueError("a sorted page's token is the offset of its first row")
    return int(page_token)


#: The field naming the records of Zoho's standard modules (as in Zoho's own layouts), for the name of
#: a lookup in a COQL answer, which carries only its id. Other modules: their fields' display_field.
STANDARD_NAME_FIELDS = {"Accounts": "Account_Name", "Contacts": "Full_Name", "Leads": "Full_Name",
                        "Deals": "Deal_Name", "Campaigns": "Campaign_Name", "Products": "Product_Name",
                        "Vendors": "Vendor_Name", "Tasks": "Subject", "Cases": "Subject", "Solutions": "Solution_Title"}


def lookup_names(columns: "list[str]", fields: "list[FieldMeta]",
                 name_fields: "dict[str, str] | None" = None) -> "dict[str, str]":
    """{lookup column: the field naming the records it points to} for the ``columns`` that are
    lookups (``fields``: the module's FieldMeta), when that field is known: ``name_fields`` (module
    -> its display field, from its own metadata) first, then STANDARD_NAME_FIELDS; at most
    COQL_MAX_SELECT_JOINS of them (the others stay as COQL gives them: their id)."""
    known = dict(STANDARD_NAME_FIELDS)
    known.update(name_fields or {})
    found = {}
    for field in fields:
        if len(found) == COQL_MAX_SELECT_JOINS:
            break
        if field.api_name in columns and field.data_type == "lookup" and known.get(field.lookup_module):
            found[field.api_name] = known[field.lookup_module]
    return found


def sorted_records_query(module: str, fields: "list[str]", sort: "Sort", per_page: int,
                         page_token: "str | None" = None, names: "dict[str, str] | None" = None,
                         where: str = "id is not null") -> str:
    """The COQL select for a page of ``module``'s records sorted by ``sort``: ``id`` and the chosen
    fields, the records ``where`` says (by default every record: Zoho's COQL needs a WHERE clause),
    ``order by`` the column, and ``limit offset, count``; ``page_token`` is the offset a previous page gave.
    ``names`` (see lookup_names) adds ``Lookup.Name_Field`` for each lookup, whose name COQL
    does not give otherwise. Raises ValueError for names that are not API names or a page beyond
    COQL's reach."""
    columns = ["id"] + [name for name in fields if name != "id"]
    names = names or {}
    for name in [module, sort.sort_by] + columns + list(names) + list(names.values()):
        if not is_word(name):
            raise ValueError("API names have letters, digits and underscores only")
    columns += [column + "." + names[column] for column in columns if column in names]
    if len(columns) > COQL_MAX_COLUMNS:
        raise ValueError("a query selects at most {} columns".format(COQL_MAX_COLUMNS))
    offset = _offset_of(page_token)
    if type(per_page) is not int or not 1 <= per_page <= COQL_MAX_COUNT:
        raise ValueError("a page has 1 to {} rows".format(COQL_MAX_COUNT))
    count = min(per_page, COQL_REACH - offset)
    if count < 1:
        raise ValueError("Zoho's queries reach only the first {} records".format(COQL_REACH))
    return "select {} from {} where {} order by {} {} limit {}, {}".format(
        ", ".join(columns), module, where, sort.sort_by, sort.sort_order, offset, count)


def _named(row, names):
    """The row with each lookup's name (from its ``Lookup.Name_Field`` column) put into the lookup,
    as the records list gives it: {"name", "id"}."""
    row = dict(row)
    for column, name_field in names.items():
        name = row.pop(column + "." + name_field, None)
        lookup = row.get(column)
        if isinstance(lookup, dict) and isinstance(name, str):
            row[column] = {"name": name, "id": lookup.get("id")}
    return row


def read_sorted_page(response: "ApiResponse", page_token: "str | None" = None,
                     names: "dict[str, str] | None" = None) -> "RecordsPage":
    """The records of Zoho's answer to a sorted_records_query (asked with the same ``names``), as a
    RecordsPage whose ``next_page_token`` is the next page's offset (None at the end, or where
    COQL's reach ends)."""
    rows = items_of(response, "data") if response.data is not None else []
    if names:
        rows = [_named(row, names) for row in rows]
    info = response.data.get("info") if isinstance(response.data, dict) else None
    more = isinstance(info, dict) and info.get("more_records") is True and bool(rows)
    following = _offset_of(page_token) + len(rows)
    next_token = str(following) if more and following < COQL_REACH else None
    return RecordsPage(rows, more, next_token, None, None, len(rows))


def page_call(module: str, fields: "list[str]", sort: "Sort | None", how: "str | None", per_page: int,
              page_token: "str | None" = None, names: "dict[str, str] | None" = None, where: "str | None" = None
              ) -> "tuple[str, str, list | None, dict | None]":
    """(method, path, query, json body) for a page of ``module``'s records in the order ``sort``
    sorted ``how`` (a SortPlan's how; None when unsorted): the records list, or COQL (with the
    lookups' ``names``, see lookup_names). A ``where`` condition (a filter only COQL can say) goes
    through COQL, in the order ``sort`` or else by id."""
    if where is not None:
        query = sorted_records_query(module, fields, sort or Sort("id", ASC), per_page, page_token, names, where)
        return "POST", CRM + "/coql", None, {"select_query": query}
    if sort is not None and how == BY_COQL:
        query = sorted_records_query(module, fields, sort, per_page, page_token, names)
        return "POST", CRM + "/coql", None, {"select_query": query}
    if not is_word(module):
        raise ValueError("a module's API name has letters, digits and underscores only")
    return "GET", CRM + "/" + module, records_query(fields, sort, per_page, page_token), None


def read_page(response: "ApiResponse", how: "str | None", page_token: "str | None" = None,
              names: "dict[str, str] | None" = None) -> "RecordsPage":
    """The RecordsPage of Zoho's answer to a page_call made with the same ``how``, ``page_token``
    and ``names``."""
    if how == BY_COQL:
        return read_sorted_page(response, page_token, names)
    return parse_records_page(response)
