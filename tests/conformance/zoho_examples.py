"""Zoho's documented example answers (zoho/crm-oas v8.0, operations/<id>/examples/response-<status>-<case>.md),
transcribed as facts: (the example file, HTTP status, body). Long objects keep only the keys the tests read and the
keys the schemas require."""

from __future__ import annotations

from typing import Any

Example = tuple[str, int, Any]

_PATRICIA = {"name": "Patricia Boyle", "id": "5725767000000411001"}
_WRITTEN = {"Modified_Time": "2023-05-10T01:10:47-07:00", "Modified_By": _PATRICIA,
            "Created_Time": "2023-05-10T01:10:47-07:00", "id": "5725767000000524157", "Created_By": _PATRICIA,
            "$approval_state": "approved"}
_LEAD = {"id": "4150868000000002175",
         "Owner": {"name": "Patricia Boyle", "id": "4150868000000225013", "email": "patricia.boyle@example.com"},
         "Company": "Zylker Corp", "First_Name": "John", "Last_Name": "Doe", "Email": "john.doe@zylker.com",
         "Phone": "+1-555-123-4567", "Lead_Status": "Not Contacted", "Created_Time": "2023-10-15T10:30:00+00:00",
         "Modified_Time": "2023-10-15T14:20:00+00:00"}

GET_RECORDS: Example = ("record/operations/getRecords/examples/response-200-leads.md", 200, {
    "data": [_LEAD],
    "info": {"call": False, "per_page": 5, "next_page_token": "c8582xx9e7c7", "count": 5, "sort_by": "id", "page": 1,
             "page_token_expiry": "2022-11-11T15:08:14+05:30", "sort_order": "desc", "email": False,
             "more_records": True, "previous_page_token": None}})
GET_RECORD: Example = ("record/operations/getRecord/examples/response-200-leads.md", 200, {"data": [_LEAD]})
CREATED: Example = ("record/operations/createRecords/examples/response-201-success.md", 201, {"data": [
    {"code": "SUCCESS", "details": _WRITTEN, "message": "record added", "status": "success"}]})
CREATED_MIXED: Example = ("record/operations/createRecords/examples/response-207-mixedresults.md", 207, {"data": [
    {"code": "SUCCESS", "details": _WRITTEN, "message": "record added", "status": "success"},
    {"code": "INVALID_DATA", "details": {"api_name": "Last_Name", "json_path": "$.data[1].Last_Name"},
     "message": "the field api name given seems to be invalid", "status": "error"}]})
TOO_LONG: Example = ("record/operations/createRecords/examples/response-400-invaliddatalength.md", 400, {"data": [
    {"code": "INVALID_DATA", "details": {"maximum_length": 2, "api_name": "Number_1", "json_path": "$.data[0].Number_1"},
     "message": "invalid data", "status": "error"}]})
WRONG_TYPE: Example = ("record/operations/createRecords/examples/response-400-invaliddatatype.md", 400, {"data": [
    {"code": "INVALID_DATA", "details": {"expected_data_type": "integer", "api_name": "Number_1",
                                         "json_path": "$.data[0].Number_1"},
     "message": "invalid data", "status": "error"}]})
UPDATED_MIXED: Example = ("record/operations/updateRecords/examples/response-207-mixedresults.md", 207, {"data": [
    {"code": "SUCCESS", "details": _WRITTEN | {"id": "111112000000142001"}, "message": "record updated",
     "status": "success"},
    {"code": "INVALID_DATA", "details": {"api_name": "Last_Name", "json_path": "$.data[1].Last_Name"},
     "message": "the field api name given seems to be invalid", "status": "error"}]})
DELETED_MIXED: Example = ("record/operations/deleteRecords/examples/response-207-mixedresults.md", 207, {"data": [
    {"status": "success", "code": "SUCCESS", "message": "record deleted", "details": {"id": "410405000002264040"}},
    {"status": "error", "code": "INVALID_DATA", "message": "record not deleted", "details": {"id": "4150868000005067099"}},
    {"status": "success", "code": "SUCCESS", "message": "record deleted", "details": {"id": "410405000002264025"}}]})
INVALID_RECORD_ID: Example = ("record/operations/deleteRecord/examples/response-400-invalidrecordid.md", 400, {
    "code": "INVALID_DATA", "message": "invalid record id", "details": {"resource_path_index": 0}, "status": "error"})
INVALID_MODULE: Example = ("record/operations/getRecords/examples/response-400-invaliddata.md", 400, {
    "code": "INVALID_MODULE", "details": {"resource_path_index": 0},
    "message": "the module name given seems to be invalid", "status": "error"})

