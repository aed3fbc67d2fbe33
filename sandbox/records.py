"""CRM record logic without HTTP: list queries, sorting and page tokens, and validation of written records."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Protocol

from .catalog import CURRENT_USER, NONE_CHOICE, USERS, Field, Module, user_ref
from .data import Record, RecordStore, file_entry, lookup_ref, weighted_amount, zoho_time
from .errors import record_error

MAX_PER_PAGE = 200
#: Zoho serves only the first 2000 records through `page`; beyond that clients must use `page_token`.
MAX_DISCRETE_RECORDS = 2000
#: ... and page tokens reach only the first 100,000.
MAX_PAGE_TOKEN_RECORDS = 100_000
MAX_FIELDS = 50
MAX_RECORDS_PER_WRITE = 100
#: The only fields a records list sorts by (v8 record.yaml, getRecords `sort_by` enum); search sorts by any field.
LIST_SORT_FIELDS = ("id", "Created_Time", "Modified_Time")
#: Zoho's page tokens expire after a day.
PAGE_TOKEN_LIFETIME = 24 * 3600

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")
_INT_RANGE = (-(2**31), 2**31 - 1)


class RequestError(Exception):
    """A request-level problem, answered as a Zoho JSON error (see errors.API_ERRORS)."""

    def __init__(self, code: str, details: Mapping[str, Any] | None = None, message: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.details = dict(details or {})
        self.message = message


SortKey = tuple[int, Any, int]


@dataclass(frozen=True)
class PageCursor:
    """What a page token stands for: the list it belongs to, where its page starts, and until when it works."""

    binding: tuple[str, ...]  # environment, module, sort_by, sort_order, cvid
    after: SortKey | None  # the sort key of the record just before the page (None: the first page)
    page: int
    expires_at: float


class PageTokens(Protocol):
    def issue_page_token(self, cursor: PageCursor) -> str: ...
    def page_cursor(self, token: str) -> PageCursor | None: ...


@dataclass(frozen=True)
class ListQuery:
    fields: tuple[str, ...]
    per_page: int
    page: int
    page_token: str | None
    sort_by: str
    sort_order: str
    cvid: str | None = None


def parse_fields(module: Module, raw: str | None) -> tuple[str, ...]:
    if not raw:
        raise RequestError("REQUIRED_PARAM_MISSING", {"param_name": "fields"})
    names = tuple(dict.fromkeys(name.strip() for name in raw.split(",")))
    if len(names) > MAX_FIELDS:
        raise RequestError("LIMIT_EXCEEDED", {"limit": MAX_FIELDS, "param_name": "fields"})
    for name in names:
        if name not in module.field_names:
            raise RequestError("INVALID_DATA", {"api_name": name, "param_name": "fields"})
    return names


def positive_int(params: Mapping[str, str], name: str, default: int, maximum: int | None = None) -> int:
    raw = params.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1 or (maximum is not None and int(raw) > maximum):
        limit = f" up to {maximum}" if maximum else ""
        raise RequestError("INVALID_DATA", {"param_name": name, "expected_data_type": f"integer from 1{limit}"})
    return int(raw)


def parse_sort(module: Module, params: Mapping[str, str], unsorted_order: str,
               allowed: tuple[str, ...] | None = None) -> tuple[str, str]:
    """(sort_by, sort_order): one of `allowed`, or any sortable field when None; the order defaults to desc once
    sort_by is given."""
    sort_by = params.get("sort_by", "id")
    supported = list(allowed) if allowed is not None else ["id"] + [f.api_name for f in module.fields if f.sortable]
    if sort_by not in supported:
        raise RequestError("INVALID_DATA", {"param_name": "sort_by", "supported_values": supported})
    sort_order = params.get("sort_order", "desc" if "sort_by" in params else unsorted_order)
    if sort_order not in ("asc", "desc"):
        raise RequestError("INVALID_DATA", {"param_name": "sort_order", "supported_values": ["asc", "desc"]})
    return sort_by, sort_order


def parse_list_query(module: Module, params: Mapping[str, str]) -> ListQuery:
    fields = parse_fields(module, params.get("fields"))
    per_page = positive_int(params, "per_page", MAX_PER_PAGE, MAX_PER_PAGE)
    page = positive_int(params, "page", 1)
    page_token = params.get("page_token") or None
    if page_token and "page" in params:
        raise RequestError("AMBIGUITY_DURING_PROCESSING",
                           {"ambiguity_due_to": [{"param_name": "page"}, {"param_name": "page_token"}]})
    if not page_token and (page - 1) * per_page >= MAX_DISCRETE_RECORDS:
        raise RequestError("DISCRETE_PAGINATION_LIMIT_EXCEEDED", {"limit": MAX_DISCRETE_RECORDS})
    sort_by, sort_order = parse_sort(module, params, "asc", LIST_SORT_FIELDS)
    return ListQuery(fields, per_page, page, page_token, sort_by, sort_order, params.get("cvid") or None)


def sort_key(record: Record, sort_by: str) -> SortKey:
    """Empty values first (in ascending order), text without regard to case, lookups by name; the id breaks ties
    so that the order is total and a page token can say "after this record"."""
    rid = int(record["id"])
    value = rid if sort_by == "id" else record.get(sort_by)
    if isinstance(value, dict):
        value = value.get("name")
    if value is None:
        return (0, "", rid)
    if isinstance(value, str):
        value = value.casefold()
    return (1, value, rid)


Ordering = tuple[list[SortKey], list[Record]]


def order_records(records: list[Record], sort_by: str, sort_order: str) -> Ordering:
    """The sort keys of the records in the asked order, and the records in that order."""
    keyed = sorted(((sort_key(r, sort_by), r) for r in records), key=lambda pair: pair[0],
                   reverse=sort_order == "desc")
    return [key for key, _ in keyed], [record for _, record in keyed]


def sorted_records(records: list[Record], sort_by: str, sort_order: str) -> list[Record]:
    return order_records(records, sort_by, sort_order)[1]


def _start_after(keys: list[SortKey], after: SortKey, descending: bool) -> int:
    """Where the records that come after the key `after` begin."""
    if descending:  # the keys go down: those after `after` are the smaller ones, at the end
        return len(keys) - bisect.bisect_left(keys[::-1], after)
    return bisect.bisect_right(keys, after)


def list_page(environment: str, module: Module, ordering: Ordering, q: ListQuery, tokens: PageTokens,
              now: float) -> tuple[list[Record], dict[str, Any]] | None:
    """One page of the records (only the asked fields and id) with Zoho's `info`, or None when it is empty.

    `ordering` is the module's records in the query's order (order_records()).
    """
    binding = (environment, module.api_name, q.sort_by, q.sort_order, q.cvid or "")
    keys, ordered = ordering
    if q.page_token:
        cursor = tokens.page_cursor(q.page_token)
        if cursor is None or cursor.binding != binding:
            raise RequestError("TOKEN_BOUND_DATA_MISMATCH", {"param_name": "page_token"})
        if now >= cursor.expires_at:
            raise RequestError("EXPIRED_VALUE", {"api_name": "page_token", "json_path": "$.query.page_token"})
        page = cursor.page
        start = 0 if cursor.after is None else _start_after(keys, cursor.after, q.sort_order == "desc")
        if start >= MAX_PAGE_TOKEN_RECORDS:
            raise RequestError("PAGINATION_LIMIT_EXCEEDED", {"param_name": "page_token"})
    else:
        page = q.page
        start = (page - 1) * q.per_page
    rows = ordered[start : start + q.per_page]
    if not rows:
        return None
    more = start + len(rows) < len(ordered)
    expires_at = now + PAGE_TOKEN_LIFETIME
    next_token = previous_token = None
    if more:
        next_token = tokens.issue_page_token(PageCursor(binding, keys[start + len(rows) - 1], page + 1, expires_at))
    if start:
        previous_start = max(0, start - q.per_page)
        previous_after = keys[previous_start - 1] if previous_start else None
        previous_token = tokens.issue_page_token(PageCursor(binding, previous_after, max(1, page - 1), expires_at))
    info = {
        "per_page": q.per_page,
        "count": len(rows),
        "page": page,
        "sort_by": q.sort_by,
        "sort_order": q.sort_order,
        "more_records": more,
        "next_page_token": next_token,
        "previous_page_token": previous_token,
        "page_token_expiry": zoho_time(datetime.fromtimestamp(expires_at, timezone.utc))
        if next_token or previous_token else None,
    }
    return [select_fields(r, q.fields) for r in rows], info


def select_fields(record: Record, fields: tuple[str, ...] | None) -> Record:
    if fields is None:
        return dict(record)
    return {name: record.get(name) for name in fields} | {"id": record["id"]}


# Writes ------------------------------------------------------------------------------------------------------------

_UNFIT = object()  # a written value that does not fit its field (None is a fitting value: "-None-")
Converter = Callable[[Field, Any, RecordStore], Any]


def _text(field: Field, value: Any, store: RecordStore) -> Any:
    return value if isinstance(value, str) else _UNFIT


def _email(field: Field, value: Any, store: RecordStore) -> Any:
    return value if isinstance(value, str) and _EMAIL.match(value) else _UNFIT


def _picklist(field: Field, value: Any, store: RecordStore) -> Any:
    # Zoho keeps values it does not list (as unused ones); its "-None-" choice clears the field.
    return None if value == NONE_CHOICE else _text(field, value, store)


def _multi_picklist(field: Field, value: Any, store: RecordStore) -> Any:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        return _UNFIT
    return value


def _integer(field: Field, value: Any, store: RecordStore) -> Any:
    fits = type(value) is int and _INT_RANGE[0] <= value <= _INT_RANGE[1]
    return value if fits else _UNFIT


def _number(field: Field, value: Any, store: RecordStore) -> Any:
    fits = type(value) in (int, float) and math.isfinite(value)
    return value if fits else _UNFIT


def _boolean(field: Field, value: Any, store: RecordStore) -> Any:
    return value if isinstance(value, bool) else _UNFIT


def _date(field: Field, value: Any, store: RecordStore) -> Any:
    try:
        return date.fromisoformat(value).isoformat() if isinstance(value, str) and len(value) == 10 else _UNFIT
    except ValueError:
        return _UNFIT


def _datetime(field: Field, value: Any, store: RecordStore) -> Any:
    """ISO 8601 with an offset (as Zoho asks: 2024-05-01T09:30:00+05:30); kept in UTC."""
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) and len(value) >= 19 else None
    except ValueError:
        return _UNFIT
    return zoho_time(moment) if moment is not None and moment.tzinfo is not None else _UNFIT


def _reference(value: Any) -> str | None:
    ref_id = value.get("id") if isinstance(value, dict) else None
    return ref_id if isinstance(ref_id, str) else None


def _lookup(field: Field, value: Any, store: RecordStore) -> Any:
    ref_id = _reference(value)
    assert field.lookup_module is not None, field
    target = store.get(field.lookup_module, ref_id) if ref_id is not None else None
    return lookup_ref(field.lookup_module, target) if target else _UNFIT


def _owner(field: Field, value: Any, store: RecordStore) -> Any:
    ref_id = _reference(value)
    user = next((u for u in USERS if u["id"] == ref_id and u["status"] == "active"), None)
    return user_ref(user) if user else _UNFIT


def _files(field: Field, value: Any, store: RecordStore) -> Any:
    """File and image fields take ids of files uploaded to Zoho's file store first: [{"file_id": ...}]."""
    if not isinstance(value, list) or not all(isinstance(v, dict) and isinstance(v.get("file_id"), str)
                                              and v["file_id"] for v in value):
        return _UNFIT
    return [file_entry(v["file_id"], v["file_id"], 0, store.new_id()) for v in value]


