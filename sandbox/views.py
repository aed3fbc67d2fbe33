"""Custom views (list views): GET settings/custom_views?module=X, and the records of one view (`cvid=`).

Shapes from zoho/crm-oas v8.0/custom_views/operations/getCustomViews (example response-200-successresponse.md);
an unknown `cvid` is INVALID_DATA {"param_name": "cvid"} (record/operations/getRecords example 400-invalidcvid.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .catalog import CURRENT_USER, Module
from .data import Record
from .records import RequestError
from .search import Matcher, criteria_matcher


@dataclass(frozen=True)
class View:
    view_id: str
    name: str
    system_name: str | None
    #: Search criteria choosing the view's records (None: all of them).
    criteria: str | None = None


def _views(module: Module) -> tuple[View, ...]:
    base = int(module.module_id[-4:]) * 10
    prefix = module.module_id[:-5]
    own = f"(Owner:equals:{CURRENT_USER['id']})"
    views = [View(f"{prefix}{base + 1:05d}", f"All {module.plural_label}", f"ALLVIEWS"),
             View(f"{prefix}{base + 2:05d}", f"My {module.plural_label}", "MYVIEWS", own)]
    extra = {
        "Leads": [View(f"{prefix}{base + 3:05d}", "Contacted Leads", None, "(Lead_Status:equals:Contacted)")],
        "Deals": [View(f"{prefix}{base + 3:05d}", "Open Deals", None,
                       "((Stage:not_equal:Closed Won)and(Stage:not_equal:Closed Lost))"),
                  View(f"{prefix}{base + 4:05d}", "Closed Won", None, "(Stage:equals:Closed Won)")],
    }
    return tuple(views + extra.get(module.api_name, []))


def custom_views(module: Module) -> dict[str, Any]:
    """The answer of GET settings/custom_views?module=..."""
    views = _views(module)
    entries = [{
        "id": v.view_id, "name": v.name, "display_value": v.name, "system_name": v.system_name,
        "system_defined": v.system_name is not None, "default": n == 0, "category": "public_views"
        if v.system_name else "created_by_me", "access_type": "public" if v.system_name else "only_to_me",
        "created_by": {"name": CURRENT_USER["full_name"], "id": CURRENT_USER["id"]},
        "modified_by": {"name": CURRENT_USER["full_name"], "id": CURRENT_USER["id"]},
        "created_time": "2024-01-02T09:00:00+00:00", "modified_time": "2024-01-02T09:00:00+00:00",
        "last_accessed_time": None, "locked": False,
    } for n, v in enumerate(views)]
    return {"custom_views": entries, "info": {
        "per_page": 200, "default": views[0].view_id, "count": len(views), "page": 1, "more_records": False,
        "translation": {"public_views": "Public Views", "other_users_views": "Other User's Views",
                        "shared_with_me": "Shared With Me", "created_by_me": "Created By Me"}}}


def view_filter(module: Module, cvid: str) -> Matcher:
    """Which records the view `cvid` shows; INVALID_DATA for an id that is not one of the module's views."""
    view = next((v for v in _views(module) if v.view_id == cvid), None)
    if view is None:
        raise RequestError("INVALID_DATA", {"param_name": "cvid"})
    if view.criteria is None:
        return lambda record: True
    return criteria_matcher(module, view.criteria)


def in_view(module: Module, records: list[Record], cvid: str | None) -> list[Record]:
    if cvid is None:
        return records
    keep = view_filter(module, cvid)
    return [r for r in records if keep(r)]