SEARCH: Example = ("module_search/operations/searchRecords/examples/response-200-leadsearchresult.md", 200, {
    "data": [{"id": "5843104000000624035",
              "Owner": {"name": "John Smith", "id": "5843104000000411001", "email": "john.smith@example.com"},
              "Company": "Zylker", "Email": "lead@zylker.com", "Lead_Status": "Qualified",
              "Created_Time": "2023-01-15T10:30:00+00:00", "Modified_Time": "2023-01-20T14:45:00+00:00",
              "Created_By": {"name": "John Smith", "id": "5843104000000411001"},
              "Modified_By": {"name": "John Smith", "id": "5843104000000411001"}}],
    "info": {"per_page": 200, "count": 1, "page": 1, "more_records": False}})
SEARCH_MISSING: Example = ("module_search/mds/examples/searchRecords.md (MissingParameter)", 400, {
    "status": "error", "code": "EXPECTED_PARAM_MISSING", "message": "one of the expected parameter is missing",
    "details": {"param_names": ["criteria", "email", "phone", "word"]}})

COQL_QUERY = "select Last_Name, First_Name from Leads where Last_Name = 'Smith'"
COQL: Example = ("coql/operations/executeCOQLQuery/examples/response-200-successresponse.md", 200, {
    "data": [{"Last_Name": "Smith", "First_Name": "John"}], "info": {"count": 1, "more_records": False}})
_LAST_NAME_FIELD = {
    "webhook": True, "operation_type": {"web_update": True, "api_create": True, "web_create": True, "api_update": True},
    "colour_code_enabled_by_system": False, "field_label": "Last Name", "tooltip": None,
    "display_format_properties": None, "type": "used", "table_name": "CrmLeadDetails", "field_read_only": False,
    "required": True, "customizable_properties": None, "display_label": "Last Name", "read_only": False,
    "association_details": None, "multi_module_lookup": {}, "id": "4413054000000000559", "created_time": None,
    "filterable": True, "visible": True, "refer_from_field": None,
    "view_type": {"view": False, "edit": True, "quick_create": True, "create": True}, "separator": False,
    "searchable": True, "history_tracking_enabled": False, "external": None, "api_name": "Last_Name",
    "parent_field": None, "unique": {}, "enable_colour_code": False, "child_fields": None, "pick_list_values": [],
    "system_mandatory": True, "virtual_field": False, "json_type": "string", "crypt": None, "range": None,
    "created_source": "default", "display_type": -1, "ui_type": 127, "modified_time": None, "public": False,
    "quick_sequence_number": "3",
    "email_parser": {"fields_update_supported": False, "record_operations_supported": True}, "currency": {},
    "custom_field": False, "lookup": {}, "convert_mapping": {"Contacts": "Last_Name", "Deals": None, "Accounts": None},
    "address": None, "rollup_summary": {}, "length": 80, "column_name": "LASTNAME", "display_field": False,
    "pick_list_values_sorted_lexically": False, "default_value": None, "sortable": True,
    "layout_associations": [{"api_name": "Standard__s", "name": "Standard", "id": "4413054000000095055"}],
    "global_picklist": None, "display_format": None, "history_tracking": None, "data_type": "text",
    "lucene_colname": "LASTNAME", "generated_type": 1, "formula": {}, "additional_column": None, "decimal_place": None,
    "multiselectlookup": {}, "auto_number": {}}
COQL_WITH_FIELDS: Example = (
    "coql/operations/executeCOQLQuery/examples/response-200-successresponsewithfieldsmeta.md", 200, {
        "data": [{"Last_Name": "TestLead", "id": "4413054000000682520"}], "fields": {"Last_Name": _LAST_NAME_FIELD},
        "info": {"count": 1, "more_records": False}})
#: COQL error examples (coql/mds/examples/executeCOQLQuery.md): (case, code, details, the words the app's sentence
#: must name).
COQL_ERRORS = (
    ("SyntaxErrorInvalidClause", "SYNTAX_ERROR", {"clause": "where"}, ("WHERE",)),
    ("SyntaxErrorLocation", "SYNTAX_ERROR", {"line": 1, "column": 15, "near": "FROM"}, ('"FROM"', "line 1",
                                                                                        "column 15")),
    ("SyntaxErrorOperator", "SYNTAX_ERROR", {"operator": "not"}, ('"not"',)),
    ("SyntaxErrorNear", "SYNTAX_ERROR", {"near": "where"}, ('"where"',)),
    ("InvalidQueryInvalidOperator", "INVALID_QUERY",
     {"reason": "invalid operator found", "column_name": "First_Name", "operator": ">"}, ('">"', '"First_Name"')),
    ("InvalidQueryUnsupportedColumn", "INVALID_QUERY", {"column_name": "Last_Name"}, ('"Last_Name"',)),
    ("InvalidQueryInvalidLimit", "INVALID_QUERY", {"limit": "s"}, ("LIMIT", '"s"')),
    ("InvalidQueryUnsupportedCriteria", "INVALID_QUERY",
     {"cv_criteria": False, "column_name": "Participants", "value": "${EMPTY}", "operator": "!="},
     ('"${EMPTY}"', '"Participants"')),
    ("DuplicateData", "DUPLICATE_DATA", {"column_name": "First_Name"}, ('"First_Name"',)),
)