def _multi_lookup(field: Field, value: Any, store: RecordStore) -> Any:
    """A multi-select lookup takes linking rows naming the connected record: [{"Contact": {"id": ...}}]."""
    assert field.multi_lookup is not None, field
    connected_field, connected_module = field.multi_lookup
    if not isinstance(value, list):
        return _UNFIT
    rows = []
    for item in value:
        ref_id = _reference(item.get(connected_field)) if isinstance(item, dict) else None
        target = store.get(connected_module, ref_id) if ref_id is not None else None
        if target is None:
            return _UNFIT
        rows.append({connected_field: lookup_ref(connected_module, target), "id": store.new_id()})
    return rows


def _subform(field: Field, value: Any, store: RecordStore) -> Any:
    """A subform takes its rows whole (rows left out are removed, as Zoho does); each row's fields are checked."""
    if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
        return _UNFIT
    rows = []
    for row in value:
        checked: Record = {}
        for name, cell in row.items():
            sub = next((f for f in field.subform_fields if f.api_name == name), None)
            if name == "id" or sub is None or sub.read_only:
                continue
            converted = None if cell is None or cell == "" else CONVERTERS[sub.data_type](sub, cell, store)
            if converted is _UNFIT or _too_long(sub, cell):
                return _UNFIT
            checked[name] = converted
        row_id = row.get("id") if isinstance(row.get("id"), str) else store.new_id()
        rows.append({f.api_name: None for f in field.subform_fields} | checked | {"id": row_id})
    return rows


