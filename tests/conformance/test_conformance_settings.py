"""settings/fields, settings/modules, users and org against the schemas written from their v8 specs."""

from __future__ import annotations

from typing import Any

import pytest

import zoho_schemas as z
from conformance_helpers import check, refuses

Headers = dict[str, str]
MODULES = ("Leads", "Contacts", "Accounts", "Deals", "Campaigns", "Tasks", "Projects", "Milestones")
#: Every data type the sample organisation has (issue 19: one of each kind a real organisation uses).
DATA_TYPES = {"text", "textarea", "email", "phone", "website", "picklist", "multiselectpicklist", "integer", "double",
              "currency", "percent", "boolean", "date", "datetime", "lookup", "ownerlookup", "autonumber", "formula",
              "fileupload", "imageupload", "multiselectlookup", "subform"}


def fields_of(api: Any, headers: Headers, module: str) -> list[dict[str, Any]]:
    return check(api.get("/crm/v8/settings/fields", params={"module": module}, headers=headers), 200,
                 z.FIELDS)["fields"]


@pytest.mark.parametrize("module", MODULES)
def test_fields_carry_every_key_the_spec_requires(api: Any, full: Headers, module: str) -> None:
    assert fields_of(api, full, module)


def test_the_sample_organisation_has_every_data_type(api: Any, full: Headers) -> None:
    seen = {f["data_type"] for module in MODULES for f in fields_of(api, full, module)}
    assert seen == DATA_TYPES


def test_type_specific_keys(api: Any, full: Headers) -> None:
    deals = {f["api_name"]: f for f in fields_of(api, full, "Deals")}
    projects = {f["api_name"]: f for f in fields_of(api, full, "Projects")}
    modules = {m["api_name"]: m["id"] for m in api.get("/crm/v8/settings/modules", headers=full).json()["modules"]}
    assert deals["Project"]["lookup"]["module"] == {"api_name": "Projects", "id": modules["Projects"], "crypt": False}
    assert deals["Weighted_Amount"]["formula"]["return_type"] == "currency"
    assert deals["Weighted_Amount"]["json_type"] == "double" and deals["Weighted_Amount"]["read_only"]
    assert deals["Amount"]["currency"] == {"rounding_option": "normal", "precision": 2}
    assert projects["Project_Code"]["auto_number"]["prefix"] == "PRJ-"
    assert projects["Milestones"]["associated_module"]["module"] == "Milestones"
    team = projects["Team"]["multiselectlookup"]
    assert team["connected_details"]["module"]["api_name"] == "Contacts"
    assert team["linking_details"]["module"]["api_name"] == "Projects_X_Contacts"
    assert projects["Name"]["display_field"] and not projects["Budget"]["display_field"]
    assert not projects["Team"]["sortable"] and projects["Budget"]["sortable"]


def test_fields_errors(api: Any, full: Headers) -> None:
    check(api.get("/crm/v8/settings/fields", headers=full), 400, z.FIELDS_ERROR)
    check(api.get("/crm/v8/settings/fields", params={"module": "Widgets"}, headers=full), 400, z.FIELDS_ERROR)


def test_modules(api: Any, full: Headers) -> None:
    modules = check(api.get("/crm/v8/settings/modules", headers=full), 200, z.MODULES)["modules"]
    assert {m["api_name"]: m["generated_type"] for m in modules}["Projects"] == "custom"


@pytest.mark.parametrize("kind", z.USER_TYPES)
def test_every_user_type_the_spec_lists(api: Any, full: Headers, kind: str) -> None:
    response = api.get("/crm/v8/users", params={"type": kind}, headers=full)
    check(response, 200, z.USERS)


def test_user_types_select_users(api: Any, full: Headers) -> None:
    def names(kind: str) -> set[str]:
        return {u["full_name"] for u in api.get("/crm/v8/users", params={"type": kind}, headers=full).json()["users"]}

    assert names("CurrentUser") == {"Ada Lovelace"}
    assert names("DeletedUsers") == {"Charles Babbage"} and "Charles Babbage" not in names("AllUsers")
    assert names("NotConfirmedUsers") == {"Hedy Lamarr"} and "Hedy Lamarr" not in names("ActiveConfirmedUsers")
    assert names("DeveloperUsers") == {"Margaret Hamilton"}
    assert names("ChildRoleUsers") == {"Grace Hopper", "Katherine Johnson", "Hedy Lamarr"}
    assert names("ParentRoleUsers") == set()
    assert len({u["role"]["name"] for u in api.get("/crm/v8/users", headers=full).json()["users"]}) == 3


def test_an_unknown_user_type(api: Any, full: Headers) -> None:
    check(api.get("/crm/v8/users", params={"type": "Everyone"}, headers=full), 400, z.USERS_ERROR)


def test_org_has_every_key_of_zoho_s_example(api: Any, full: Headers) -> None:
    [org] = check(api.get("/crm/v8/org", headers=full), 200, z.ORG)["org"]
    assert set(z.ORG_KEYS) <= set(org)
    assert refuses(z.ORG, {"org": [{k: v for k, v in org.items() if k != "license_details"}]})
