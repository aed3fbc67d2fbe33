"""Which way a records export goes (zoho.coql_export): COQL pages side by side only when the query
gives the file the records list would, in the same order; page by page otherwise, said why."""

import pytest

from zoho.calls import Rows
from zoho.coql_export import SIDE_BY_SIDE, export_way, named_rows
from zoho.fields import FieldMeta
from zoho.sorting import BY_COQL, BY_RECORDS, Sort

COQL = ["ZohoCRM.modules.ALL", "ZohoCRM.coql.READ"]
FIELDS = [FieldMeta("Last_Name", "Last Name", "text"), FieldMeta("Email", "Email", "email"),
          FieldMeta("Amount", "Amount", "currency"), FieldMeta("Created_Time", "Created Time", "datetime"),
          FieldMeta("Account_Name", "Account Name", "lookup", lookup_module="Accounts"),
          FieldMeta("Vendor", "Vendor", "lookup", lookup_module="Unknown_Module"),
          FieldMeta("Owner", "Lead Owner", "ownerlookup"), FieldMeta("Photo", "Photo", "imageupload")] + [
          FieldMeta("F" + str(n), "Formula " + str(n), "formula") for n in range(6)]


def way(columns, sort=None, how=None, scopes=COQL, searching=False):
    return export_way("Leads", columns, sort, how, FIELDS, scopes, searching)


@pytest.mark.parametrize("sort, how, order", [
    (None, None, "id asc"),
    (Sort("Created_Time", "desc"), BY_RECORDS, "Created_Time desc, id desc"),
    (Sort("id", "asc"), BY_RECORDS, "id asc"),
    (Sort("Last_Name", "asc"), BY_COQL, "Last_Name asc, id asc"),
    (Sort("Last_Name", "desc"), BY_COQL, "Last_Name desc, id asc"),
])
def test_a_query_keeps_the_records_list_s_columns_and_order(sort, how, order):
    chosen = way(["Last_Name", "Email", "Amount"], sort, how)
    assert chosen.query == "select id, Last_Name, Email, Amount from Leads where id is not null order by " + order
    assert chosen.said == SIDE_BY_SIDE and chosen.names == {}
    assert chosen.count_query == "select COUNT(id) from Leads where id is not null"


def test_a_lookup_is_named_through_its_module_s_name_field():
    chosen = way(["Account_Name", "Last_Name"])
    assert chosen.query.startswith("select id, Account_Name, Last_Name, Account_Name.Account_Name from Leads ")
    assert chosen.names == {"Account_Name": "Account_Name"}
    page = Rows([{"id": "1", "Account_Name": {"id": "9"}, "Account_Name.Account_Name": "Acme", "Last_Name": "Hopper"}],
                False)
    assert next(named_rows((step for step in [page]), chosen.names)).rows == [{"id": "1", "Account_Name": {"name": "Acme", "id": "9"}, "Last_Name": "Hopper"}]


@pytest.mark.parametrize("columns, scopes, searching, why", [
    (["Last_Name"], ["ZohoCRM.modules.ALL"], False, "need Zoho's query permission (ZohoCRM.coql.READ)"),
    (["Last_Name"], COQL, True, "a search's results come from its own pages"),
    (["Last_Name", "Owner"], COQL, False, "a query gives Lead Owner (ownerlookup) otherwise"),
    (["Photo"], COQL, False, "a query gives Photo (imageupload) otherwise"),
    (["Vendor"], COQL, False, "a query would give Vendor's records by id, not by name"),
    (["Nickname"], COQL, False, "Zoho's field list does not describe Nickname"),
    (["F" + str(n) for n in range(6)], COQL, False, "a query selects at most 5 formula fields"),
])
def test_otherwise_the_export_goes_page_by_page_and_says_why(columns, scopes, searching, why):
    chosen = way(columns, scopes=scopes, searching=searching)
    assert chosen.query is None and chosen.count_query is None
    assert chosen.said.startswith("Exporting page by page, one after the other: ") and why in chosen.said, chosen.said


def test_a_custom_view_is_exported_from_its_own_list():
    chosen = export_way("Leads", ["Last_Name"], None, None, FIELDS, COQL, False, "111")
    assert chosen.query is None and "custom view" in chosen.said


def test_the_filter_s_condition_selects_the_rows_and_their_count():
    chosen = export_way("Leads", ["Last_Name"], None, None, FIELDS, COQL, False, None, "Email is null")
    assert chosen.query == "select id, Last_Name from Leads where Email is null order by id asc"
    assert chosen.count_query == "select COUNT(id) from Leads where Email is null"
