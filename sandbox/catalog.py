"""Static CRM metadata the sandbox serves: modules with their fields, users, the organization."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Field values the server maintains (ignored when a client sends them); every module has them.
SYSTEM_FIELDS = ("id", "Created_Time", "Modified_Time", "Created_By", "Modified_By")

#: data_type -> (json_type, default length). One table for the metadata and the write checks.
DATA_TYPES: dict[str, tuple[str, int]] = {
    "text": ("string", 255),
    "textarea": ("string", 32000),
    "email": ("string", 100),
    "phone": ("string", 30),
    "website": ("string", 255),
    "picklist": ("string", 120),
    "multiselectpicklist": ("jsonarray", 2000),
    "integer": ("integer", 9),
    "double": ("double", 16),
    "currency": ("double", 16),
    "percent": ("double", 5),
    "boolean": ("boolean", 5),
    "date": ("string", 20),
    "datetime": ("string", 120),
    "lookup": ("jsonobject", 120),
    "ownerlookup": ("jsonobject", 120),
    "autonumber": ("string", 255),
    "formula": ("double", 16),
    "fileupload": ("jsonarray", 255),
    "imageupload": ("jsonarray", 255),
    "multiselectlookup": ("jsonarray", 255),
    "subform": ("jsonarray", 255),
}
#: Types whose values are text: searchable by word, and compared as text.
TEXT_TYPES = frozenset({"text", "textarea", "email", "phone", "website", "picklist", "autonumber"})
#: Types no list sorts by, and no search criteria or COQL condition takes.
UNSORTABLE_TYPES = frozenset({"textarea", "multiselectpicklist", "fileupload", "imageupload", "multiselectlookup",
                              "subform"})
#: Zoho's empty choice at the top of every optional picklist.
NONE_CHOICE = "-None-"


@dataclass(frozen=True)
class Field:
    api_name: str
    label: str
    data_type: str
    mandatory: bool = False
    read_only: bool = False
    length: int | None = None
    choices: tuple[str, ...] = ()
    lookup_module: str | None = None
    custom: bool = False
    #: A formula's return type (currency, double ...), which decides how its values compare.
    formula_return: str | None = None
    #: An autonumber's prefix and first number.
    auto_number: tuple[str, int] | None = None
    #: A subform's own module name and fields.
    subform: tuple[str, tuple["Field", ...]] | None = None
    #: A multi-select lookup's linking module, the linking field that names the connected record, and its module.
    linking: tuple[str, str, str] | None = None

    def __post_init__(self) -> None:
        if self.data_type not in DATA_TYPES:
            raise ValueError(f"{self.api_name}: unknown data type {self.data_type}")
        if (self.lookup_module is not None) != (self.data_type == "lookup"):
            raise ValueError(f"{self.api_name}: a lookup, and only a lookup, names its module")
        if (self.formula_return is not None) != (self.data_type == "formula"):
            raise ValueError(f"{self.api_name}: a formula, and only a formula, names its return type")
        if (self.subform is not None) != (self.data_type == "subform"):
            raise ValueError(f"{self.api_name}: a subform, and only a subform, lists its fields")
        if (self.linking is not None) != (self.data_type == "multiselectlookup"):
            raise ValueError(f"{self.api_name}: a multi-select lookup, and only one, names its linking module")

    @property
    def max_length(self) -> int:
        return self.length or DATA_TYPES[self.data_type][1]

    @property
    def json_type(self) -> str:
        return DATA_TYPES[self.value_type][0]

    @property
    def value_type(self) -> str:
        """The type its values have (a formula's is its return type)."""
        return self.formula_return or self.data_type

    @property
    def sortable(self) -> bool:
        return self.data_type not in UNSORTABLE_TYPES

    @property
    def subform_fields(self) -> tuple["Field", ...]:
        return self.subform[1] if self.subform else ()

    @property
    def multi_lookup(self) -> tuple[str, str] | None:
        """(the linking field naming the connected record, the connected module) of a multi-select lookup."""
        return (self.linking[1], self.linking[2]) if self.linking else None


@dataclass(frozen=True)
class Module:
    api_name: str
    singular_label: str
    plural_label: str
    module_id: str
    fields: tuple[Field, ...] = ()
    api_supported: bool = True
    custom: bool = False

    @property
    def field_names(self) -> frozenset[str]:
        """Every field a client may ask for with `fields=`."""
        return frozenset(f.api_name for f in self.fields) | {"id"}

    @property
    def display_field(self) -> str | None:
        """The field that names a record (what lookups to it show)."""
        return LOOKUP_NAME_FIELD.get(self.api_name)

    @property
    def has_full_name(self) -> bool:
        return self.field("Full_Name") is not None

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
            "generated_type": "custom" if self.custom else "default",
            "sequence_number": sequence,
            "visibility": 1,
            "modified_time": "2024-01-02T09:00:00+00:00",
            "modified_by": None,
            "actual_singular_label": self.singular_label,
            "actual_plural_label": self.plural_label,
            "description": None,
            "access_type": "org_based",
            "private_profile": None,
            "has_more_profiles": False,
            "profiles": [{"name": p["name"], "id": p["id"]} for p in PROFILES],
            "profile_count": len(PROFILES),
            "show_as_tab": True,
            "status": "visible",
            "quick_create": self.api_supported,
            "lookupable": self.api_supported,
            "global_search_supported": self.api_supported,
            "convertable": self.api_name == "Leads",
            "recycle_bin_on_delete": self.api_supported,
            "isBlueprintSupported": self.api_supported,
            "presence_sub_menu": self.api_supported,
            "sub_menu_available": self.api_supported,
            "feeds_required": False,
            "public_fields_configured": False,
            "business_card_field_limit": 5,
            "web_link": None,
            "arguments": [],
            "parent_module": {},
        }

    def field_id(self, position: int) -> str:
        """The id of the field at `position` (from 1): derived from the module's id and the field's place."""
        return f"{self.module_id[:11]}{self.module_id[-4:]}{9000 + position}"


