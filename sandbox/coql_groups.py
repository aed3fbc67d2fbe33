"""COQL aggregates and GROUP BY: `select Stage, sum(Amount) as total from Deals where ... group by Stage`.

The checks follow the errors of zoho/crm-oas v8.0/coql/operations/executeCOQLQuery (examples DuplicateData,
DuplicateDataAggregate, DuplicateAlias, InvalidAlias, InvalidQueryInvalidAlias, InvalidDataUnsupportedFunction).
Columns and plans are coql.py's (not imported here, to keep the import one way).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .records import RequestError, sort_key

AGGREGATES = ("COUNT", "SUM", "MAX", "MIN", "AVG")
_NUMBERS = frozenset({"integer", "double", "currency", "percent"})
_ORDERED = _NUMBERS | {"date", "datetime"}
#: Types a group can be formed by (no lists: multi-selects, subforms, files, multi-select lookups).
_UNGROUPABLE = frozenset({"multiselectpicklist", "textarea", "subform", "fileupload", "imageupload",
                          "multiselectlookup"})


def check_columns(columns: tuple[Any, ...]) -> None:
    """Select columns each once, aliases non-empty, distinct and not another column's name."""
    seen: set[tuple[str | None, str]] = set()
    for column in columns:
        ident = (column.function, column.name)
        if ident in seen:
            details = {"column_name": column.name} | ({"aggregate": column.function} if column.function else {})
            raise RequestError("DUPLICATE_DATA", details,
                               "duplicate aggregate function" if column.function else "a column is selected twice")
        seen.add(ident)
    plain = {c.name for c in columns if c.alias is None and c.function is None}
    aliased: dict[str, list[str]] = {}
    for column in columns:
        if column.alias is None:
            continue
        if not column.alias:
            raise RequestError("INVALID_ALIAS", {"column_name": column.name, "alias": ""},
                               "an alias cannot be empty")
        if column.alias in plain:
            raise RequestError("INVALID_QUERY", {"column_name": column.name, "alias": column.alias},
                               "an alias cannot be the name of another selected column")
        aliased.setdefault(column.alias, []).append(column.written or column.name)
    for alias, referred in aliased.items():
        if len(referred) > 1:
            raise RequestError("DUPLICATE_ALIAS", {"alias": alias, "referred_columns": referred},
                               "one alias cannot name two columns")


def _aggregate(function: str, values: list[Any]) -> Any:
    present = [v for v in values if v is not None]
    if function == "COUNT":
        return len(present)
    if not present:
        return None
    if function == "SUM":
        return round(sum(present), 2)
    if function == "AVG":
        return round(sum(present) / len(present), 2)
    return max(present) if function == "MAX" else min(present)


class Grouping:
    """The aggregate form of a query: one row per group (or one row for all, without GROUP BY)."""

    def __init__(self, plan: Any, query: Any) -> None:
        self.plan, self.query = plan, query
        grouped = {c.name for c in query.group_by}
        for column in query.group_by:
            if plan.resolve(column, "group by").data_type in _UNGROUPABLE:
                raise RequestError("INVALID_QUERY", {"column_name": column.name, "clause": "group by"},
                                   "this column cannot be grouped by")
        for column in query.columns:
            field = plan.resolve(column, "select")
            if column.function is None and column.name not in grouped:
                raise RequestError("INVALID_QUERY", {"column_name": column.name, "clause": "group by"},
                                   "a column beside aggregates must be grouped by")
            fits = (column.function in ("COUNT", None) or (column.function in ("SUM", "AVG")
                    and field.value_type in _NUMBERS) or (column.function in ("MAX", "MIN")
                                                            and field.value_type in _ORDERED))
            if not fits:
                raise RequestError("INVALID_QUERY", {"column_name": column.name, "clause": "select"},
                                   f"{column.function} does not apply to this column")
        self.order = [(self._key_of(column), descending) for column, descending in query.order_by]

    def _key_of(self, column: Any) -> str:
        """The row key an ORDER BY column names: an aggregate, an alias or a grouped column that is selected."""
        for selected in self.query.columns:
            same = (selected.function, selected.name) == (column.function, column.name)
            if (same and (column.function or selected.alias is None)) or (
                    column.function is None and selected.alias == column.name):
                return selected.key
        raise RequestError("INVALID_QUERY", {"column_name": column.name, "clause": "order by"},
                           "order by names a column that is not selected")

    def execute(self, matching: list[dict[str, Any]], fetch: Callable[..., Any]) -> dict[str, Any] | None:
        plan, query = self.plan, self.query
        groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        for record in matching:
            key = tuple(sort_key({"id": "0", "v": plan.value(record, c, fetch)}, "v")[:2] for c in query.group_by)
            groups.setdefault(key, []).append(record)
        if not query.group_by:
            groups = {(): matching}
        ordered = sorted(groups.items(), key=lambda item: item[0])
        rows = []
        for _, members in ordered:
            if not members and query.group_by:
                continue
            rows.append({c.key: _aggregate(c.function, [plan.value(r, c, fetch) for r in members]) if c.function
                         else plan.cell(members[0], c, fetch) for c in query.columns})
        for key, descending in reversed(self.order):
            rows.sort(key=lambda row: sort_key({"id": "0", "v": row[key]}, "v")[:2], reverse=descending)
        offset, limit = query.offset, query.limit
        page = rows[offset:offset + limit]
        if not page:
            return None
        return {"data": page, "info": {"count": len(page), "more_records": offset + len(page) < len(rows)}}
