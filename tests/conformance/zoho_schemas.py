"""JSON Schemas of Zoho CRM v8 answers, written for this project from the facts of Zoho's OpenAPI specs.

Source: the public repository zoho/crm-oas, folder v8.0 (each schema's "$comment" names the file it comes from:
the resource's operations/<operationId>/operation.md and its examples/response-<status>-<case>.md). Where the spec
contradicts itself or Zoho's pages, the schema follows the choice named in CHOICES (and sandbox/README.md).
"""

from __future__ import annotations

from typing import Any

SPEC = "zoho/crm-oas v8.0/"

Schema = dict[str, Any]

#: Where the spec and Zoho's own pages disagree or the spec is silent: what these schemas follow, and why.
CHOICES = {
    "per_page": "records list data maxItems: the spec's schema says 100, its per_page parameter allows 200 and Zoho's "
                "pages say 200 per page: 200.",
    "coql_rows": "COQL data maxItems: the spec's schema says 200, Zoho's COQL page allows LIMIT up to 2,000: 2000.",
    "auth_401": "401: the spec lists only OAUTH_SCOPE_MISMATCH; Zoho's pages also answer INVALID_TOKEN (unknown, "
                "expired or revoked token) and AUTHENTICATION_FAILURE (no Zoho-oauthtoken header): all three.",
    "rate_429": "429: most operations omit it; the search spec's example says RATE_LIMIT_EXCEEDED, Zoho's API-limits "
                "page TOO_MANY_REQUESTS: TOO_MANY_REQUESTS (the pages describe the real limit).",
    "coql_fields": "COQL include_meta fields: the spec's own example lacks businesscard_supported, profiles and "
                   "mass_update, which its FieldSchema requires: COQL's field objects are held to the FieldSchema "
                   "without those three (settings/fields keeps them all).",
    "mass_update_details": "mass update 400, per record: the spec's INVALID_DATA details allow only id, limit, "
                           "maximum_length, maximum_decimal_place and range (no other key), while its own examples "
                           "carry api_name with id (InvalidFieldValue) and api_name with json_path (NonSubordinateUser): "
                           "those keys and the examples' both.",
    "mass_update_silent": "mass update: the spec names no code for ids or data missing, more than 500 ids, more fields "
                          "than allowed, or a field that cannot be mass updated: MANDATORY_NOT_FOUND {} (its "
                          "MandatoryFieldMissing example) for a missing key; INVALID_DATA with the key's api_name, "
                          "json_path and the limit for the rest, per record (with its id) for a field.",
    "job_id": "mass update status, unknown job_id: the spec's schema gives INVALID_DATA details no keys, its "
              "InvalidJobId example {param_name: job_id}: the example.",
    "unknown_id": "GET/PUT by an unknown id: the spec shows the flat INVALID_DATA {resource_path_index} for DELETE "
                  "and lists it for PUT; GET answers the same.",
}


def _obj(required: dict[str, Schema], optional: dict[str, Schema] | None = None, extra: bool = True) -> Schema:
    return {"type": "object", "required": list(required), "properties": required | (optional or {}),
            "additionalProperties": extra}