# Picklists (also what the seeded records choose from).
LEAD_SOURCES = ("Advertisement", "Cold Call", "Employee Referral", "External Referral", "Online Store", "Partner",
                "Public Relations", "Seminar Partner", "Trade Show", "Web Download", "Web Research", "Chat")
LEAD_STATUSES = ("Attempted to Contact", "Contact in Future", "Contacted", "Junk Lead", "Lost Lead",
                 "Not Contacted", "Pre-Qualified", "Not Qualified")
INDUSTRIES = ("ASP (Application Service Provider)", "Data/Telecom OEM", "ERP (Enterprise Resource Planning)",
              "Government/Military", "Large Enterprise", "Management ISV", "Non-management ISV",
              "Service Provider", "Small/Medium Enterprise", "Storage Equipment")
INTERESTS = ("CRM", "Analytics", "Support", "Training", "Integrations")
ACCOUNT_TYPES = ("Analyst", "Competitor", "Customer", "Distributor", "Integrator", "Investor", "Partner",
                 "Prospect", "Reseller", "Vendor")
STAGES = ("Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers", "Proposal/Price Quote",
          "Negotiation/Review", "Closed Won", "Closed Lost")
DEAL_TYPES = ("New Business", "Existing Business")
CAMPAIGN_TYPES = ("Advertisement", "Banner Ads", "Conference", "Email", "Partner", "Public Relations",
                  "Referral Program", "Telemarketing", "Trade Show", "Webinar")
CAMPAIGN_STATUSES = ("Planning", "Active", "Inactive", "Complete")
TASK_STATUSES = ("Not Started", "Deferred", "In Progress", "Completed", "Waiting for input")
PROJECT_STATUSES = ("Planned", "In Progress", "On Hold", "Delivered")
TASK_PRIORITIES = ("High", "Highest", "Low", "Lowest", "Normal")


def _f(name: str, label: str, data_type: str = "text", **options: Any) -> Field:
    return Field(name, label, data_type, **options)


