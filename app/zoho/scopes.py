"""Zoho OAuth scopes: ``Service.scope_name.OPERATION`` or ``Service.scope_name.sub_scope.OPERATION``."""

from .compat import Value, is_ascii_letter, is_word
from .errors import ScopeSyntaxError, shorten

OPERATIONS = ("ALL", "READ", "CREATE", "UPDATE", "DELETE", "WRITE", "CUSTOM")
MAX_SCOPE_LENGTH = 200

# What WRITE stands for in Zoho CRM.
_WRITE_COVERS = ("CREATE", "UPDATE", "DELETE", "WRITE")


class Scope(Value):
    """One parsed scope."""

    FIELDS = ("service", "resource", "sub_resource", "operation")

    def __init__(self, service: str, resource: str, sub_resource: "str | None", operation: str):
        self.service = service
        self.resource = resource
        self.sub_resource = sub_resource
        self.operation = operation

    def __str__(self):
        parts = [self.service, self.resource]
        if self.sub_resource is not None:
            parts.append(self.sub_resource)
        parts.append(self.operation)
        return ".".join(parts)

    def __repr__(self):
        return "Scope({!r})".format(str(self))



def _refuse(text, why):
    raise ScopeSyntaxError('The scope "{}" is not valid: {}.'.format(shorten(text, 120), why))


def parse_scope(text: object) -> "Scope":
    """Parse one scope; raise ScopeSyntaxError naming the scope and the reason."""
    if isinstance(text, Scope):
        return text
    if not isinstance(text, str):
        raise ScopeSyntaxError("A scope must be text, not {}.".format(type(text).__name__))
    if not text:
        raise ScopeSyntaxError("A scope is empty.")
    if len(text) > MAX_SCOPE_LENGTH:
        _refuse(text, "it is longer than {} characters".format(MAX_SCOPE_LENGTH))
    parts = text.split(".")
    if len(parts) not in (3, 4):
        _refuse(
            text,
            "it must look like Service.scope_name.OPERATION or Service.scope_name.sub_scope.OPERATION",
        )
    service = parts[0]
    operation = parts[-1]
    if not is_word(service) or not is_ascii_letter(service[0]):
        _refuse(text, "the service name must start with a letter and use only letters, digits and _")
    for name in parts[1:-1]:
        if not is_word(name):
            _refuse(text, "scope names must be non-empty and use only letters, digits and _")
    if operation not in OPERATIONS:
        _refuse(text, "the operation must be one of " + ", ".join(OPERATIONS) + " (in capitals)")
    sub_resource = parts[2] if len(parts) == 4 else None
    return Scope(service, parts[1], sub_resource, operation)


def validate_scopes(scopes: object) -> "list[str]":
    """Check a configured list of scopes: non-empty, each valid, no duplicates.

    Returns the scopes as a new list of text, in the given order.
    """
    if not isinstance(scopes, (list, tuple)):
        raise ScopeSyntaxError("Scopes must be given as a list of texts.")
    if not scopes:
        raise ScopeSyntaxError("At least one scope is needed.")
    seen = []
    result = []
    for item in scopes:
        text = str(parse_scope(item))
        folded = text.lower()
        if folded in seen:
            raise ScopeSyntaxError('The scope "{}" is listed more than once.'.format(text))
        seen.append(folded)
        result.append(text)
    return result


def join_scopes(scopes: "list[str]") -> str:
    """Validate and comma-join scopes, as Zoho's authorize endpoint expects."""
    return ",".join(validate_scopes(scopes))


def split_scopes(text: str) -> "list[str]":
    """Split scopes as Zoho may echo them (comma- and/or space-separated); drops empties and repeats."""
    if not isinstance(text, str):
        return []
    result = []
    for piece in text.replace(",", " ").split():
        if piece not in result:
            result.append(piece)
    return result


def _lenient(text):
    """Parse a granted scope, accepting any case for the operation; None when unparseable."""
    if isinstance(text, Scope):
        return text
    if not isinstance(text, str):
        return None
    head, dot, operation = text.rpartition(".")
    try:
        return parse_scope(head + dot + operation.upper())
    except ScopeSyntaxError:
        return None


