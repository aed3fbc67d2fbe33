"""Zoho's mass update (POST /{module}/actions/mass_update) and its job status (GET ...?job_id=), as zoho/crm-oas
v8.0 mass_update/mass_update.yaml (massUpdateRecords, getMassUpdateStatus) says.

The body is `{"data": [{field: value}], "ids": [...]}` (at most 500 ids, updated at once) or `{"data": [...],
"cvid": ...}` (a custom view's records, up to 50,000, as a job: here done at once, its status COMPLETED); one field
(three in Deals); never an email, lookup, multi-line, layout or line item field. By ids, every answer is the
spec's envelope `{"data": [...]}`: all records updated -> 200, some -> 207, none -> 400. A problem of the call as a
whole (no `data` or `ids`, too many ids or fields) is one entry; a problem of the value is said for each record,
naming it by `id` (the spec's InvalidFieldValue example), and an unknown id has its own entry (NoRecordsFound).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from starlette.responses import JSONResponse

from .catalog import Field, Module
from .data import Record, RecordStore
from .errors import api_error, multi_status, record_error, record_success
from .records import changed_record, validate_values, write_details
from .views import custom_views, in_view

MAX_IDS = 500
MAX_VIEW_RECORDS = 50_000
#: Fields one call may set: three in Deals, one elsewhere.
MAX_FIELDS = {"Deals": 3}
#: Types whose fields are never mass updated: the spec's email, lookup (the owner too: the v8 fields example marks
#: it `mass_update: false`), multi-line and line items (here subforms), and the sandbox's files and multi-select
#: lookups; computed fields (autonumber, formula) are read-only anyway.
NOT_MASS_UPDATED = frozenset({"email", "lookup", "ownerlookup", "textarea", "subform", "multiselectlookup",
                              "fileupload", "imageupload", "autonumber", "formula"})
#: The layout field the spec names (by name: the sandbox has no field of its own for it).
LAYOUT = "Layout"
_RECORD_ID = re.compile(r"[0-9]+\Z")
_INTEGER_RANGE = {"from": -(2**31), "to": 2**31 - 1}

Now = Callable[[], str]
Jobs = dict[tuple[str, str], dict[str, Any]]


def mass_updatable(field: Field) -> bool:
    """Whether Zoho's mass update can set `field` (also its `mass_update` in settings/fields)."""
    return not field.read_only and field.data_type not in NOT_MASS_UPDATED and field.api_name != LAYOUT


def _refused(code: str, details: dict[str, Any], message: str | None = None) -> JSONResponse:
    """The call refused as a whole: one entry, HTTP 400."""
    return JSONResponse({"data": [record_error(code, details, message)]}, status_code=400)


