"""GET /crm/v8/settings/fields, and the write checks that follow the same metadata."""

from __future__ import annotations

from typing import Any

import pytest

from sandbox.state import SandboxState

from sandbox_helpers import TestClient

Headers = dict[str, str]
MODULES = ["Leads", "Contacts", "Accounts", "Deals", "Campaigns", "Tasks", "Projects"]
#: Written out by hand from Zoho's standard modules (ZOHO.md: "Campaigns: Campaign_Name; Tasks: Subject; Deals:
#: Deal_Name, Stage").
MANDATORY = {"Leads": {"Last_Name"}, "Contacts": {"Last_Name"}, "Accounts": {"Account_Name"},
             "Deals": {"Deal_Name", "Stage"}, "Campaigns": {"Campaign_Name"}, "Tasks": {"Subject"},
             "Projects": {"Name"}}
#: Zoho's json_type of each data type the sample modules use.
JSON_TYPES = {"text": "string", "textarea": "string", "email": "string", "phone": "string", "website": "string",
              "picklist": "string", "multiselectpicklist": "jsonarray", "integer": "integer", "currency": "double",
              "percent": "double", "boolean": "boolean", "date": "string", "datetime": "string",
              "lookup": "jsonobject", "ownerlookup": "jsonobject", "double": "double", "autonumber": "string",
              "fileupload": "jsonarray", "imageupload": "jsonarray", "multiselectlookup": "jsonarray",
              "subform": "jsonarray"}
#: A formula's json_type is its return type's.
FORMULA_RETURNS = {"currency": "double", "double": "double"}