def _record_fields(singular: str, *own: Field) -> tuple[Field, ...]:
    """A module's own fields, then those every module has (owner, creation and change stamps)."""
    return (
        _f("Owner", f"{singular} Owner", "ownerlookup"),
        *own,
        _f("Created_By", "Created By", "ownerlookup", read_only=True),
        _f("Modified_By", "Modified By", "ownerlookup", read_only=True),
        _f("Created_Time", "Created Time", "datetime", read_only=True),
        _f("Modified_Time", "Modified Time", "datetime", read_only=True),
    )


def _person(*own: Field) -> tuple[Field, ...]:
    return (_f("First_Name", "First Name", length=40), _f("Last_Name", "Last Name", mandatory=True, length=80),
            _f("Full_Name", "Full Name", read_only=True, length=120), *own)


MODULES: tuple[Module, ...] = (
    Module("Home", "Home", "Home", "5725767000000002173", api_supported=False),
    Module("Leads", "Lead", "Leads", "5725767000000002175", _record_fields("Lead", *_person(
        _f("Email", "Email", "email"), _f("Company", "Company", length=200), _f("Designation", "Title", length=100),
        _f("Phone", "Phone", "phone"), _f("Mobile", "Mobile", "phone"), _f("Website", "Website", "website"),
        _f("Lead_Source", "Lead Source", "picklist", choices=LEAD_SOURCES),
        _f("Lead_Status", "Lead Status", "picklist", choices=LEAD_STATUSES),
        _f("Industry", "Industry", "picklist", choices=INDUSTRIES),
        _f("Annual_Revenue", "Annual Revenue", "currency"), _f("No_of_Employees", "No. of Employees", "integer"),
        _f("City", "City", length=100), _f("Country", "Country", length=100),
        _f("Email_Opt_Out", "Email Opt Out", "boolean"),
        _f("Interests", "Interests", "multiselectpicklist", choices=INTERESTS, custom=True),
        _f("Follow_Up_At", "Follow-up At", "datetime", custom=True),
        _f("Description", "Description", "textarea"),
    ))),
    Module("Contacts", "Contact", "Contacts", "5725767000000002179", _record_fields("Contact", *_person(
        _f("Email", "Email", "email"), _f("Title", "Title", length=100), _f("Department", "Department", length=100),
        _f("Phone", "Phone", "phone"), _f("Mobile", "Mobile", "phone"),
        _f("Account_Name", "Account Name", "lookup", lookup_module="Accounts"),
        _f("Lead_Source", "Lead Source", "picklist", choices=LEAD_SOURCES),
        _f("Mailing_City", "Mailing City", length=100), _f("Mailing_Country", "Mailing Country", length=100),
        _f("Date_of_Birth", "Date of Birth", "date"), _f("Description", "Description", "textarea"),
    ))),
    Module("Accounts", "Account", "Accounts", "5725767000000002177", _record_fields(
        "Account",
        _f("Account_Name", "Account Name", mandatory=True, length=200), _f("Website", "Website", "website"),
        _f("Phone", "Phone", "phone"), _f("Industry", "Industry", "picklist", choices=INDUSTRIES),
        _f("Account_Type", "Account Type", "picklist", choices=ACCOUNT_TYPES),
        _f("Annual_Revenue", "Annual Revenue", "currency"), _f("Employees", "Employees", "integer"),
        _f("Billing_City", "Billing City", length=30), _f("Billing_Country", "Billing Country", length=30),
        _f("Description", "Description", "textarea"),
    )),
    Module("Deals", "Deal", "Deals", "5725767000000002181", _record_fields(
        "Deal",
        _f("Deal_Name", "Deal Name", mandatory=True, length=120),
        _f("Stage", "Stage", "picklist", mandatory=True, choices=STAGES), _f("Amount", "Amount", "currency"),
        _f("Closing_Date", "Closing Date", "date"),
        _f("Account_Name", "Account Name", "lookup", lookup_module="Accounts"),
        _f("Contact_Name", "Contact Name", "lookup", lookup_module="Contacts"),
        _f("Probability", "Probability (%)", "percent"), _f("Type", "Type", "picklist", choices=DEAL_TYPES),
        _f("Lead_Source", "Lead Source", "picklist", choices=LEAD_SOURCES),
        _f("Description", "Description", "textarea"),
        _f("Project", "Project", "lookup", lookup_module="Projects", custom=True),
        _f("Weighted_Amount", "Weighted Amount", "formula", read_only=True, custom=True, formula_return="currency"),
    )),
    Module("Campaigns", "Campaign", "Campaigns", "5725767000000002185", _record_fields(
        "Campaign",
        _f("Campaign_Name", "Campaign Name", mandatory=True, length=120),
        _f("Type", "Type", "picklist", choices=CAMPAIGN_TYPES),
        _f("Status", "Status", "picklist", choices=CAMPAIGN_STATUSES),
        _f("Start_Date", "Start Date", "date"), _f("End_Date", "End Date", "date"),
        _f("Budgeted_Cost", "Budgeted Cost", "currency"), _f("Expected_Revenue", "Expected Revenue", "currency"),
        _f("Expected_Response", "Expected Response (%)", "percent"), _f("Description", "Description", "textarea"),
    )),
    Module("Tasks", "Task", "Tasks", "5725767000000002187", _record_fields(
        "Task",
        _f("Subject", "Subject", mandatory=True, length=300), _f("Due_Date", "Due Date", "date"),
        _f("Who_Id", "Contact Name", "lookup", lookup_module="Contacts"),
        _f("Status", "Status", "picklist", choices=TASK_STATUSES),
        _f("Priority", "Priority", "picklist", choices=TASK_PRIORITIES),
        _f("Description", "Description", "textarea"),
    )),
    Module("Projects", "Project", "Projects", "5725767000000002195", _record_fields(
        "Project",
        _f("Name", "Project Name", mandatory=True, length=120, custom=True),
        _f("Project_Code", "Project Code", "autonumber", read_only=True, custom=True, auto_number=("PRJ-", 1001)),
        _f("Account", "Account", "lookup", lookup_module="Accounts", custom=True),
        _f("Status", "Status", "picklist", choices=PROJECT_STATUSES, custom=True),
        _f("Budget", "Budget", "currency", custom=True),
        _f("Start_Date", "Start Date", "date", custom=True),
        _f("Milestones", "Milestones", "subform", custom=True, subform=("Milestones", (
            _f("Milestone", "Milestone", length=120, custom=True), _f("Due_Date", "Due Date", "date", custom=True),
            _f("Hours", "Hours", "double", custom=True), _f("Done", "Done", "boolean", custom=True)))),
        _f("Team", "Team", "multiselectlookup", custom=True, linking=("Projects_X_Contacts", "Contact", "Contacts")),
        _f("Contract", "Contract", "fileupload", custom=True),
        _f("Cover_Image", "Cover Image", "imageupload", custom=True),
        _f("Description", "Description", "textarea"),
    ), custom=True),
    Module("Feeds", "Feed", "Feeds", "5725767000000002189", api_supported=False),
    Module("Reports", "Report", "Reports", "5725767000000002191", api_supported=False),
    Module("Dashboards", "Dashboard", "Dashboards", "5725767000000002193", api_supported=False),
)

