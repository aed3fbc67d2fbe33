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
    ("Not_In_Metadata", ALL_SCOPES, None, "Zoho does not sort records by Not_In_Metadata."),
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