#: data_type -> how a written value is checked and stored (catalog.DATA_TYPES lists the same types; autonumber and
#: formula fields are read-only, never converted).
CONVERTERS: dict[str, Converter] = {
    "text": _text, "textarea": _text, "phone": _text, "website": _text, "email": _email,
    "picklist": _picklist, "multiselectpicklist": _multi_picklist,
    "integer": _integer, "double": _number, "currency": _number, "percent": _number, "boolean": _boolean,
    "date": _date, "datetime": _datetime, "lookup": _lookup, "ownerlookup": _owner,
    "fileupload": _files, "imageupload": _files, "multiselectlookup": _multi_lookup, "subform": _subform,
}


def _too_long(field: Field, value: Any) -> bool:
    """A text longer than the field takes (a multi-select counts its choices joined by ';')."""
    if field.data_type == "multiselectpicklist" and isinstance(value, list):
        value = ";".join(v for v in value if isinstance(v, str))
    return field.json_type == "string" and isinstance(value, str) and len(value) > field.max_length


def validate_values(
    module: Module, payload: Any, store: RecordStore, *, creating: bool, index: int = 0
) -> tuple[Record, dict[str, Any] | None]:
    """The field values of the written record at `index` of `data`, or the per-record error Zoho would put in its
    slot: `api_name` and `json_path` ($.data[0].Email) name the field, as Zoho's v8 examples do."""
    def at(name: str) -> dict[str, str]:
        return {"api_name": name, "json_path": f"$.data[{index}].{name}"}

    if not isinstance(payload, dict):
        return {}, record_error("INVALID_DATA", {"expected_data_type": "jsonobject", "api_name": "data",
                                                 "json_path": f"$.data[{index}]"})
    values: Record = {}
    for name, value in payload.items():
        if name == "id":
            continue
        field = module.field(name)
        if field is None:
            return {}, record_error("INVALID_DATA", at(name), "the field api name given seems to be invalid")
        if field.read_only:
            continue  # as Zoho ignores read-only fields (ids, stamps, Full_Name) sent with a record
        if _too_long(field, value):
            return {}, record_error("INVALID_DATA", {"maximum_length": field.max_length} | at(name))
        converted = None if value is None or value == "" else CONVERTERS[field.data_type](field, value, store)
        if converted is _UNFIT:
            return {}, record_error("INVALID_DATA", {"expected_data_type": field.data_type} | at(name))
        if converted is None and field.mandatory:
            return {}, record_error("MANDATORY_NOT_FOUND", at(name))
        values[name] = converted
    if creating:
        for field in module.fields:
            if field.mandatory and values.get(field.api_name) is None:
                return {}, record_error("MANDATORY_NOT_FOUND", at(field.api_name))
    return values, None