RECORD_MODULES: dict[str, Module] = {m.api_name: m for m in MODULES if m.api_supported}
#: Subform modules (their fields are listed by settings/fields, their rows live inside their parent's records).
SUBFORM_MODULES: dict[str, Module] = {
    f.subform[0]: Module(f.subform[0], f.subform[0], f.subform[0], f"{m.module_id[:-4]}{int(m.module_id[-4:]) + 8000}",
                         f.subform[1], custom=True)
    for m in MODULES for f in m.fields if f.subform is not None}
#: Any module name Zoho knows (including those the API does not serve).
ALL_MODULES: dict[str, Module] = {m.api_name: m for m in MODULES}

#: Which field names a lookup to a module shows ({"name": ..., "id": ...}).
LOOKUP_NAME_FIELD = {"Accounts": "Account_Name", "Contacts": "Full_Name", "Leads": "Full_Name", "Deals": "Deal_Name",
                     "Campaigns": "Campaign_Name", "Tasks": "Subject", "Projects": "Name"}

_ADMIN_ROLE = {"name": "CEO", "id": "5725767000000026005"}
_SALES_ROLE = {"name": "Manager", "id": "5725767000000026008"}
_REP_ROLE = {"name": "Sales Representative", "id": "5725767000000026009"}
#: Each role and the role it reports to (the CEO at the top).
ROLES: tuple[tuple[dict[str, str], dict[str, str] | None], ...] = (
    (_ADMIN_ROLE, None), (_SALES_ROLE, _ADMIN_ROLE), (_REP_ROLE, _SALES_ROLE))