def are_granted_scopes(scopes: object) -> bool:
    """Whether ``scopes`` is a non-empty list of distinct scopes, each one Zoho could have
    granted (read as leniently as a sign-in answer's echo)."""
    return (isinstance(scopes, list) and bool(scopes) and split_scopes(" ".join(
        s for s in scopes if isinstance(s, str))) == scopes and all(_lenient(s) is not None for s in scopes))


def _same(a, b):
    return a.lower() == b.lower()


def _covers_one(granted, required):
    if not (_same(granted.service, required.service) and _same(granted.resource, required.resource)):
        return False
    if granted.sub_resource is not None:
        # A sub-scope never covers its parent nor a sibling.
        if required.sub_resource is None or not _same(granted.sub_resource, required.sub_resource):
            return False
    if granted.operation == "ALL":
        return True
    if granted.operation == "WRITE":
        return required.operation in _WRITE_COVERS
    return granted.operation == required.operation


def scope_covers(granted_scopes: "list[str]", required: str) -> bool:
    """True when one of ``granted_scopes`` allows what ``required`` allows.

    Names compare case-insensitively (Zoho treats them so); unparseable granted
    scopes cover nothing. ``required`` must be a valid scope.
    """
    needed = parse_scope(required)
    for item in granted_scopes:
        granted = _lenient(item)
        if granted is not None and _covers_one(granted, needed):
            return True
    return False


# --- In words ---------------------------------------------------------------

_SERVICES = {
    "zohocrm": "Zoho CRM",
    "aaaserver": "Zoho account",
    "zohobooks": "Zoho Books",
    "zohodesk": "Zoho Desk",
    "zohoprojects": "Zoho Projects",
    "zohoinvoice": "Zoho Invoice",
}

_CRM_RESOURCES = {
    "users": "your Zoho CRM users",
    "org": "your Zoho CRM organisation details",
    "settings": "your Zoho CRM settings",
    "coql": "Zoho CRM data through COQL queries",
    "bulk": "Zoho CRM bulk operations",
    "notifications": "Zoho CRM notifications",
    "files": "Zoho CRM files",
    "functions": "Zoho CRM functions",
}

_VERBS = {
    "READ": "Read",
    "CREATE": "Create",
    "UPDATE": "Update",
    "DELETE": "Delete",
    "WRITE": "Create, update and delete",
    "CUSTOM": "Custom access to",
}

_RECORD_VERBS = {
    "READ": "Read",
    "CREATE": "Add records to",
    "UPDATE": "Change records in",
    "DELETE": "Delete records from",
    "WRITE": "Add, change and delete records in",
    "CUSTOM": "Custom access to",
}


def _subject(scope):
    service = scope.service.lower()
    resource = scope.resource.lower()
    if service == "zohocrm":
        if resource == "modules":
            if scope.sub_resource is None:
                return "all Zoho CRM modules"
            return "the {} module".format(scope.sub_resource)
        if resource == "mass_update":  # Zoho's mass update: READ is a job's progress
            where = "all Zoho CRM modules" if scope.sub_resource is None else "the {} module".format(scope.sub_resource)
            if scope.operation == "READ":
                return "the progress of mass updates in " + where
            return "many records at once in " + where
        if resource == "settings" and scope.sub_resource is not None:
            return "your Zoho CRM {} settings".format(scope.sub_resource)
        known = _CRM_RESOURCES.get(resource)
        if known is not None:
            return known
    if service == "aaaserver" and resource == "profile":
        return "your Zoho profile"
    label = _SERVICES.get(service, scope.service)
    words = [label, scope.resource]
    if scope.sub_resource is not None:
        words.append(scope.sub_resource)
    return "your " + " ".join(words)


def describe_scope(text: str) -> str:
    """Say in words what a scope allows, e.g. "Read the Leads module"."""
    scope = _lenient(text)
    if scope is None:
        return 'Permission "{}"'.format(shorten(text, 120))
    subject = _subject(scope)
    if scope.operation == "ALL":
        return "Full access to " + subject
    records = scope.service.lower() == "zohocrm" and scope.resource.lower() == "modules"
    verbs = _RECORD_VERBS if records else _VERBS
    return verbs[scope.operation] + " " + subject