_FIELD_COMMON = {
    "associated_module": None, "webhook": True, "colour_code_enabled_by_system": False, "tooltip": None,
    "display_format_properties": None, "type": "used", "association_details": None, "multi_module_lookup": {},
    "created_time": None, "filterable": True, "visible": True,
    "profiles": [{"permission_type": "read_write", "name": "Administrator", "id": "4832675000000015972"},
                 {"permission_type": "read_write", "name": "Standard", "id": "4832675000000015975"}],
    "separator": False, "searchable": True, "history_tracking_enabled": False, "external": None, "parent_field": None,
    "unique": {}, "enable_colour_code": False, "child_fields": None, "pick_list_values": [], "system_mandatory": False,
    "private": None, "virtual_field": False, "crypt": None, "range": None, "created_source": "default",
    "display_type": -1, "modified_time": None, "public": False, "currency": {}, "custom_field": False, "lookup": {},
    "hipaa_compliance": None, "address": None, "rollup_summary": {}, "display_field": False,
    "pick_list_values_sorted_lexically": False, "sortable": True,
    "layout_associations": [{"api_name": "Standard__s", "name": "Standard", "id": "4832675000000095055"}],
    "global_picklist": None, "display_format": None, "history_tracking": None, "formula": {},
    "additional_column": None, "hipaa_compliance_enabled": False, "decimal_place": None, "multiselectlookup": {},
    "auto_number": {}}
FIELDS: Example = ("fields/operations/getFields/examples/response-200-fullexample.md (entries Owner, Company)", 200, {
    "fields": [
        _FIELD_COMMON | {
            "operation_type": {"web_update": True, "api_create": True, "web_create": True, "api_update": True},
            "field_label": "Lead Owner", "field_read_only": True, "customizable_properties": ["field_of_lookup"],
            "display_label": "Lead Owner", "read_only": False, "businesscard_supported": True, "id": "4832675000000000553",
            "view_type": {"view": True, "edit": True, "quick_create": False, "create": True}, "api_name": "Owner",
            "json_type": "jsonobject", "ui_type": 8,
            "email_parser": {"fields_update_supported": False, "record_operations_supported": False},
            "convert_mapping": {"Contacts": None, "Deals": None, "Accounts": None}, "length": 120,
            "column_name": "SMOWNERID", "data_type": "ownerlookup", "mass_update": False},
        _FIELD_COMMON | {
            "operation_type": {"web_update": True, "api_create": True, "web_create": True, "api_update": True},
            "field_label": "Company", "field_read_only": False,
            "customizable_properties": ["mandatory", "unique", "removal", "private_field", "tooltip", "hipaa_field",
                                        "add_to_other_layouts"],
            "display_label": "Company", "read_only": False, "businesscard_supported": False, "id": "4832675000000000555",
            "view_type": {"view": True, "edit": True, "quick_create": True, "create": True}, "api_name": "Company",
            "json_type": "string", "ui_type": 1, "quick_sequence_number": "1",
            "email_parser": {"fields_update_supported": True, "record_operations_supported": True},
            "convert_mapping": {"Contacts": None, "Deals": None, "Accounts": "Account_Name"}, "length": 200,
            "column_name": "COMPANY", "data_type": "text", "mass_update": True},
    ]})

USERS: Example = ("users/operations/getUsers/examples/response-200-usersgetresponse.md", 200, {
    "users": [{
        "role": {"name": "CEO", "id": "111133000000000861"}, "microsoft": False, "locale": "en_US",
        "Modified_By": {"name": "Thuvassshhhh test test", "id": "111133000000057662"}, "$shift_effective_from": None,
        "$current_shift": {"id": "111133000000012345", "name": "Morning Shift"}, "alias": "aaaa",
        "id": "111133000000057662", "sandboxDeveloper": False, "first_name": "Thuvassshhhh",
        "email": "user@example.com", "Reporting_To": None, "status_reason__s": None, "decimal_separator": "Period",
        "created_time": "2025-11-12T11:20:12+05:30", "Modified_Time": "2025-12-08T16:53:16+05:30",
        "image_link": "https://profile.csez.zohocorpin.com/file?ID=43318041&fs=thumb",
        "$next_shift": {"id": "111133000000023456", "name": "Evening Shift"},
        "profile": {"name": "Administrator", "id": "111133000000000497"}, "last_name": "test test",
        "created_by": {"name": "Thuvassshhhh test test", "id": "111133000000057662"}, "zuid": "43318041",
        "confirm": True, "full_name": "Thuvassshhhh test test", "phone": None, "date_format": "MM/dd/yyyy",
        "status": "disabled", "type__s": "Regular User"}],
    "info": {"per_page": 200, "count": 1, "page": 1, "more_records": False}})