_ADMIN_PROFILE = {"name": "Administrator", "id": "5725767000000026011"}
_STANDARD_PROFILE = {"name": "Standard", "id": "5725767000000026014"}
PROFILES = (_ADMIN_PROFILE, _STANDARD_PROFILE)


def _user(uid: str, first: str, last: str, role: dict[str, str], profile: dict[str, str], status: str,
          confirm: bool = True, developer: bool = False) -> dict[str, Any]:
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
        "confirm": confirm,
        "country": "US",
        "locale": "en_US",
        "language": "en_US",
        "time_zone": "America/Los_Angeles",
        "date_format": "MM-dd-yyyy",
        "time_format": "hh:mm a",
        "decimal_separator": "Period",
        "number_separator": "Comma",
        "phone": None,
        "mobile": None,
        "alias": None,
        "microsoft": False,
        "sandboxDeveloper": developer,
        "type__s": "Sandbox Developer User" if developer else "Regular User",
        "status_reason__s": None,
        "Reporting_To": None,
        "image_link": None,
        "created_by": {"name": "Ada Lovelace", "id": "5725767000000411001"},
        "Modified_By": {"name": "Ada Lovelace", "id": "5725767000000411001"},
        "created_time": "2024-01-02T09:00:00+00:00",
        "Modified_Time": "2024-01-02T09:00:00+00:00",
    }


USERS: tuple[dict[str, Any], ...] = (
    _user("5725767000000411001", "Ada", "Lovelace", _ADMIN_ROLE, _ADMIN_PROFILE, "active"),
    _user("5725767000000411002", "Grace", "Hopper", _SALES_ROLE, _STANDARD_PROFILE, "active"),
    _user("5725767000000411003", "Alan", "Turing", _SALES_ROLE, _STANDARD_PROFILE, "disabled"),
    _user("5725767000000411004", "Katherine", "Johnson", _REP_ROLE, _STANDARD_PROFILE, "active"),
    _user("5725767000000411005", "Hedy", "Lamarr", _REP_ROLE, _STANDARD_PROFILE, "active", confirm=False),
    _user("5725767000000411006", "Margaret", "Hamilton", _ADMIN_ROLE, _ADMIN_PROFILE, "active", developer=True),
    _user("5725767000000411007", "Charles", "Babbage", _REP_ROLE, _STANDARD_PROFILE, "deleted"),
)
CURRENT_USER = USERS[0]


def _reports_to(role: dict[str, str], boss: dict[str, str]) -> bool:
    """Whether `role` is below `boss` in the role hierarchy."""
    parent = dict((r["id"], p) for r, p in ROLES).get(role["id"])
    return parent is not None and (parent == boss or _reports_to(parent, boss))


def _active(u: dict[str, Any]) -> bool:
    return u["status"] == "active"


