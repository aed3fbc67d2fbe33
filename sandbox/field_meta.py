"""A field as GET settings/fields describes it: every key the v8 field schema requires, for every data type.

Shapes from zoho/crm-oas v8.0/fields/operations/getFields/operation.md (the `FieldSchema`) and its example
response-200-fullexample.md; the COQL example with `include_meta: ["fields"]` answers the same objects.
"""

from __future__ import annotations

from typing import Any

from .catalog import MODULES, NONE_CHOICE, PROFILES, Field, Module
from .mass_update import mass_updatable

#: data_type -> Zoho's `ui_type` number. The spec gives no table: text 1, ownerlookup 8 and double 38 are those its
#: examples show; the others are the sandbox's own numbers (one per type, stable).
UI_TYPES = {
    "text": 1, "picklist": 2, "textarea": 3, "email": 25, "phone": 33, "website": 21, "multiselectpicklist": 100,
    "integer": 32, "double": 38, "currency": 36, "percent": 39, "boolean": 301, "date": 24, "datetime": 333,
    "lookup": 133, "ownerlookup": 8, "autonumber": 111, "formula": 118, "fileupload": 555, "imageupload": 556,
    "multiselectlookup": 150, "subform": 560,
}
#: Types a person cannot edit in the web form or through the API (the server fills them).
_COMPUTED = frozenset({"autonumber", "formula"})
_LAYOUT = {"api_name": "Standard__s", "name": "Standard", "id_suffix": "095055"}


def _module(api_name: str) -> Module:
    return next(m for m in MODULES if m.api_name == api_name)


def _picklist_values(field: Field, field_id: str) -> list[dict[str, Any]]:
    if field.data_type not in ("picklist", "multiselectpicklist"):
        return []
    values = ((NONE_CHOICE,) if field.data_type == "picklist" and not field.mandatory else ()) + field.choices
    return [{"display_value": v, "actual_value": v, "reference_value": v, "sequence_number": n,
             "id": f"{field_id}{n:03d}", "type": "used"} for n, v in enumerate(values, start=1)]


def _lookup(field: Field, field_id: str) -> dict[str, Any]:
    if field.lookup_module is None:
        return {}
    target = _module(field.lookup_module)
    return {"display_label": field.label, "api_name": field.api_name, "id": field_id, "revalidate_filter_during_edit":
            False, "module": {"api_name": target.api_name, "id": target.module_id, "crypt": False},
            "query_details": {}}


def _multiselectlookup(field: Field, module: Module, field_id: str) -> dict[str, Any] | None:
    if field.linking is None:
        return {}
    linking_module, connected_field, connected_module = field.linking
    target = _module(connected_module)
    ids = f"{field_id[:-4]}{int(field_id[-4:]) + 500}"
    return {
        "linking_details": {
            "module": {"visibility": 1, "plural_label": linking_module.replace("_", " "), "api_name": linking_module,
                       "id": f"{module.module_id[:-4]}{int(module.module_id[-4:]) + 7000}"},
            "lookup_field": {"api_name": module.singular_label, "field_label": module.singular_label, "id": ids},
            "connected_lookup_field": {"api_name": connected_field, "field_label": connected_field,
                                       "id": f"{ids[:-1]}1"},
        },
        "connected_details": {
            "field": {"api_name": field.api_name, "field_label": field.label, "id": field_id},
            "module": {"plural_label": target.plural_label, "api_name": target.api_name, "id": target.module_id},
            "layouts": [{"api_name": _LAYOUT["api_name"], "id": f"{target.module_id[:-6]}{_LAYOUT['id_suffix']}"}],
        },
        "related_list": {"display_label": field.label, "api_name": field.api_name, "id": f"{ids[:-1]}2"},
    }


