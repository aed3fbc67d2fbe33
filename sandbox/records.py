"""CRM record logic without HTTP: list queries and pagination, and validation of written records."""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .catalog import CURRENT_USER, SYSTEM_FIELDS, USERS, Field, Module, user_ref
from .data import Record, RecordStore, lookup_ref
from .errors import record_error

SORTABLE = ("id", "Created_Time", "Modified_Time")
MAX_PER_PAGE = 200
#: Zoho serves only the first 2000 records through `page`; beyond that clients must use `page_token`.
MAX_DISCRETE_RECORDS = 2000
MAX_RECORDS_PER_WRITE = 100

_MAX_LENGTH = {"text": 255, "phone": 30, "website": 255, "picklist": 255, "email": 100, "textarea": 32000}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")


class RequestError(Exception):
    """A request-level problem, answered as a Zoho JSON error (see errors.API_ERRORS)."""

    def __init__(self, code: str, details: Mapping[str, Any] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.details = dict(details or {})


@dataclass(frozen=True)
class ListQuery:
    fields: tuple[str, ...]
    per_page: int
    page: int
    page_token: str | None
    sort_by: str
    sort_order: str


def parse_fields(module: Module, raw: str | None) -> tuple[str, ...]:
    if not raw:
        raise RequestError("REQUIRED_PARAM_MISSING", {"param_name": "fields"})
    names = tuple(dict.fromkeys(name.strip() for name in raw.split(",")))
    for name in names:
        if name not in module.field_names:
            raise RequestError("INVALID_DATA", {"api_name": name, "param_name": "fields"})
    return names


def _positive_int(params: Mapping[str, str], name: str, default: int, maximum: int | None = None) -> int:
    raw = params.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1 or (maximum is not None and int(raw) > maximum):
        limit = f" up to {maximum}" if maximum else ""
        raise RequestError("INVALID_DATA", {"param_name": name, "expected_data_type": f"integer from 1{limit}"})
    return int(raw)


def parse_list_query(module: Module, params: Mapping[str, str]) -> ListQuery:
    fields = parse_fields(module, params.get("fields"))
    per_page = _positive_int(params, "per_page", MAX_PER_PAGE, MAX_PER_PAGE)
    page = _positive_int(params, "page", 1)
    page_token = params.get("page_token") or None
    if page_token and "page" in params:
        raise RequestError("INVALID_DATA", {"param_name": "page", "reason": "give either page or page_token"})
    if not page_token and (page - 1) * per_page >= MAX_DISCRETE_RECORDS:
        raise RequestError("DISCRETE_PAGINATION_LIMIT_EXCEEDED", {"limit": MAX_DISCRETE_RECORDS})
    sort_by = params.get("sort_by", "id")
    if sort_by not in SORTABLE:
        raise RequestError("INVALID_DATA", {"param_name": "sort_by", "supported_values": list(SORTABLE)})
    sort_order = params.get("sort_order", "desc" if "sort_by" in params else "asc")
    if sort_order not in ("asc", "desc"):
        raise RequestError("INVALID_DATA", {"param_name": "sort_order", "supported_values": ["asc", "desc"]})
    return ListQuery(fields, per_page, page, page_token, sort_by, sort_order)


def _sort_key(record: Record, sort_by: str) -> list[Any]:
    # id breaks ties so that the order is total and a page token can say "after this record".
    rid = int(record["id"])
    return [rid, rid] if sort_by == "id" else [record.get(sort_by) or "", rid]


def _encode_token(module: str, q: ListQuery, after: list[Any] | None, page: int) -> str:
    raw = json.dumps([module, q.sort_by, q.sort_order, after, page], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_token(module: str, q: ListQuery, token: str) -> tuple[list[Any] | None, int]:
    invalid = RequestError("INVALID_DATA", {"param_name": "page_token"})
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        decoded = json.loads(raw)
    except (binascii.Error, ValueError):
        raise invalid from None
    if not isinstance(decoded, list) or len(decoded) != 5 or decoded[:3] != [module, q.sort_by, q.sort_order]:
        raise invalid
    after, page = decoded[3], decoded[4]
    first = int if q.sort_by == "id" else str
    well_formed = after is None or (
        isinstance(after, list) and len(after) == 2 and type(after[0]) is first and type(after[1]) is int
    )
    if not well_formed or type(page) is not int:
        raise invalid
    return after, page


def list_page(module: Module, records: list[Record], q: ListQuery) -> tuple[list[Record], dict[str, Any]] | None:
    """One page of records (only the asked fields and id) with Zoho's `info`, or None when it is empty."""
    descending = q.sort_order == "desc"
    ordered = sorted(records, key=lambda r: _sort_key(r, q.sort_by), reverse=descending)
    if q.page_token:
        after, page = _decode_token(module.api_name, q, q.page_token)

        def beyond(record: Record) -> bool:
            key = _sort_key(record, q.sort_by)
            return after is None or (key < after if descending else key > after)

        start = next((i for i, r in enumerate(ordered) if beyond(r)), len(ordered))
    else:
        page = q.page
        start = (page - 1) * q.per_page
    rows = ordered[start : start + q.per_page]
    if not rows:
        return None
    more = start + len(rows) < len(ordered)
    previous_start = max(0, start - q.per_page)
    previous_after = _sort_key(ordered[previous_start - 1], q.sort_by) if previous_start else None
    info = {
        "per_page": q.per_page,
        "count": len(rows),
        "page": page,
        "sort_by": q.sort_by,
        "sort_order": q.sort_order,
        "more_records": more,
        "next_page_token": _encode_token(module.api_name, q, _sort_key(rows[-1], q.sort_by), page + 1) if more else None,
        "previous_page_token": _encode_token(module.api_name, q, previous_after, page - 1) if start else None,
    }
    return [select_fields(r, q.fields) for r in rows], info


def select_fields(record: Record, fields: tuple[str, ...] | None) -> Record:
    if fields is None:
        return dict(record)
    return {name: record.get(name) for name in fields} | {"id": record["id"]}


def _convert(field: Field, value: Any, store: RecordStore) -> Any:
    """The stored form of a written value, or None if the value does not fit the field's type."""
    kind = field.data_type
    if kind in _MAX_LENGTH:
        fits = isinstance(value, str) and len(value) <= _MAX_LENGTH[kind]
        return value if fits and (kind != "email" or _EMAIL.match(value)) else None
    if kind == "integer":
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if kind == "currency":
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        return value if number and math.isfinite(value) else None
    if kind == "boolean":
        return value if isinstance(value, bool) else None
    if kind == "date":
        try:
            return date.fromisoformat(value).isoformat() if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            return None
    ref_id = value.get("id") if isinstance(value, dict) else None
    if not isinstance(ref_id, str):
        return None
    if kind == "ownerlookup":
        user = next((u for u in USERS if u["id"] == ref_id and u["status"] == "active"), None)
        return user_ref(user) if user else None
    assert field.lookup_module is not None, field
    target = store.get(field.lookup_module, ref_id)
    return lookup_ref(field.lookup_module, target) if target else None


def validate_values(
    module: Module, payload: Any, store: RecordStore, *, creating: bool
) -> tuple[Record, dict[str, Any] | None]:
    """The field values of one written record, or the per-record error Zoho would put in its slot."""
    if not isinstance(payload, dict):
        return {}, record_error("INVALID_DATA", {"expected_data_type": "jsonobject"})
    # Server-maintained fields are ignored when written, as Zoho ignores read-only fields.
    ignored = set(SYSTEM_FIELDS) | ({"Full_Name"} if module.has_full_name else set())
    values: Record = {}
    for name, value in payload.items():
        if name in ignored:
            continue
        field = module.field(name)
        if field is None:
            return {}, record_error("INVALID_DATA", {"api_name": name}, "the field is not available in this module")
        if value is None or value == "":
            if field.mandatory:
                return {}, record_error("MANDATORY_NOT_FOUND", {"api_name": name})
            values[name] = None
            continue
        converted = _convert(field, value, store)
        if converted is None:
            return {}, record_error("INVALID_DATA", {"api_name": name, "expected_data_type": field.data_type})
        values[name] = converted
    if creating:
        for field in module.fields:
            if field.mandatory and values.get(field.api_name) is None:
                return {}, record_error("MANDATORY_NOT_FOUND", {"api_name": field.api_name})
    return values, None


def _stamp(module: Module, record: Record, now: str) -> Record:
    record["Modified_Time"] = now
    record["Modified_By"] = user_ref(CURRENT_USER)
    if module.has_full_name:
        record["Full_Name"] = " ".join(filter(None, (record.get("First_Name"), record.get("Last_Name"))))
    return record


def new_record(module: Module, values: Record, record_id: str, now: str) -> Record:
    blank = {f.api_name: None for f in module.fields} | {"Owner": user_ref(CURRENT_USER)}
    record = blank | values | {"id": record_id, "Created_Time": now, "Created_By": user_ref(CURRENT_USER)}
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