#: (module, formula field) -> how the server computes it from the record.
FORMULAS: dict[tuple[str, str], Callable[[Record], Any]] = {("Deals", "Weighted_Amount"): weighted_amount}


def _stamp(module: Module, record: Record, now: str) -> Record:
    record["Modified_Time"] = now
    record["Modified_By"] = user_ref(CURRENT_USER)
    if module.has_full_name:
        record["Full_Name"] = " ".join(filter(None, (record.get("First_Name"), record.get("Last_Name"))))
    for field in module.fields:
        if field.formula_return is not None:
            record[field.api_name] = FORMULAS[module.api_name, field.api_name](record)
    return record


def _next_number(field: Field, existing: list[Record]) -> str:
    """An autonumber field's next value: one more than the highest given so far (or its first number)."""
    assert field.auto_number is not None
    prefix, first = field.auto_number
    given = [int(v[len(prefix):]) for r in existing if isinstance(v := r.get(field.api_name), str)
             and v.startswith(prefix) and v[len(prefix):].isdigit()]
    return f"{prefix}{max(given, default=first - 1) + 1}"


def new_record(module: Module, values: Record, record_id: str, now: str, existing: list[Record] = ()) -> Record:
    """A created record; `existing` are the module's records (for autonumbers)."""
    blank = {f.api_name: None for f in module.fields} | {"Owner": user_ref(CURRENT_USER)}
    numbers = {f.api_name: _next_number(f, list(existing)) for f in module.fields if f.auto_number}
    record = blank | values | numbers | {"id": record_id, "Created_Time": now, "Created_By": user_ref(CURRENT_USER)}
    return _stamp(module, record, now)


def changed_record(module: Module, existing: Record, values: Record, now: str) -> Record:
    return _stamp(module, existing | values, now)


def write_details(record: Record) -> dict[str, Any]:
    """`details` of a successful create or update."""
    def who(ref: dict[str, str]) -> dict[str, str]:
        return {"name": ref["name"], "id": ref["id"]}

    return {
        "Modified_Time": record["Modified_Time"],
        "Modified_By": who(record["Modified_By"]),
        "Created_Time": record["Created_Time"],
        "id": record["id"],
        "Created_By": who(record["Created_By"]),
    }