def fields_of(api: TestClient, headers: Headers, module: str) -> list[dict[str, Any]]:
    response = api.get("/crm/v8/settings/fields", params={"module": module}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["fields"]


def sample_value(field: dict[str, Any], api: TestClient, headers: Headers) -> Any:
    """A value that fits a field, chosen from its metadata alone."""
    kind = field["data_type"]
    choices = [v["actual_value"] for v in field["pick_list_values"] if v["actual_value"] != "-None-"]
    if kind == "lookup":
        target = field["lookup"]["module"]["api_name"]
        rows = api.get(f"/crm/v8/{target}", params={"fields": "id", "per_page": 1}, headers=headers).json()["data"]
        return {"id": rows[0]["id"]}
    if kind == "multiselectlookup":
        linking = field["multiselectlookup"]
        target = linking["connected_details"]["module"]["api_name"]
        rows = api.get(f"/crm/v8/{target}", params={"fields": "id", "per_page": 2}, headers=headers).json()["data"]
        return [{linking["linking_details"]["connected_lookup_field"]["api_name"]: {"id": r["id"]}} for r in rows]
    if kind == "subform":
        cells = fields_of(api, headers, field["associated_module"]["module"])
        return [{f["api_name"]: sample_value(f, api, headers) for f in cells}]
    return {
        "text": "x" * field["length"], "textarea": "Notes", "email": "someone@example.com", "phone": "+1 555 0100",
        "website": "https://example.com", "picklist": choices[-1] if choices else None,
        "multiselectpicklist": choices[:2], "integer": 42, "currency": 1250.5, "percent": 12.5, "boolean": True,
        "date": "2024-02-29", "datetime": "2024-05-01T09:30:00+00:00",
        "ownerlookup": {"id": "5725767000000411002"}, "double": 2.5,
        "fileupload": [{"file_id": "f100"}], "imageupload": [{"file_id": "i200"}],
    }[kind]


def stored_as_sent(kind: str, stored: Any, sent: Any) -> bool:
    """Whether a stored value is what was written (lookups keep the id; file fields the file id; linking rows and
    subform rows gain ids)."""
    if kind in ("lookup", "ownerlookup"):
        return stored["id"] == sent["id"]
    if kind in ("fileupload", "imageupload"):
        return [f["File_Id__s"] for f in stored] == [f["file_id"] for f in sent]
    if kind == "multiselectlookup":
        return [{k: v["id"] for k, v in row.items() if k != "id"} for row in stored] == [
            {k: v["id"] for k, v in row.items()} for row in sent]
    if kind == "subform":
        return [{k: v for k, v in row.items() if k != "id"} for row in stored] == sent
    return stored == sent


@pytest.mark.parametrize("module", MODULES)
def test_every_module_has_metadata_with_zoho_keys(api: TestClient, full: Headers, module: str) -> None:
    fields = fields_of(api, full, module)
    names = [f["api_name"] for f in fields]
    assert len(names) == len(set(names))
    for field in fields:
        assert {"id", "api_name", "field_label", "display_label", "data_type", "json_type", "system_mandatory",
                "read_only", "length", "pick_list_values", "lookup"} <= set(field), field["api_name"]
        assert field["field_label"] and field["id"].isdigit()
        expected = (FORMULA_RETURNS[field["formula"]["return_type"]] if field["data_type"] == "formula"
                    else JSON_TYPES[field["data_type"]])
        assert field["json_type"] == expected, field["api_name"]
    assert {f["api_name"] for f in fields if f["system_mandatory"]} == MANDATORY[module]


def test_field_ids_are_unique_across_modules(api: TestClient, full: Headers) -> None:
    ids = [f["id"] for module in MODULES for f in fields_of(api, full, module)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("module", MODULES)
def test_picklists_and_lookups(api: TestClient, full: Headers, module: str) -> None:
    module_ids = {m["api_name"]: m["id"] for m in api.get("/crm/v8/settings/modules", headers=full).json()["modules"]}
    for field in fields_of(api, full, module):
        values = field["pick_list_values"]
        if field["data_type"] in ("picklist", "multiselectpicklist"):
            assert values and all(v["display_value"] and v["actual_value"] for v in values), field["api_name"]
            has_none = values[0]["actual_value"] == "-None-"
            assert has_none == (field["data_type"] == "picklist" and not field["system_mandatory"])
        else:
            assert values == []
        if field["data_type"] == "lookup":
            target = field["lookup"]["module"]
            assert module_ids[target["api_name"]] == target["id"]
        else:
            assert field["lookup"] == {}


@pytest.mark.parametrize("module", ["Leads", "Contacts", "Accounts", "Deals"])
def test_seeded_records_have_exactly_the_listed_fields(api: TestClient, full: Headers, state: SandboxState,
                                                       module: str) -> None:
    names = {f["api_name"] for f in fields_of(api, full, module)}
    for record in state.store.all(module):
        assert set(record) == names | {"id"}


def test_the_module_parameter(api: TestClient, full: Headers) -> None:
    missing = api.get("/crm/v8/settings/fields", headers=full)
    assert (missing.status_code, missing.json()["code"], missing.json()["details"]) == (
        400, "REQUIRED_PARAM_MISSING", {"param_name": "module"})
    for unknown in ("Widgets", "leads", "Home"):
        response = api.get("/crm/v8/settings/fields", params={"module": unknown}, headers=full)
        assert (response.status_code, response.json()["code"]) == (400, "INVALID_MODULE"), unknown


@pytest.mark.parametrize(("scope", "allowed"), [("ZohoCRM.settings.fields.READ", True), ("ZohoCRM.settings.READ", True),
                                                ("ZohoCRM.settings.ALL", True), ("ZohoCRM.modules.ALL", False),
                                                ("ZohoCRM.settings.modules.READ", False)])
def test_fields_scope(api: TestClient, mint: Any, scope: str, allowed: bool) -> None:
    response = api.get("/crm/v8/settings/fields", params={"module": "Leads"}, headers=mint(scope))
    assert (response.status_code == 200) is allowed
    if not allowed:
        assert (response.status_code, response.json()["code"]) == (401, "OAUTH_SCOPE_MISMATCH")


# Writes follow the metadata ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("module", MODULES)
def test_a_record_with_only_the_mandatory_fields_can_be_created(api: TestClient, full: Headers, module: str) -> None:
    mandatory = [f for f in fields_of(api, full, module) if f["system_mandatory"]]
    missing = api.post(f"/crm/v8/{module}", json={"data": [{}]}, headers=full)
    assert missing.status_code == 400
    assert missing.json()["data"][0]["code"] == "MANDATORY_NOT_FOUND"
    assert missing.json()["data"][0]["details"]["api_name"] in {f["api_name"] for f in mandatory}
    record = {f["api_name"]: sample_value(f, api, full) for f in mandatory}
    created = api.post(f"/crm/v8/{module}", json={"data": [record]}, headers=full)
    assert created.status_code == 201, created.text


@pytest.mark.parametrize("module", MODULES)
def test_every_writable_field_takes_a_value_of_its_type(api: TestClient, full: Headers, module: str) -> None:
    fields = fields_of(api, full, module)
    kinds = {f["api_name"]: f["data_type"] for f in fields}
    writable = {f["api_name"]: sample_value(f, api, full) for f in fields if not f["read_only"]}
    response = api.post(f"/crm/v8/{module}", json={"data": [writable]}, headers=full)
    assert response.status_code == 201, response.text
    record_id = response.json()["data"][0]["details"]["id"]
    [stored] = api.get(f"/crm/v8/{module}/{record_id}", headers=full).json()["data"]
    for name, value in writable.items():
        assert stored_as_sent(kinds[name], stored[name], value), name


#: data_type -> values that do not fit it.
UNFIT = {
    "text": [5, True, ["a"]], "textarea": [5], "email": ["no-at-sign", "a@b", 7], "phone": [5551234],
    "website": [{"url": "x"}], "picklist": [3], "multiselectpicklist": ["CRM", [1], [""]],
    "integer": [2.5, "7", True, 2**31], "currency": ["lots", True, [1]], "percent": ["12%", False],
    "boolean": ["yes", 1], "date": ["2024-13-01", "01/02/2024", 20240101], "datetime": ["2024-05-01T09:30:00",
                                                                                     "2024-05-01", "soon"],
    "lookup": [{"id": "999"}, "5725767000000500001", {"name": "x"}], "ownerlookup": [{"id": "5725767000000411003"}],
    "double": ["2.5", False], "fileupload": ["f100", [{"id": "f100"}], [{"file_id": ""}]],
    "imageupload": [{"file_id": "i200"}], "multiselectlookup": [{"Contact": {"id": "1"}}, [{"Contact": {"id": "999"}}]],
    "subform": [{"Milestone": "x"}, [{"Hours": "many"}], [5]],
}


@pytest.mark.parametrize("module", MODULES)
def test_values_that_do_not_fit_the_metadata_are_invalid_data(api: TestClient, full: Headers, module: str) -> None:
    fields = fields_of(api, full, module)
    base = {f["api_name"]: sample_value(f, api, full) for f in fields if f["system_mandatory"]}
    for field in fields:
        if field["read_only"]:
            continue
        for value in UNFIT[field["data_type"]]:
            response = api.post(f"/crm/v8/{module}", json={"data": [base | {field["api_name"]: value}]}, headers=full)
            [result] = response.json()["data"]
            assert (result["code"], result["details"]) == (
                "INVALID_DATA", {"api_name": field["api_name"], "json_path": f"$.data[0].{field['api_name']}",
                                 "expected_data_type": field["data_type"]}), (field["api_name"], value)


@pytest.mark.parametrize("module", MODULES)
def test_text_lengths_come_from_the_metadata(api: TestClient, full: Headers, module: str) -> None:
    fields = fields_of(api, full, module)
    base = {f["api_name"]: sample_value(f, api, full) for f in fields if f["system_mandatory"]}
    for field in (f for f in fields if f["data_type"] == "text" and not f["read_only"]):
        name, length = field["api_name"], field["length"]
        fits = api.post(f"/crm/v8/{module}", json={"data": [base | {name: "é" * length}]}, headers=full)
        assert fits.status_code == 201, name
        too_long = api.post(f"/crm/v8/{module}", json={"data": [base | {name: "é" * (length + 1)}]}, headers=full)
        # Zoho's createRecords example 400-invaliddatalength: the field, where it is, and how long it may be.
        assert too_long.json()["data"][0]["details"] == {"api_name": name, "json_path": f"$.data[0].{name}",
                                                         "maximum_length": length}


@pytest.mark.parametrize("module", MODULES)
def test_read_only_fields_are_ignored_when_written(api: TestClient, full: Headers, module: str) -> None:
    fields = fields_of(api, full, module)
    record = {f["api_name"]: sample_value(f, api, full) for f in fields if f["system_mandatory"]}
    read_only = [f["api_name"] for f in fields if f["read_only"]]
    assert {"Created_Time", "Modified_Time", "Created_By", "Modified_By"} <= set(read_only)
    sent = record | {name: "2000-01-01T00:00:00+00:00" for name in read_only}
    response = api.post(f"/crm/v8/{module}", json={"data": [sent]}, headers=full)
    assert response.status_code == 201
    [stored] = api.get(f"/crm/v8/{module}/{response.json()['data'][0]['details']['id']}", headers=full).json()["data"]
    assert all(stored[name] != "2000-01-01T00:00:00+00:00" for name in read_only)


def test_date_times_are_kept_in_utc_and_none_clears_a_picklist(api: TestClient, full: Headers) -> None:
    response = api.post("/crm/v8/Leads", json={"data": [{"Last_Name": "Time", "Follow_Up_At": "2024-05-01T09:30:00+05:30",
                                                         "Lead_Status": "Contacted"}]}, headers=full)
    lead = response.json()["data"][0]["details"]["id"]
    api.put(f"/crm/v8/Leads/{lead}", json={"data": [{"Lead_Status": "-None-"}]}, headers=full)
    [stored] = api.get(f"/crm/v8/Leads/{lead}", headers=full).json()["data"]
    assert (stored["Follow_Up_At"], stored["Lead_Status"]) == ("2024-05-01T04:00:00+00:00", None)


def test_none_cannot_clear_a_mandatory_picklist(api: TestClient, full: Headers) -> None:
    response = api.post("/crm/v8/Deals", json={"data": [{"Deal_Name": "D", "Stage": "-None-"}]}, headers=full)
    assert response.json()["data"][0]["details"] == {"api_name": "Stage", "json_path": "$.data[0].Stage"}