def field_metadata(module: Module, field: Field, position: int) -> dict[str, Any]:
    """The settings/fields entry of `module`'s field at `position` (from 1)."""
    field_id = module.field_id(position)
    editable = not field.read_only and field.data_type not in _COMPUTED
    currency_like = field.value_type == "currency"
    layout_id = f"{module.module_id[:-6]}{_LAYOUT['id_suffix']}"
    subform_module = None
    if field.subform is not None:
        subform_module = {"module": field.subform[0], "id": f"{module.module_id[:-4]}{int(module.module_id[-4:]) + 8000}"}
    return {
        "associated_module": subform_module,
        "webhook": field.data_type not in ("subform", "multiselectlookup"),
        "operation_type": {"web_update": editable, "api_create": editable, "web_create": editable,
                           "api_update": editable},
        "colour_code_enabled_by_system": False,
        "field_label": field.label,
        "tooltip": None,
        "display_format_properties": None,
        "type": "used",
        "field_read_only": field.read_only,
        "customizable_properties": ["mandatory"] if field.custom else [],
        "display_label": field.label,
        "read_only": field.read_only,
        "association_details": None,
        "businesscard_supported": field.data_type not in ("subform", "multiselectlookup", "textarea"),
        "multi_module_lookup": {},
        "id": field_id,
        "created_time": "2024-01-02T09:00:00+00:00" if field.custom else None,
        "modified_time": "2024-01-02T09:00:00+00:00" if field.custom else None,
        "filterable": field.sortable,
        "visible": True,
        "profiles": [{"permission_type": "read_only" if field.read_only else "read_write", "name": p["name"],
                      "id": p["id"]} for p in PROFILES],
        "view_type": {"view": True, "edit": editable, "quick_create": field.mandatory, "create": editable},
        "separator": False,
        "searchable": field.sortable and field.data_type != "formula",
        "history_tracking_enabled": False,
        "external": None,
        "api_name": field.api_name,
        "parent_field": None,
        "unique": {},
        "enable_colour_code": False,
        "child_fields": None,
        "pick_list_values": _picklist_values(field, field_id),
        "system_mandatory": field.mandatory,
        "private": None,
        "virtual_field": False,
        "json_type": field.json_type,
        "crypt": None,
        "range": None,
        "created_source": "crm" if field.custom else "default",
        "display_type": -1,
        "ui_type": UI_TYPES[field.data_type],
        "public": False,
        "email_parser": {"fields_update_supported": False, "record_operations_supported": True},
        "currency": {"rounding_option": "normal", "precision": 2} if currency_like else {},
        "custom_field": field.custom,
        "lookup": _lookup(field, field_id),
        "hipaa_compliance": None,
        "convert_mapping": {"Contacts": None, "Deals": None, "Accounts": None},
        "address": None,
        "rollup_summary": {},
        "length": field.max_length,
        "column_name": field.api_name.upper(),
        "display_field": field.api_name == module.display_field,
        "pick_list_values_sorted_lexically": False,
        "sortable": field.sortable,
        "global_picklist": None,
        "display_format": None,
        "history_tracking": None,
        "data_type": field.data_type,
        "formula": {"return_type": field.formula_return, "dynamic": False, "stop_compute_conditionally": False,
                    "assume_default": True} if field.formula_return else {},
        "additional_column": None,
        "hipaa_compliance_enabled": False,
        "decimal_place": 2 if field.value_type in ("currency", "double") else None,
        "mass_update": mass_updatable(field),
        "multiselectlookup": _multiselectlookup(field, module, field_id),
        "auto_number": {"prefix": field.auto_number[0], "suffix": None, "start_number": field.auto_number[1],
                        "starting_number_length": len(str(field.auto_number[1]))} if field.auto_number else {},
        "layout_associations": [{"api_name": _LAYOUT["api_name"], "name": _LAYOUT["name"], "id": layout_id}],
    }


def fields_metadata(module: Module) -> list[dict[str, Any]]:
    """GET settings/fields?module=... ."""
    return [field_metadata(module, f, n) for n, f in enumerate(module.fields, start=1)]
