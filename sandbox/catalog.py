"""Static CRM metadata the sandbox serves: modules with their fields, users, the organization."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Fields every record module has, maintained by the server (ignored when a client sends them).
SYSTEM_FIELDS = ("id", "Created_Time", "Modified_Time", "Created_By", "Modified_By")


@dataclass(frozen=True)
class Field:
    api_name: str
    data_type: str  # text, textarea, email, phone, website, picklist, integer, currency, boolean, date, lookup, ownerlookup
    mandatory: bool = False
    lookup_module: str | None = None


@dataclass(frozen=True)
class Module:
    api_name: str
    singular_label: str
    plural_label: str
    module_id: str
    fields: tuple[Field, ...] = ()
    api_supported: bool = True

    @property
    def field_names(self) -> frozenset[str]:
        """Every field a client may ask for with `fields=`."""
        return frozenset(f.api_name for f in self.fields) | set(SYSTEM_FIELDS) | (
            {"Full_Name"} if self.has_full_name else set()
        )

    @property
    def has_full_name(self) -> bool:
        return any(f.api_name == "Last_Name" for f in self.fields)

    def field(self, api_name: str) -> Field | None:
        return next((f for f in self.fields if f.api_name == api_name), None)

    def metadata(self, sequence: int) -> dict[str, Any]:
        """The entry for GET settings/modules."""
        return {
            "id": self.module_id,
            "api_name": self.api_name,
            "module_name": self.api_name,
            "singular_label": self.singular_label,
            "plural_label": self.plural_label,
            "api_supported": self.api_supported,
            "creatable": self.api_supported,
            "editable": self.api_supported,
            "deletable": self.api_supported,
            "viewable": True,
            "generated_type": "default",
            "sequence_number": sequence,
            "visibility": 1,
            "modified_time": "2024-01-02T09:00:00+00:00",
        }


def _f(name: str, data_type: str = "text", mandatory: bool = False, lookup: str | None = None) -> Field:
    return Field(name, data_type, mandatory, lookup)


_OWNER = _f("Owner", "ownerlookup")

MODULES: tuple[Module, ...] = (
    Module("Home", "Home", "Home", "5725767000000002173", api_supported=False),
    Module("Leads", "Lead", "Leads", "5725767000000002175", (
        _OWNER, _f("First_Name"), _f("Last_Name", mandatory=True), _f("Email", "email"), _f("Company"),
        _f("Designation"), _f("Phone", "phone"), _f("Mobile", "phone"), _f("Website", "website"),
        _f("Lead_Source", "picklist"), _f("Lead_Status", "picklist"), _f("Industry", "picklist"),
        _f("Annual_Revenue", "currency"), _f("No_of_Employees", "integer"), _f("City"), _f("Country"),
        _f("Email_Opt_Out", "boolean"), _f("Description", "textarea"),
    )),
    Module("Contacts", "Contact", "Contacts", "5725767000000002179", (
        _OWNER, _f("First_Name"), _f("Last_Name", mandatory=True), _f("Email", "email"), _f("Title"),
        _f("Department"), _f("Phone", "phone"), _f("Mobile", "phone"),
        _f("Account_Name", "lookup", lookup="Accounts"), _f("Lead_Source", "picklist"), _f("Mailing_City"),
        _f("Mailing_Country"), _f("Date_of_Birth", "date"), _f("Description", "textarea"),
    )),
    Module("Accounts", "Account", "Accounts", "5725767000000002177", (
        _OWNER, _f("Account_Name", mandatory=True), _f("Website", "website"), _f("Phone", "phone"),
        _f("Industry", "picklist"), _f("Account_Type", "picklist"), _f("Annual_Revenue", "currency"),
        _f("Employees", "integer"), _f("Billing_City"), _f("Billing_Country"), _f("Description", "textarea"),
    )),
    Module("Deals", "Deal", "Deals", "5725767000000002181", (
        _OWNER, _f("Deal_Name", mandatory=True), _f("Stage", "picklist", mandatory=True), _f("Amount", "currency"),
        _f("Closing_Date", "date"), _f("Account_Name", "lookup", lookup="Accounts"),
        _f("Contact_Name", "lookup", lookup="Contacts"), _f("Probability", "integer"), _f("Type", "picklist"),
        _f("Lead_Source", "picklist"), _f("Description", "textarea"),
    )),
    Module("Campaigns", "Campaign", "Campaigns", "5725767000000002185", (
        _OWNER, _f("Campaign_Name", mandatory=True), _f("Type", "picklist"), _f("Status", "picklist"),
        _f("Start_Date", "date"), _f("End_Date", "date"), _f("Budgeted_Cost", "currency"),
        _f("Expected_Revenue", "currency"), _f("Description", "textarea"),
    )),
    Module("Tasks", "Task", "Tasks", "5725767000000002187", (
        _OWNER, _f("Subject", mandatory=True), _f("Due_Date", "date"), _f("Status", "picklist"),
        _f("Priority", "picklist"), _f("Description", "textarea"),
    )),
    Module("Feeds", "Feed", "Feeds", "5725767000000002189", api_supported=False),
    Module("Reports", "Report", "Reports", "5725767000000002191", api_supported=False),
    Module("Dashboards", "Dashboard", "Dashboards", "5725767000000002193", api_supported=False),
)

RECORD_MODULES: dict[str, Module] = {m.api_name: m for m in MODULES if m.api_supported}

#: Which field names a lookup to a module shows ({"name": ..., "id": ...}).
LOOKUP_NAME_FIELD = {"Accounts": "Account_Name", "Contacts": "Full_Name", "Leads": "Full_Name", "Deals": "Deal_Name",
                     "Campaigns": "Campaign_Name", "Tasks": "Subject"}

_ADMIN_ROLE = {"name": "CEO", "id": "5725767000000026005"}
_SALES_ROLE = {"name": "Manager", "id": "5725767000000026008"}
_ADMIN_PROFILE = {"name": "Administrator", "id": "5725767000000026011"}
_STANDARD_PROFILE = {"name": "Standard", "id": "5725767000000026014"}


def _user(uid: str, first: str, last: str, role: dict[str, str], profile: dict[str, str], status: str) -> dict[str, Any]:
    email = f"{first}.{last}@analytical-engines.example".lower()
    return {
        "id": uid,
        "zuid": str(int(uid) % 100_000_000 + 700_000_000),
        "first_name": first,
        "last_name": last,
        "full_name": f"{first} {last}",
        "email": email,
        "role": role,
        "profile": profile,
        "status": status,
        "confirm": True,
        "country": "US",
        "locale": "en_US",
        "language": "en_US",
        "time_zone": "America/Los_Angeles",
        "date_format": "MM-dd-yyyy",
        "time_format": "hh:mm a",
        "phone": None,
        "created_time": "2024-01-02T09:00:00+00:00",
        "Modified_Time": "2024-01-02T09:00:00+00:00",
    }


USERS: tuple[dict[str, Any], ...] = (
    _user("5725767000000411001", "Ada", "Lovelace", _ADMIN_ROLE, _ADMIN_PROFILE, "active"),
    _user("5725767000000411002", "Grace", "Hopper", _SALES_ROLE, _STANDARD_PROFILE, "active"),
    _user("5725767000000411003", "Alan", "Turing", _SALES_ROLE, _STANDARD_PROFILE, "disabled"),
)
CURRENT_USER = USERS[0]

#: GET users?type=... -> which users.
USER_TYPES = {
    "AllUsers": lambda u: True,
    "ActiveUsers": lambda u: u["status"] == "active",
    "DeactiveUsers": lambda u: u["status"] == "disabled",
    "AdminUsers": lambda u: u["profile"] == _ADMIN_PROFILE,
    "CurrentUser": lambda u: u is CURRENT_USER,
}

ORG: dict[str, Any] = {
    "id": "5725767000000410001",
    "company_name": "Analytical Engines Ltd",
    "alias": "analytical-engines",
    "primary_email": CURRENT_USER["email"],
    "primary_zuid": CURRENT_USER["zuid"],
    "zgid": "790010001",
    "domain_name": "org790010001",
    "currency": "US Dollar - USD",
    "currency_symbol": "$",
    "currency_locale": "en_US",
    "iso_code": "USD",
    "time_zone": "America/Los_Angeles",
    "country_code": "US",
    "country": "United States",
    "phone": "+1 555 0100",
    "website": "https://analytical-engines.example",
    "employee_count": "12",
    "type": "production",
    "mc_status": False,
    "photo_id": None,
}


def user_ref(user: dict[str, Any]) -> dict[str, str]:
    """How records refer to a user (Owner, Created_By, Modified_By)."""
    return {"name": user["full_name"], "id": user["id"], "email": user["email"]}