#: GET users?type=... -> which users: all 18 values of the v8 spec (users/operations/getUsers/operation.md). The
#: role types take the current user's role (the spec's role_id parameter is not served).
USER_TYPES = {
    "AllUsers": lambda u: u["status"] != "deleted",
    "ActiveUsers": _active,
    "AllActiveUsers": _active,
    "DeactiveUsers": lambda u: u["status"] == "disabled",
    "DeletedUsers": lambda u: u["status"] == "deleted",
    "ActiveAndDeactive": lambda u: u["status"] in ("active", "disabled"),
    "ConfirmedUsers": lambda u: u["confirm"] and u["status"] != "deleted",
    "NotConfirmedUsers": lambda u: not u["confirm"] and u["status"] != "deleted",
    "AdminUsers": lambda u: u["profile"] == _ADMIN_PROFILE and u["status"] != "deleted",
    "ActiveConfirmedAdmins": lambda u: u["profile"] == _ADMIN_PROFILE and _active(u) and u["confirm"],
    "ActiveConfirmedUsers": lambda u: _active(u) and u["confirm"],
    "DeveloperUsers": lambda u: u["sandboxDeveloper"],
    "ActiveLiteUser": lambda u: False,
    "CurrentUser": lambda u: u is CURRENT_USER,
    "ChildRoleUsers": lambda u: _active(u) and _reports_to(u["role"], CURRENT_USER["role"]),
    "SubordinateRoleUsers": lambda u: _active(u) and _reports_to(u["role"], CURRENT_USER["role"]),
    "ParentRoleUsers": lambda u: _active(u) and _reports_to(CURRENT_USER["role"], u["role"]),
    "ConfirmedReportingUsers": lambda u: _active(u) and u["confirm"] and _reports_to(u["role"], CURRENT_USER["role"]),
}

#: GET org (the keys of the v8 example org/operations/getOrganization/examples/response-200-orggetresponse.md).
ORG: dict[str, Any] = {
    "id": "5725767000000410001",
    "company_name": "Analytical Engines Ltd",
    "alias": "analytical-engines",
    "primary_email": CURRENT_USER["email"],
    "primary_zuid": CURRENT_USER["zuid"],
    "zgid": "790010001",
    "ezgid": "e790010001",
    "zia_zgid": 790010001,
    "zia_portal_id": None,
    "domain_name": "org790010001",
    "currency": "US Dollar - USD",
    "currency_symbol": "$",
    "currency_locale": "en_US",
    "iso_code": "USD",
    "time_zone": "America/Los_Angeles",
    "country_code": "US",
    "country": "United States",
    "street": "12 Difference Engine Way",
    "city": "Austin",
    "state": "TX",
    "zip": "78701",
    "phone": "+1 555 0100",
    "mobile": None,
    "fax": None,
    "website": "https://analytical-engines.example",
    "description": "Sample organisation of the local Zoho sandbox",
    "employee_count": "12",
    "type": "production",
    "created_time": "2024-01-02T09:00:00+00:00",
    "mc_status": False,
    "gapps_enabled": False,
    "translation_enabled": False,
    "privacy_settings": False,
    "hipaa_compliance_enabled": False,
    "lite_users_enabled": False,
    "deletable_org_account": False,
    "oauth_presence": True,
    "call_icon": "show",
    "max_per_page": 200,
    "photo_id": None,
    "license_details": {"paid_expiry": None, "users_license_purchased": 10, "trial_type": None,
                        "trial_expiry": None, "paid": True, "paid_type": "enterprise",
                        "portal_users_license_purchased": 0, "trial_action": None},
    "hierarchy_preferences": {"type": "Role_Hierarchy", "strictly_reporting": False},
    "checkin_preferences": {"restricted_event_types": None},
}
#: The org of each environment: sandbox and developer orgs are organisations of their own.
_ENVIRONMENT_ORGS = {"sandbox": ("5725767000000410002", "790010002"), "developer": ("5725767000000410003", "790010003")}


def org_of(environment: str) -> dict[str, Any]:
    """GET org's entry in an environment ("production", "sandbox" or "developer")."""
    if environment == "production":
        return ORG
    org_id, zgid = _ENVIRONMENT_ORGS[environment]
    return ORG | {"id": org_id, "zgid": zgid, "domain_name": f"org{zgid}", "type": environment,
                  "company_name": f"{ORG['company_name']} ({environment.capitalize()})"}


def user_ref(user: dict[str, Any]) -> dict[str, str]:
    """How records refer to a user (Owner, Created_By, Modified_By)."""
    return {"name": user["full_name"], "id": user["id"], "email": user["email"]}
