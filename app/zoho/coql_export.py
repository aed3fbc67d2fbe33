"""Which way a module's records are exported: COQL pages of 2,000 asked side by side
(zoho.calls.coql_side_by_side), or the records list's pages of 200, one after the other (each page's
token comes with the page before, so they cannot be asked side by side).

COQL is used when the sign-in may run queries (ZohoCRM.coql.READ) and the query gives what the
records list would: the same columns with the same values (a lookup named through
``Lookup.Name_Field``, see zoho.sorting.lookup_names; a user field, or a field COQL answers in
another shape, keeps the export on the records list), the same order (the table's sort, then
``id`` in the order the records list breaks ties with, so that pages neither overlap nor skip), for
the records of the whole module or of the filter bar's COQL condition (a search, or a custom view,
is exported from its own pages).
The unsorted records list is in ascending ``id`` order (as the sandbox has it).
"""

from .calls import Rows
from .compat import Value, is_word
from .coql import MAX_COLUMNS, MAX_COUNT
from .credits import COQL_CONCURRENCY
from .scopes import scope_covers
from .sorting import ASC, BY_COQL, COQL_MAX_FORMULAS, COQL_SCOPE, lookup_names, named_row

#: Field types whose value a COQL answer gives as the records list does.
SAME_IN_QUERIES = ("text", "textarea", "email", "phone", "website", "picklist", "multiselectpicklist", "integer",
                   "bigint", "double", "currency", "percent", "decimal", "boolean", "date", "datetime",
                   "autonumber", "formula")
SIDE_BY_SIDE = "Exporting through Zoho's queries: pages of {:,} rows, up to {} at once.".format(
    MAX_COUNT, COQL_CONCURRENCY)
ONE_BY_ONE = "Exporting page by page, one after the other: {}."


class ExportWay(Value):
    """How an export goes: ``query`` (COQL, ordered, without LIMIT), ``count_query`` (how many
    rows it has) and the lookups' ``names`` for zoho.sorting's reading of its rows, or query None
    for the records list's pages; ``said``, the sentence shown while it runs."""

    FIELDS = ("query", "count_query", "names", "said")

    def __init__(self, query, count_query, names, said):
        self.query = query
        self.count_query = count_query
        self.names = names
        self.said = said


def _one_by_one(why):
    return ExportWay(None, None, {}, ONE_BY_ONE.format(why))


def _order(sort, how):
    """The ORDER BY of the rows as the records list (or the table's COQL sort) gives them."""
    if sort is None:
        return "id asc"
    if sort.sort_by == "id":
        return "id " + sort.sort_order
    # The records list breaks ties by id in the sort's own order; a COQL sort keeps id ascending.
    return "{} {}, id {}".format(sort.sort_by, sort.sort_order, ASC if how == BY_COQL else sort.sort_order)


def export_way(module: str, columns: "list[str]", sort: "Sort | None", how: "str | None",
               fields: "list[FieldMeta]", granted_scopes: "list[str]", searching: bool = False,
               cvid: "str | None" = None, where: "str | None" = None) -> "ExportWay":
    """How to export ``module``'s records in ``columns`` (API names), sorted by ``sort`` ``how``
    (zoho.sorting; None: unsorted), whose fields are ``fields`` (FieldMeta), for a sign-in with
    ``granted_scopes``; ``searching`` when the table shows a search's results, ``cvid`` a custom
    view's, ``where`` the records of a COQL condition (the filter bar's)."""
    if searching:
        return _one_by_one("a search's results come from its own pages")
    if cvid is not None:
        return _one_by_one("a custom view's records come from its own list")
    if not scope_covers(granted_scopes, COQL_SCOPE):
        return _one_by_one("pages side by side need Zoho's query permission ({})".format(COQL_SCOPE))
    by_name = {field.api_name: field for field in fields}
    names = lookup_names(columns, fields)
    for column in columns:
        field = by_name.get(column)
        if column == "id":
            continue
        if field is None:
            return _one_by_one("Zoho's field list does not describe {}".format(column))
        if field.data_type == "lookup" and column not in names:
            return _one_by_one("a query would give {}'s records by id, not by name".format(field.label))
        if field.data_type not in SAME_IN_QUERIES + ("lookup",):
            return _one_by_one("a query gives {} ({}) otherwise than the records list".format(
                field.label, field.data_type))
    if len([c for c in columns if c != "id" and by_name[c].data_type == "formula"]) > COQL_MAX_FORMULAS:
        return _one_by_one("a query selects at most {} formula fields".format(COQL_MAX_FORMULAS))
    selected = ["id"] + [name for name in columns if name != "id"]
    selected += [column + "." + names[column] for column in selected if column in names]
    if len(selected) > MAX_COLUMNS:
        return _one_by_one("a query selects at most {} columns".format(MAX_COLUMNS))
    for name in [module] + selected:
        if not all(is_word(part) for part in name.split(".")):
            return _one_by_one("{} is not an API name a query can use".format(name))
    if sort is not None and not is_word(sort.sort_by):
        return _one_by_one("{} is not an API name a query can use".format(sort.sort_by))
    condition = "id is not null" if where is None else where
    query = "select {} from {} where {} order by {}".format(", ".join(selected), module, condition, _order(sort, how))
    return ExportWay(query, "select COUNT(id) from {} where {}".format(module, condition), names, SIDE_BY_SIDE)


def named_rows(pages, names):
    """The ``pages`` flow (zoho.calls.coql_side_by_side of an ExportWay's query) with each row's
    lookups named as the records list names them (``names``: the ExportWay's)."""
    reply = None
    while True:
        try:
            step = pages.send(reply)
        except StopIteration as done:
            return done.value
        if isinstance(step, Rows) and names:
            step = Rows([named_row(row, names) for row in step.rows], step.more)
        reply = yield step