STRING: Schema = {"type": "string"}
NULLABLE_STRING: Schema = {"type": ["string", "null"]}
INTEGER: Schema = {"type": "integer"}
BOOLEAN: Schema = {"type": "boolean"}
ID: Schema = {"type": "string", "pattern": "^[0-9]+$"}
DATE_TIME: Schema = {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$"}
USER_REF: Schema = _obj({"name": STRING, "id": ID}, {"email": STRING})


def error(code: str | list[str], details: Schema | None = None, source: str = "") -> Schema:
    """A flat error answer: {code, details, message, status: "error"}."""
    codes = [code] if isinstance(code, str) else code
    return {"$comment": SPEC + source, **_obj({
        "code": {"enum": codes}, "details": details or {"type": "object"}, "message": STRING,
        "status": {"const": "error"}}, extra=False)}


def one_of(*schemas: Schema) -> Schema:
    return {"oneOf": list(schemas)}


def any_of(*schemas: Schema) -> Schema:
    return {"anyOf": list(schemas)}


def details(required: dict[str, Schema], optional: dict[str, Schema] | None = None, extra: bool = False) -> Schema:
    return _obj(required, optional, extra)


EMPTY_DETAILS: Schema = {"type": "object", "maxProperties": 0}

# Shared answers -------------------------------------------------------------------------------------------------------

UNAUTHORIZED = error(["OAUTH_SCOPE_MISMATCH", "INVALID_TOKEN", "AUTHENTICATION_FAILURE"], EMPTY_DETAILS,
                     "record/operations/getRecords/operation.md (401; see CHOICES['auth_401'])")
INVALID_URL = error("INVALID_URL_PATTERN", EMPTY_DETAILS, "record/operations/getRecords/operation.md (404)")
TOO_MANY_REQUESTS = error("TOO_MANY_REQUESTS", EMPTY_DETAILS, "see CHOICES['rate_429']")
INVALID_MODULE = error("INVALID_MODULE", details({"resource_path_index": INTEGER}),
                       "record/operations/getRecords/operation.md (InvalidModuleGETError)")
INVALID_REQUEST_METHOD = error("INVALID_REQUEST_METHOD", EMPTY_DETAILS,
                               "record/operations/deleteRecords/operation.md (RecordDeleteInvalidRequestMethodError)")
INVALID_RECORD_ID = error("INVALID_DATA", details({"resource_path_index": INTEGER}),
                          "record/operations/deleteRecord/examples/response-400-invalidrecordid.md")

# Records --------------------------------------------------------------------------------------------------------------

RECORD: Schema = _obj({"id": ID}, {"Owner": USER_REF, "Created_By": USER_REF, "Modified_By": USER_REF,
                                   "Created_Time": DATE_TIME, "Modified_Time": DATE_TIME})

RECORDS_LIST: Schema = {
    "$comment": SPEC + "record/operations/getRecords/operation.md (200 RecordGETSuccessResponse; maxItems: "
                       "CHOICES['per_page'])",
    **_obj({
        "data": {"type": "array", "minItems": 1, "maxItems": 200, "items": RECORD},
        "info": _obj({"page": INTEGER, "per_page": {"type": "integer", "minimum": 1, "maximum": 200},
                      "count": INTEGER, "more_records": BOOLEAN, "sort_by": STRING,
                      "sort_order": {"enum": ["asc", "desc"]}, "next_page_token": NULLABLE_STRING,
                      "previous_page_token": NULLABLE_STRING,
                      "page_token_expiry": {"anyOf": [DATE_TIME, {"type": "null"}]}},
                     {"call": BOOLEAN, "email": BOOLEAN}, extra=False),
    }, extra=False),
}

RECORDS_LIST_ERROR: Schema = {"$comment": SPEC + "record/operations/getRecords/operation.md (400 oneOf)", **any_of(
    error("INVALID_DATA", details({"param_name": STRING}, extra=True), "getRecords InvalidDataGETError"),
    error("INVALID_DATA", details({"param_name": {"const": "sort_by"}, "supported_values": {
        "type": "array", "items": STRING}}), "getRecords InvalidDataSortByError"),
    error("TOKEN_BOUND_DATA_MISMATCH", details({"param_name": STRING}), "getRecords"),
    error("INVALID_MODULE", details({"resource_path_index": INTEGER}), "getRecords"),
    error("REQUIRED_PARAM_MISSING", details({"param_name": STRING}), "getRecords"),
    error("LIMIT_EXCEEDED", details({"limit": INTEGER, "param_name": STRING}), "getRecords"),
    error("EXPIRED_VALUE", details({"api_name": STRING, "json_path": STRING}), "getRecords"),
    error("DISCRETE_PAGINATION_LIMIT_EXCEEDED", details({"limit": INTEGER}), "getRecords"),
    error("AMBIGUITY_DURING_PROCESSING", details({"ambiguity_due_to": {
        "type": "array", "items": details({"param_name": STRING})}}), "getRecords"),
    error("PAGINATION_LIMIT_EXCEEDED", details({"param_name": STRING}), "getRecords"),
    error("INVALID_DATA", details({"param_name": {"const": "cvid"}}),
          "record/operations/getRecords/examples/response-400-invalidcvid.md (its code is INVALID_DATA)"),
)}

RECORD_GET: Schema = {"$comment": SPEC + "record/operations/getRecord/examples/response-200-leads.md",
                      **_obj({"data": {"type": "array", "minItems": 1, "maxItems": 1, "items": RECORD}}, extra=False)}

WRITE_DETAILS: Schema = _obj({"id": ID, "Modified_Time": DATE_TIME, "Created_Time": DATE_TIME,
                              "Created_By": USER_REF, "Modified_By": USER_REF})


def write_success(message: str) -> Schema:
    return _obj({"code": {"const": "SUCCESS"}, "details": WRITE_DETAILS, "message": {"const": message},
                 "status": {"const": "success"}}, extra=False)


FIELD_AT = {"api_name": STRING, "json_path": {"type": "string", "pattern": r"^\$\.data\[\d+\](\.[A-Za-z0-9_]+)?$"}}


def _record_error(code: str, required: dict[str, Schema]) -> Schema:
    return _obj({"code": {"const": code}, "details": details(required), "message": STRING,
                 "status": {"const": "error"}}, extra=False)


#: One failed record of a create or update (record/operations/updateRecord/operation.md: InvalidDataTypeError,
#: InvalidMaxLengthError, InvalidDataValueError; createRecords examples 400-invaliddatatype, -invaliddatalength,
#: -mandatorynotfound; updateRecords example 207-mixedresults).
RECORD_WRITE_ERROR: Schema = one_of(
    _record_error("INVALID_DATA", FIELD_AT | {"expected_data_type": STRING}),
    _record_error("INVALID_DATA", FIELD_AT | {"maximum_length": INTEGER}),
    _record_error("INVALID_DATA", FIELD_AT),
    _record_error("MANDATORY_NOT_FOUND", FIELD_AT),
)


def write_answer(message: str, minimum: int = 1, errors: bool = False, successes: bool = True) -> Schema:
    items = [write_success(message)] * successes + [RECORD_WRITE_ERROR] * errors
    return _obj({"data": {"type": "array", "minItems": minimum, "maxItems": 100,
                          "items": items[0] if len(items) == 1 else one_of(*items)}}, extra=False)


CREATED = {"$comment": SPEC + "record/operations/createRecords/examples/response-201-success.md",
           **write_answer("record added")}
CREATED_MIXED = {"$comment": SPEC + "record/operations/createRecords/examples/response-207-mixedresults.md",
                 **write_answer("record added", 2, errors=True)}
CREATE_FAILED = {"$comment": SPEC + "record/operations/createRecords/examples/response-400-*.md",
                 **write_answer("record added", errors=True, successes=False)}
UPDATED = {"$comment": SPEC + "record/operations/updateRecord/operation.md (200 RecordSuccessResponse)",
           **write_answer("record updated")}
UPDATED_MIXED = {"$comment": SPEC + "record/operations/updateRecords/examples/response-207-mixedresults.md",
                 **write_answer("record updated", 2, errors=True)}

_DELETED_ITEM = _obj({"code": {"const": "SUCCESS"}, "details": details({"id": ID}),
                      "message": {"const": "record deleted"}, "status": {"const": "success"}}, extra=False)
_NOT_DELETED_ITEM = _record_error("INVALID_DATA", {"id": STRING})
DELETED = {"$comment": SPEC + "record/operations/deleteRecords/operation.md (200 RecordDeleteSuccessResponse)",
           **_obj({"data": {"type": "array", "minItems": 1, "maxItems": 100, "items": _DELETED_ITEM}}, extra=False)}
DELETED_MIXED = {"$comment": SPEC + "record/operations/deleteRecords/operation.md (207 RecordDeleteMultiStatusResponse)",
                 **_obj({"data": {"type": "array", "minItems": 2, "maxItems": 100,
                                  "items": one_of(_DELETED_ITEM, _NOT_DELETED_ITEM)}}, extra=False)}
DELETE_ERROR = {"$comment": SPEC + "record/operations/deleteRecords/operation.md (400 RecordDeleteBadRequestResponse)",
                **any_of(error("REQUIRED_PARAM_MISSING", details({"param_name": STRING})),
                         error("LIMIT_EXCEEDED", details({"param_name": STRING, "limit": INTEGER})),
                         INVALID_RECORD_ID)}
WRITE_BODY_ERROR = {"$comment": SPEC + "record/operations/updateRecord/operation.md (request body checks)",
                    **any_of(error("REQUIRED_PARAM_MISSING", details({"param_name": STRING})),
                             error("INVALID_DATA", details({"expected_data_type": STRING}, extra=True)),
                             error("LIMIT_EXCEEDED", details({"api_name": STRING, "limit": INTEGER})))}

# Search ----------------------------------------------------------------------------------------------------------------

SEARCH: Schema = {"$comment": SPEC + "module_search/mds/searchRecords.md (200)", **_obj({
    "data": {"type": "array", "minItems": 1, "maxItems": 200, "items": RECORD},
    "info": _obj({"per_page": INTEGER, "count": INTEGER, "page": INTEGER, "more_records": BOOLEAN},
                 {"sort_by": STRING, "sort_order": {"enum": ["asc", "desc"]}}, extra=False),
}, extra=False)}

SEARCH_ERROR: Schema = {"$comment": SPEC + "module_search/mds/searchRecords.md (400 oneOf)", **any_of(
    error("INVALID_REQUEST", details({}, {"param_name": STRING})),
    error("EXPECTED_PARAM_MISSING", details({"param_names": {
        "type": "array", "maxItems": 4, "items": {"enum": ["criteria", "email", "phone", "word"]}}})),
    error("INVALID_MODULE", details({"resource_path_index": INTEGER})),
    error("INVALID_QUERY", any_of(details({"expected_data_type": STRING, "reason": STRING}),
                                  details({"operator": STRING, "reason": STRING}),
                                  details({}, {"reason": STRING}),
                                  details({}, {"param_name": STRING}))),
    error("LIMIT_REACHED", details({"limit": {"const": "2000"}})),
    error("CRITERIA_LIMIT_EXCEEDED", {"type": "object"}),
    # Parameters shared with the records list (fields, per_page, sort_by).
    error(["INVALID_DATA", "REQUIRED_PARAM_MISSING"], details({"param_name": STRING}, extra=True)),
    error("LIMIT_EXCEEDED", details({"limit": INTEGER, "param_name": STRING})),
)}

# COQL ------------------------------------------------------------------------------------------------------------------

COQL: Schema = {"$comment": SPEC + "coql/operations/executeCOQLQuery/operation.md (200; maxItems: "
                               "CHOICES['coql_rows'])", **_obj({
    "data": {"type": "array", "minItems": 1, "maxItems": 2000, "items": {"type": "object"}},
    "info": _obj({"count": INTEGER, "more_records": BOOLEAN}, extra=False),
}, {"fields": {"type": "object", "additionalProperties": {"$ref": "#/$defs/coql_field"}}}, extra=False)}

COQL_ERROR: Schema = {"$comment": SPEC + "coql/operations/executeCOQLQuery/operation.md (400 oneOf) and its examples",
                      **any_of(
    error("SYNTAX_ERROR", one_of(details({"clause": STRING}),
                                 details({"line": INTEGER, "column": INTEGER, "near": STRING}),
                                 details({"operator": STRING}), details({"near": STRING}), EMPTY_DETAILS)),
    error("LIMIT_EXCEEDED", {"type": "object"}),
    error("INVALID_QUERY", one_of(
        details({"column_name": STRING}), details({"limit": STRING}), details({"offset": STRING}),
        details({"column_name": STRING, "clause": STRING}), details({"module": STRING}),
        details({"reason": STRING, "column_name": STRING, "operator": STRING}),
        details({"cv_criteria": BOOLEAN, "column_name": STRING, "value": STRING, "operator": STRING}),
        details({"column_name": STRING, "alias": STRING}), EMPTY_DETAILS)),
    error("INVALID_ALIAS", details({}, {"alias": {"const": ""}, "column_name": STRING})),
    error("DUPLICATE_ALIAS", details({}, {"alias": STRING, "referred_columns": {
        "type": "array", "minItems": 2, "items": STRING}})),
    error("DUPLICATE_DATA", one_of(details({"column_name": STRING}),
                                   details({"column_name": STRING, "aggregate": STRING}))),
    error("MANDATORY_NOT_FOUND", details({"api_name": STRING})),
    error("INVALID_DATA", one_of(
        details({"expected_data_type": STRING, "api_name": STRING, "json_path": STRING}),
        details({"api_name": STRING, "json_path": STRING, "supported_values": {"type": "array"}}),
        details({"reason": STRING, "column": STRING}), EMPTY_DETAILS)),
    error("INVALID_MODULE", EMPTY_DETAILS),
)}

# Settings, users, org --------------------------------------------------------------------------------------------------

_NULL_OR_OBJECT: Schema = {"type": ["object", "null"]}
_NAMED = _obj({"api_name": STRING, "id": ID})

#: The keys the v8 FieldSchema marks required (fields/operations/getFields/operation.md), with their types.
FIELD: Schema = {"$comment": SPEC + "fields/operations/getFields/operation.md (FieldSchema)", **_obj({
    "webhook": BOOLEAN,
    "operation_type": _obj({k: BOOLEAN for k in ("web_update", "api_create", "web_create", "api_update")}),
    "colour_code_enabled_by_system": BOOLEAN, "field_label": {"type": "string", "maxLength": 100},
    "type": {"type": "string", "maxLength": 25}, "field_read_only": BOOLEAN,
    "display_label": {"type": "string", "maxLength": 50}, "read_only": BOOLEAN,
    "association_details": _NULL_OR_OBJECT, "businesscard_supported": BOOLEAN, "multi_module_lookup": _NULL_OR_OBJECT,
    "id": ID, "filterable": BOOLEAN, "visible": BOOLEAN,
    "profiles": {"type": "array", "maxItems": 50, "items": _obj({"permission_type": STRING, "name": STRING,
                                                                  "id": ID})},
    "view_type": _obj({k: BOOLEAN for k in ("view", "edit", "quick_create", "create")}),
    "separator": BOOLEAN, "searchable": BOOLEAN, "history_tracking_enabled": BOOLEAN, "external": _NULL_OR_OBJECT,
    "api_name": {"type": "string", "maxLength": 50, "pattern": "^[A-Za-z][A-Za-z0-9_]*$"},
    "unique": {"type": "object"}, "enable_colour_code": BOOLEAN,
    "pick_list_values": {"type": ["array", "null"], "maxItems": 100, "items": _obj({
        "display_value": STRING, "sequence_number": INTEGER, "reference_value": STRING, "actual_value": STRING,
        "id": ID, "type": STRING})},
    "system_mandatory": BOOLEAN, "virtual_field": BOOLEAN, "range": _NULL_OR_OBJECT,
    "created_source": STRING, "display_type": INTEGER, "ui_type": INTEGER, "public": BOOLEAN,
    "email_parser": _obj({"fields_update_supported": BOOLEAN, "record_operations_supported": BOOLEAN}),
    "currency": _NULL_OR_OBJECT, "custom_field": BOOLEAN,
    "lookup": {"anyOf": [{"type": "null"}, {"type": "object", "maxProperties": 0},
                         _obj({"module": _obj({"api_name": STRING, "id": ID, "crypt": BOOLEAN})})]},
    "rollup_summary": _NULL_OR_OBJECT, "display_field": BOOLEAN, "pick_list_values_sorted_lexically": BOOLEAN,
    "sortable": BOOLEAN, "data_type": {"type": "string", "maxLength": 25}, "formula": _NULL_OR_OBJECT,
    "mass_update": BOOLEAN, "auto_number": _NULL_OR_OBJECT,
}, {"json_type": STRING, "length": INTEGER, "associated_module": {"anyOf": [{"type": "null"}, _obj(
    {"module": STRING, "id": ID})]}, "multiselectlookup": _NULL_OR_OBJECT,
    "decimal_place": {"type": ["integer", "null"]}, "layout_associations": {"type": "array", "items": _obj(
        {"api_name": STRING, "name": STRING, "id": ID})}})}

FIELDS: Schema = {"$comment": SPEC + "fields/operations/getFields/operation.md (200)",
                  **_obj({"fields": {"type": "array", "maxItems": 100, "items": FIELD}}, extra=False)}
FIELDS_ERROR = error(["INVALID_MODULE", "REQUIRED_PARAM_MISSING"], {"type": "object"},
                     "fields/operations/getFields/operation.md (400 InvalidModuleName)")

MODULE: Schema = {"$comment": SPEC + "modules/operations/getModules/examples/response-200-allmoduleswithvariations.md",
                  **_obj({k: t for k, t in {
                      "id": ID, "api_name": STRING, "module_name": STRING, "singular_label": STRING,
                      "plural_label": STRING, "actual_singular_label": STRING, "actual_plural_label": STRING,
                      "api_supported": BOOLEAN, "creatable": BOOLEAN, "editable": BOOLEAN, "deletable": BOOLEAN,
                      "viewable": BOOLEAN, "quick_create": BOOLEAN, "lookupable": BOOLEAN,
                      "generated_type": STRING, "sequence_number": INTEGER, "visibility": INTEGER,
                      "modified_time": {"anyOf": [DATE_TIME, {"type": "null"}]}, "status": STRING,
                      "show_as_tab": BOOLEAN, "profiles": {"type": "array", "items": _obj({"name": STRING, "id": ID})},
                      "parent_module": {"type": "object"}, "access_type": STRING}.items()})}
MODULES: Schema = {"$comment": MODULE["$comment"], **_obj({"modules": {"type": "array", "items": MODULE}}, extra=False)}

USER: Schema = {"$comment": SPEC + "users/operations/getUsers/operation.md (GetUserDetails) and its 200 example",
                **_obj({"id": ID, "full_name": STRING, "first_name": NULLABLE_STRING, "last_name": NULLABLE_STRING,
                        "email": STRING, "status": {"enum": ["active", "inactive", "deleted", "disabled", "closed",
                                                             "disabled dormant"]},
                        "role": _obj({"name": STRING, "id": ID}), "profile": _obj({"name": STRING, "id": ID}),
                        "confirm": BOOLEAN, "zuid": NULLABLE_STRING, "locale": STRING, "date_format": STRING,
                        "created_time": {"anyOf": [DATE_TIME, {"type": "null"}]},
                        "Modified_Time": {"anyOf": [DATE_TIME, {"type": "null"}]}},
                       {"decimal_separator": {"enum": ["Comma", "Period"]}, "type__s": STRING,
                        "time_format": {"enum": ["HH:mm", "hh:mm a"]},
                        "sandboxDeveloper": BOOLEAN})}
USERS: Schema = {"$comment": USER["$comment"], **_obj({
    "users": {"type": "array", "maxItems": 200, "items": USER},
    "info": _obj({"per_page": INTEGER, "count": INTEGER, "page": INTEGER, "more_records": BOOLEAN}),
}, extra=False)}
USERS_ERROR = error("INVALID_DATA", details({"param_name": STRING}, extra=True),
                    "users/operations/getUsers/examples/response-400-invaliddataerrorresponse.md")
#: users?type= values (users/operations/getUsers/operation.md, the `type` parameter's 18 values).
USER_TYPES = ("CurrentUser", "DeletedUsers", "DeactiveUsers", "NotConfirmedUsers", "ConfirmedUsers", "ActiveUsers",
              "AdminUsers", "ActiveConfirmedAdmins", "ActiveConfirmedUsers", "DeveloperUsers", "AllUsers",
              "AllActiveUsers", "ActiveLiteUser", "ActiveAndDeactive", "ChildRoleUsers", "ParentRoleUsers",
              "SubordinateRoleUsers", "ConfirmedReportingUsers")

#: Every key of the org in Zoho's example (org/operations/getOrganization/examples/response-200-orggetresponse.md).
ORG_KEYS = ("country", "photo_id", "city", "description", "type", "created_time", "mc_status", "gapps_enabled",
            "translation_enabled", "street", "domain_name", "alias", "currency", "id", "employee_count", "state",
            "fax", "zip", "website", "currency_symbol", "mobile", "currency_locale", "primary_zuid", "zia_portal_id",
            "time_zone", "zgid", "country_code", "deletable_org_account", "license_details",
            "hierarchy_preferences", "phone", "company_name", "privacy_settings", "primary_email", "iso_code",
            "hipaa_compliance_enabled", "lite_users_enabled", "max_per_page", "ezgid", "call_icon", "oauth_presence",
            "zia_zgid", "checkin_preferences")
ORG: Schema = {"$comment": SPEC + "org/operations/getOrganization/examples/response-200-orggetresponse.md", **_obj({
    "org": {"type": "array", "minItems": 1, "maxItems": 1, "items": _obj({
        k: {} for k in ORG_KEYS} | {"id": ID, "company_name": STRING, "currency": STRING, "iso_code": STRING,
                                    "currency_symbol": STRING, "time_zone": STRING, "max_per_page": INTEGER,
                                    "type": {"enum": ["production", "sandbox", "developer"]},
                                    "license_details": {"type": "object"},
                                    "hierarchy_preferences": {"type": "object"}})},
}, extra=False)}


#: CHOICES['coql_fields'].
COQL_FIELD: Schema = FIELD | {"required": [k for k in FIELD["required"]
                                          if k not in ("businesscard_supported", "profiles", "mass_update")]}


def with_definitions(schema: Schema) -> Schema:
    """The schema with the shared definitions its $refs point at."""
    return schema | {"$defs": {"coql_field": COQL_FIELD}}

# Issue 21: counts and custom views ----------------------------------------------------------------------------------

COUNT: Schema = {"$comment": SPEC + "record_count/operations/getRecordCount/operation.md (200)",
                 **_obj({"count": {"type": "integer", "minimum": 0}}, extra=False)}
COUNT_ERROR: Schema = {"$comment": SPEC + "record_count/operations/getRecordCount/operation.md (400 oneOf)", **any_of(
    error("AMBIGUITY_DURING_PROCESSING", details({"ambiguity_due_to": {
        "type": "array", "items": details({"param_name": STRING})}})),
    error("INVALID_DATA", details({"param_name": {"const": "cvid"}})),
    error("INVALID_QUERY", {"type": "object"}), error("INVALID_REQUEST", {"type": "object"}),
    error("CRITERIA_LIMIT_EXCEEDED", {"type": "object"}),
)}
CUSTOM_VIEW: Schema = _obj({"id": ID, "name": STRING, "display_value": STRING, "system_name": NULLABLE_STRING,
                            "default": BOOLEAN, "system_defined": BOOLEAN, "category": STRING, "access_type": STRING,
                            "created_by": USER_REF, "modified_by": USER_REF, "locked": BOOLEAN})
CUSTOM_VIEWS: Schema = {"$comment": SPEC + "custom_views/operations/getCustomViews/examples/response-200-"
                                           "successresponse.md", **_obj({
    "custom_views": {"type": "array", "items": CUSTOM_VIEW},
    "info": _obj({"per_page": INTEGER, "default": ID, "count": INTEGER, "page": INTEGER, "more_records": BOOLEAN},
                 {"translation": {"type": "object"}}),
}, extra=False)}
CUSTOM_VIEWS_ERROR = error(["INVALID_MODULE", "REQUIRED_PARAM_MISSING"], {"type": "object"},
                           "custom_views/operations/getCustomViews/examples/response-400-failureresponse.md")

# Issue 21: layouts, related lists, notes and attachments --------------------------------------------------------------

SECTION: Schema = _obj({
    "isSubformSection": BOOLEAN, "display_label": STRING, "mode": STRING,
    "sequence_number": {"type": "integer", "minimum": 1},
    "actions_allowed": _obj({k: BOOLEAN for k in ("add_field", "rename", "change_tab_traversal", "reorder", "delete",
                                                   "remove_field", "change_column_count")}),
    "tab_traversal": {"enum": ["left_to_right", "top_to_bottom"]},
    "api_name": {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]*$"}, "column_count": {"enum": [1, 2]},
    "name": STRING, "generated_type": {"enum": ["default", "custom"]}, "id": ID,
    "fields": {"type": "array", "maxItems": 500, "items": FIELD}})
LAYOUTS: Schema = {"$comment": SPEC + "layouts/operations/getLayouts/operation.md (200 LayoutResponseSchema)", **_obj({
    "layouts": {"type": "array", "maxItems": 15, "items": _obj({
        "has_more_profiles": BOOLEAN, "created_time": {"anyOf": [DATE_TIME, {"type": "null"}]}, "visible": BOOLEAN,
        "created_for": NULLABLE_STRING, "profiles": {"type": ["array", "null"]},
        "source": {"enum": ["crm", "platform_plugin", "marketplace_plugin", "campaign_integration"]},
        "sections": {"type": "array", "maxItems": 100, "items": SECTION}, "id": ID, "name": STRING})},
}, extra=False)}
RELATED_LISTS: Schema = {"$comment": SPEC + "related_lists/ (getRelatedLists)", **_obj({
    "related_lists": {"type": "array", "items": _obj({
        "id": ID, "sequence_number": STRING, "display_label": STRING, "api_name": STRING,
        "module": _obj({"api_name": STRING, "id": ID}), "name": STRING, "type": STRING, "href": STRING})},
}, extra=False)}
RELATED_RECORDS: Schema = {"$comment": SPEC + "related_records/ and attachments/operations/getAttachments (200)",
                           **_obj({"data": {"type": "array", "minItems": 1, "maxItems": 200, "items": RECORD},
                                   "info": _obj({"per_page": INTEGER, "count": INTEGER, "page": INTEGER,
                                                 "more_records": BOOLEAN})}, extra=False)}
ATTACHMENT_UPLOADED: Schema = {"$comment": SPEC + "attachments/operations/uploadAttachment/examples/"
                                                  "response-200-successfulupload.md",
                               **write_answer("attachment uploaded successfully")}
ATTACHMENT_TOO_LARGE = error("FILE_SIZE_MORE_THAN_ALLOWED_SIZE", EMPTY_DETAILS,
                             "attachments/operations/uploadAttachment/examples/response-413-filesizeexceeded.md")
NOTE_ADDED: Schema = {"$comment": SPEC + "notes/ (createNotes 201)", **write_answer("record added")}
RELATED_ERROR = any_of(INVALID_RECORD_ID, error("REQUIRED_PARAM_MISSING", details({"param_name": STRING})),
                       error("INVALID_DATA", details({"resource_path_index": INTEGER})))

_MASS = SPEC + "mass_update/mass_update.yaml (massUpdateRecords) "
_WHO: Schema = _obj({"id": ID, "name": STRING}, extra=False)
#: MassUpdate200SyncDetails: exactly these five keys.
_MASS_SUCCESS: Schema = _obj({"code": {"const": "SUCCESS"}, "details": _obj({
    "id": ID, "Modified_Time": DATE_TIME, "Modified_By": _WHO, "Created_By": _WHO, "Created_Time": DATE_TIME},
    extra=False), "message": STRING, "status": {"const": "success"}}, extra=False)
#: MassUpdate400Response's per-record oneOf; INVALID_DATA's details as CHOICES['mass_update_details'].
_MASS_ERROR: Schema = one_of(
    _record_error("MANDATORY_NOT_FOUND", {}),
    _obj({"code": {"const": "INVALID_DATA"}, "details": details({}, {
        "id": ID, "limit": {"type": "integer", "minimum": 1}, "maximum_length": {"type": "integer", "minimum": 1},
        "maximum_decimal_place": {"type": "integer", "minimum": 0},
        "range": _obj({"from": INTEGER, "to": INTEGER}, extra=False), "api_name": STRING, "json_path": STRING}),
        "message": STRING, "status": {"const": "error"}}, extra=False),
    _obj({"code": {"const": "MAPPING_MISMATCH"}, "details": details({}, {
        "mapped_field": STRING, "api_name": STRING, "json_path": STRING}), "message": STRING,
        "status": {"const": "error"}}, extra=False),
    _obj({"code": {"enum": ["NOT_SUPPORTED", "INVALID_MODULE"]}, "details": details({"resource_path_index": INTEGER}),
          "message": STRING, "status": {"const": "error"}}, extra=False),
    _record_error("RECORD_LOCKED", {"action": {"const": "record_locking"}, "id": ID}),
    _record_error("CONVERTED_RECORD", {"id": ID}),
)
MASS_UPDATED: Schema = {"$comment": _MASS + "200 MassUpdate200Response, by ids; "
                                            "examples/response-200-successfulmassupdate.md",
                        **_obj({"data": {"type": "array", "minItems": 1, "maxItems": 500, "items": _MASS_SUCCESS}},
                               extra=False)}
MASS_UPDATED_MIXED: Schema = {"$comment": _MASS + "207 MassUpdate207Response; examples/response-207-partialmassupdate.md",
                              **_obj({"data": {
                                  "type": "array", "minItems": 2, "maxItems": 500,
                                  "allOf": [{"contains": _obj({"status": {"const": "success"}})},
                                            {"contains": _obj({"status": {"const": "error"}})}],
                                  "items": {"allOf": [any_of(_MASS_SUCCESS, _MASS_ERROR),
                                                      {"properties": {"message": {"maxLength": 255}}}]}}},
                                  extra=False)}
MASS_UPDATE_FAILED: Schema = {"$comment": _MASS + "400 MassUpdate400Response; examples/response-400-*.md",
                              **_obj({"data": {"type": "array", "minItems": 1, "maxItems": 500,
                                               "items": _MASS_ERROR}}, extra=False)}
MASS_UPDATE_SCHEDULED: Schema = {"$comment": _MASS + "200 MassUpdate200Response, by cvid (MassUpdate200AsyncDetails)",
                                 **_obj({"data": {"type": "array", "minItems": 1, "maxItems": 1, "items": _obj({
                                     "code": {"const": "SUCCESS"}, "details": details({"job_id": ID}),
                                     "message": STRING, "status": {"const": "success"}}, extra=False)}},
                                        extra=False)}
_COUNT: Schema = {"type": "integer", "minimum": 0}
MASS_UPDATE_STATUS: Schema = {"$comment": SPEC + "mass_update/operations/getMassUpdateStatus/operation.md (200); "
                                                 "examples/response-200-scheduledjob.md",
                              **_obj({"data": {"type": "array", "minItems": 1, "maxItems": 1, "items": _obj({
                                  "Status": {"enum": ["COMPLETED", "SCHEDULED", "QUEUED", "RUNNING", "SUSPENDED",
                                                      "FAILED"]},
                                  "Failed_Count": _COUNT, "Updated_Count": _COUNT, "Not_Updated_Count": _COUNT,
                                  "Total_Count": _COUNT}, extra=False)}}, extra=False)}
MASS_UPDATE_STATUS_ERROR: Schema = {"$comment": SPEC + "mass_update/operations/getMassUpdateStatus/operation.md (400 "
                                                       "oneOf; InvalidJobId's details as CHOICES['job_id'])", **one_of(
    error("MANDATORY_NOT_FOUND", EMPTY_DETAILS),
    error("INVALID_DATA", details({}, {"param_name": {"const": "job_id"}})),
    error("INVALID_MODULE", details({"resource_path_index": INTEGER})),
)}
_CVID_AT = details({"api_name": {"const": "cvid"}, "json_path": {"const": "$.cvid"}})
_INVALID_CVID = error("INVALID_DATA", _CVID_AT)
_INVALID_CVID["properties"] |= {"message": {"const": "the cvid given seems to be invalid"}}
#: The 400's request-level variants (MassUpdate400InvalidCvid, -AlreadyScheduled, -InvalidModule, -ModuleNotSupported).
MASS_UPDATE_REFUSED: Schema = {"$comment": _MASS + "400 oneOf", **one_of(
    _INVALID_CVID,
    error("ALREADY_SCHEDULED", details({"api_name": {"const": "cvid"}})),
    error("INVALID_MODULE", details({"resource_path_index": INTEGER})),
    error("NOT_SUPPORTED", details({"resource_path_index": {"const": 0}})),
)}
