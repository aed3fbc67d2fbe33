"""Layouts (GET settings/layouts?module=X) and related lists (GET settings/related_lists?module=X).

Shapes from zoho/crm-oas v8.0/layouts/operations/getLayouts/operation.md (layouts with sections of field objects)
and v8.0/related_lists. One "Standard" layout per module; its sections group the fields the way Zoho's standard
layouts do: the module's information, subforms in sections of their own, files, and the description.
"""

from __future__ import annotations

from typing import Any

from .catalog import CURRENT_USER, MODULES, PROFILES, RECORD_MODULES, Field, Module
from .field_meta import field_metadata

_ACTIONS = {"add_field": True, "rename": True, "change_tab_traversal": True, "reorder": True, "delete": False,
            "remove_field": True, "change_column_count": True}
#: Related lists every module has, beside those its lookups give (name, display label, module they list).
STANDARD_RELATED = (("Notes", "Notes", "Notes"), ("Attachments", "Attachments", "Attachments"))


def _sections(module: Module) -> list[tuple[str, str, list[Field], bool]]:
    """(api name, label, fields, is a subform section) in the layout's order."""
    info = [f for f in module.fields if f.data_type not in ("subform", "fileupload", "imageupload")
            and f.api_name != "Description"]
    sections = [(f"{module.singular_label}_Information", f"{module.singular_label} Information", info, False)]
    sections += [(f.api_name, f.label, [f], True) for f in module.fields if f.data_type == "subform"]
    files = [f for f in module.fields if f.data_type in ("fileupload", "imageupload")]
    if files:
        sections.append(("Files", "Files", files, False))
    description = [f for f in module.fields if f.api_name == "Description"]
    if description:
        sections.append(("Description_Information", "Description Information", description, False))
    return sections


def layouts(module: Module) -> dict[str, Any]:
    """The answer of GET settings/layouts?module=..."""
    layout_id = f"{module.module_id[:-6]}095055"
    positions = {f.api_name: n for n, f in enumerate(module.fields, start=1)}
    sections = []
    for number, (api_name, label, fields, subform) in enumerate(_sections(module), start=1):
        sections.append({
            "id": f"{layout_id[:-2]}{number:02d}", "api_name": api_name, "name": api_name, "display_label": label,
            "sequence_number": number, "column_count": 1 if subform or api_name == "Description_Information" else 2,
            "tab_traversal": "left_to_right", "isSubformSection": subform, "mode": "all", "type": "used",
            "generated_type": "default", "actions_allowed": _ACTIONS, "parent_section": None,
            "fields": [field_metadata(module, f, positions[f.api_name]) | {"sequence_number": n}
                       for n, f in enumerate(fields, start=1)],
        })
    owner = {"name": CURRENT_USER["full_name"], "id": CURRENT_USER["id"]}
    return {"layouts": [{
        "id": layout_id, "name": "Standard", "api_name": "Standard__s", "display_label": "Standard",
        "visible": True, "status": "active", "source": "crm", "created_for": None, "has_more_profiles": False,
        "created_time": "2024-01-02T09:00:00+00:00", "modified_time": "2024-01-02T09:00:00+00:00",
        "created_by": owner, "modified_by": owner, "convert_mapping": None, "generated_type": "default",
        "profiles": [{"name": p["name"], "id": p["id"], "default": True,
                      "_default_view": {"name": "Standard", "id": layout_id, "type": "layout"},
                      "_default_assignment_view": {"name": "Standard", "id": layout_id, "type": "layout"}}
                     for p in PROFILES],
        "sections": sections,
    }]}


def related_lists_of(module: Module) -> list[tuple[str, str, Module | None, Field | None]]:
    """(api name, label, the module listed, the lookup field in it that points at `module`): the lookups of other
    modules to this one, then Notes and Attachments (the listed module None: kept by the sandbox apart)."""
    found = [(other.api_name, other.plural_label, other, field) for other in MODULES if other.api_supported
             for field in other.fields if field.lookup_module == module.api_name]
    names = [name for name, *_ in found]
    unique = [entry for entry in found if names.count(entry[0]) == 1]
    return unique + [(name, label, None, None) for name, label, _ in STANDARD_RELATED]


def related_lists(module: Module) -> dict[str, Any]:
    """The answer of GET settings/related_lists?module=..."""
    entries = []
    for number, (api_name, label, listed, _) in enumerate(related_lists_of(module), start=1):
        listed_name = listed.api_name if listed else api_name
        listed_id = listed.module_id if listed else f"{module.module_id[:-4]}{9100 + number}"
        entries.append({
            "id": f"{module.module_id[:-4]}{9200 + number}", "sequence_number": str(number),
            "display_label": label, "api_name": api_name, "name": api_name, "type": "default",
            "module": {"api_name": listed_name, "id": listed_id}, "href": f"{module.api_name}/{{ENTITYID}}/{api_name}",
            "action": None, "visible": True, "connectedmodule": None, "linkingmodule": None,
        })
    return {"related_lists": entries}


def related_module(module: Module, name: str) -> tuple[Module, Field] | None:
    """The module a lookup related list lists and the lookup field that ties its records to the parent."""
    for api_name, _, listed, field in related_lists_of(module):
        if api_name == name and listed is not None and field is not None:
            return RECORD_MODULES[listed.api_name], field
    return None