def _call_problem(module: Module, body: dict[str, Any]) -> JSONResponse | None:
    """What keeps the call from being read at all, checked in the order the body is written: data, then ids or
    cvid."""
    data, ids, cvid = body.get("data"), body.get("ids"), body.get("cvid")
    if data is None or (ids in (None, []) and cvid is None):
        return _refused("MANDATORY_NOT_FOUND", {})
    if not isinstance(data, list) or len(data) != 1 or not isinstance(data[0], dict) or not data[0]:
        limit = {"limit": 1} if isinstance(data, list) and len(data) > 1 else {}
        return _refused("INVALID_DATA", {"api_name": "data", "json_path": "$.data"} | limit,
                        "give data as a list of one object: the fields to set")
    allowed = MAX_FIELDS.get(module.api_name, 1)
    if len(data[0]) > allowed:
        return _refused("INVALID_DATA", {"api_name": "data", "json_path": "$.data[0]", "limit": allowed},
                        f"at most {allowed} field{'s' if allowed > 1 else ''} can be mass updated in one call")
    if ids is not None and cvid is not None:
        return _refused("INVALID_DATA", {"api_name": "cvid", "json_path": "$.cvid"}, "give either ids or cvid")
    if ids is None:
        return None
    if "territory" in body:
        return _refused("INVALID_DATA", {"api_name": "territory", "json_path": "$.territory"},
                        "a territory goes with a cvid, never with ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) and _RECORD_ID.match(i) for i in ids):
        return _refused("INVALID_DATA", {"api_name": "ids", "json_path": "$.ids"},
                        "give ids as a list of record ids (text of digits)")
    if len(ids) > MAX_IDS:
        return _refused("INVALID_DATA", {"api_name": "ids", "json_path": "$.ids", "limit": MAX_IDS},
                        f"at most {MAX_IDS} records can be mass updated in one call")
    return None


def _value_problem(module: Module, values: dict[str, Any], store: RecordStore) -> tuple[Record, dict[str, Any]]:
    """The values to set, or the error each record gets for them (without its id yet). Details keep to the spec's
    keys (api_name as its examples; maximum_length, range): MANDATORY_NOT_FOUND's are empty, as its schema says."""
    for name, value in values.items():
        field = module.field(name)
        if field is None:
            return {}, record_error("INVALID_DATA", {"api_name": name}, "the field api name given seems to be invalid")
        if not mass_updatable(field):
            return {}, record_error("INVALID_DATA", {"api_name": name}, "this field cannot be mass updated")
    checked, error = validate_values(module, values, store, creating=False)
    if error is None:
        return checked, {}
    if error["code"] == "MANDATORY_NOT_FOUND":
        return {}, record_error("MANDATORY_NOT_FOUND", {})
    name = error["details"]["api_name"]
    details: dict[str, Any] = {"api_name": name}
    if "maximum_length" in error["details"]:
        details["maximum_length"] = error["details"]["maximum_length"]
    data_type = module.field(name).data_type  # every field named was found above
    if data_type == "integer" and type(values[name]) is int:
        details["range"] = dict(_INTEGER_RANGE)
    message = "the value is longer than the field takes" if "maximum_length" in details else (
        f"the value does not fit the field's type ({data_type})")
    return {}, record_error("INVALID_DATA", details, message)


def _changed(module: Module, store: RecordStore, existing: Record, values: Record, now: Now) -> Record:
    record = changed_record(module, existing, values, now())
    store.put(module.api_name, record)
    return record


def _by_view(module: Module, body: dict[str, Any], store: RecordStore, now: Now, jobs: Jobs) -> JSONResponse:
    """The scheduler type: the view's records updated (at once, here) and a job_id to ask about them."""
    cvid = body["cvid"]
    if not isinstance(cvid, str) or cvid not in {v["id"] for v in custom_views(module)["custom_views"]}:
        return api_error("INVALID_DATA", {"api_name": "cvid", "json_path": "$.cvid"},
                         message="the cvid given seems to be invalid")
    if "territory" in body:
        return _refused("INVALID_DATA", {"api_name": "territory", "json_path": "$.territory"},
                        "the sandbox has no territories")
    values, problem = _value_problem(module, body["data"][0], store)
    if problem:
        return JSONResponse({"data": [problem]}, status_code=400)
    records = in_view(module, store.all(module.api_name), cvid)
    if len(records) > MAX_VIEW_RECORDS:
        return _refused("INVALID_DATA", {"api_name": "cvid", "json_path": "$.cvid", "limit": MAX_VIEW_RECORDS},
                        f"a view's mass update takes at most {MAX_VIEW_RECORDS} records")
    for existing in records:
        _changed(module, store, existing, values, now)
    job_id = store.new_id()
    jobs[module.api_name, job_id] = {"Status": "COMPLETED", "Failed_Count": 0, "Updated_Count": len(records),
                                     "Not_Updated_Count": 0, "Total_Count": len(records)}
    return JSONResponse({"data": [record_success("mass update scheduled", {"job_id": job_id})]})


def mass_update(module: Module, body: dict[str, Any], store: RecordStore, now: Now, jobs: Jobs) -> JSONResponse:
    """The answer to a mass update (records changed in `store` where it succeeds; a job kept in `jobs`)."""
    refused = _call_problem(module, body)
    if refused is not None:
        return refused
    if body.get("ids") is None:
        return _by_view(module, body, store, now, jobs)
    values, problem = _value_problem(module, body["data"][0], store)
    results = []
    for record_id in dict.fromkeys(body["ids"]):
        existing = store.get(module.api_name, record_id)
        if existing is None:
            results.append(record_error("INVALID_DATA", {"id": record_id}, "the id given seems to be invalid"))
        elif problem:
            named = {} if problem["code"] == "MANDATORY_NOT_FOUND" else {"id": record_id}
            results.append(problem | {"details": problem["details"] | named})
        else:
            results.append(record_success("record updated", write_details(_changed(module, store, existing, values,
                                                                                   now))))
    return multi_status(results, 200)


def job_status(module: Module, job_id: str | None, jobs: Jobs) -> JSONResponse:
    """GET /{module}/actions/mass_update?job_id=: the job's counts (the spec's InvalidJobId example names the
    parameter; a missing one is MANDATORY_NOT_FOUND with no details, as its schema)."""
    if not job_id:
        return api_error("MANDATORY_NOT_FOUND", {})
    job = jobs.get((module.api_name, job_id))
    if job is None:
        return api_error("INVALID_DATA", {"param_name": "job_id"}, message="The jobid given seems to be invalid")
    return JSONResponse({"data": [dict(job)]})