ORG: Example = ("org/operations/getOrganization/examples/response-200-orggetresponse.md", 200, {"org": [{
    "country": "US", "photo_id": None, "city": "Austin", "description": "Main office", "type": "production",
    "created_time": "2023-01-01T12:00:00Z", "mc_status": True, "gapps_enabled": False, "translation_enabled": False,
    "street": "123 Main St", "domain_name": "acmeinc", "alias": "acme", "currency": "US Dollar - USD",
    "id": "1234567890", "employee_count": "100", "state": "TX", "fax": None, "zip": "78701",
    "website": "www.acmeinc.com", "currency_symbol": "$", "mobile": None, "currency_locale": "USD",
    "primary_zuid": "zuid123", "zia_portal_id": None, "time_zone": "America/Chicago", "zgid": "zgid123",
    "country_code": "US", "deletable_org_account": False,
    "license_details": {"paid_expiry": None, "users_license_purchased": 3, "trial_type": "enterprise",
                        "trial_expiry": "2025-12-04T17:26:17+05:30", "paid": False, "paid_type": "free",
                        "portal_users_license_purchased": 0, "trial_action": "Update Evaluation"},
    "hierarchy_preferences": {"type": "Role_Hierarchy", "strictly_reporting": False}, "phone": "+915551234",
    "company_name": "Acme Inc.", "privacy_settings": True, "primary_email": "acmeadmin@acmei.com", "iso_code": "US",
    "hipaa_compliance_enabled": False, "lite_users_enabled": False, "max_per_page": 200, "ezgid": "ezgid123",
    "call_icon": "show", "oauth_presence": True, "zia_zgid": 12345,
    "checkin_preferences": {"restricted_event_types": None}}]})
_MODULE_COMMON = {"has_more_profiles": False, "access_type": "org_based", "private_profile": None,
                  "description": None, "visibility": 1, "profiles": [{"name": "Administrator",
                                                                      "id": "111111000000000497"}],
                  "show_as_tab": True, "web_link": None, "viewable": True, "feeds_required": False,
                  "public_fields_configured": False, "arguments": [], "profile_count": 4,
                  "business_card_field_limit": 5, "parent_module": {}, "status": "visible"}
MODULES: Example = ("modules/operations/getModules/examples/response-200-allmoduleswithvariations.md (Home, Leads)",
                    200, {"modules": [
                        _MODULE_COMMON | {
                            "global_search_supported": False, "deletable": False, "creatable": False,
                            "recycle_bin_on_delete": False, "modified_time": None, "plural_label": "Home",
                            "presence_sub_menu": False, "actual_plural_label": "Home", "lookupable": False,
                            "id": "111111000000002646", "isBlueprintSupported": False, "convertable": False,
                            "sub_menu_available": False, "editable": False, "actual_singular_label": "Home",
                            "sequence_number": 1, "singular_label": "Home", "api_supported": False,
                            "api_name": "Home", "quick_create": False, "modified_by": None,
                            "generated_type": "default", "module_name": "Home"},
                        _MODULE_COMMON | {
                            "global_search_supported": True, "deletable": True, "creatable": True,
                            "recycle_bin_on_delete": True, "modified_time": "2025-11-11T11:29:45+05:30",
                            "plural_label": "Leads", "presence_sub_menu": True, "actual_plural_label": "Leads",
                            "lookupable": True, "id": "111111000000002648", "isBlueprintSupported": True,
                            "convertable": True, "sub_menu_available": True, "editable": True,
                            "actual_singular_label": "Lead", "sequence_number": 2, "singular_label": "Lead",
                            "api_supported": True, "api_name": "Leads", "quick_create": True,
                            "modified_by": {"name": "Rajaa", "id": "111111000000057804"},
                            "generated_type": "default", "module_name": "Leads"}]})

#: The search spec's parameter examples (module_search/mds/examples/searchRecords.md): text -> the parameter it is.
SEARCH_PARAMETERS = (
    ("(Company:equals:Zylker)", "criteria"),
    ("((Company:equals:Zylker) and (Lead_Status:equals:Qualified))", "criteria"),
    ("(Lead_Status:in:Qualified,Contacted,Converted)", "criteria"),
    ("john.doe@example.com", "email"), ("+1-555-123-4567", "phone"), ("(555) 123-4567", "phone"),
    ("5551234567", "phone"), ("Zylker", "word"), ("John Doe", "word"),
)
#: The spec's escaping example: the value Burns,B in a condition.
ESCAPED_CONDITION = ("Last_Name", "equals", "Burns,B", "(Last_Name:equals:Burns\\,B)")
