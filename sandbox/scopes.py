"""Zoho OAuth scopes: parsing, coverage and plain-words descriptions (independent of app/)."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPERATIONS = ("ALL", "READ", "CREATE", "UPDATE", "DELETE", "WRITE", "CUSTOM")

#: Which requested operation each granted operation allows.
_OPERATION_COVERS: dict[str, frozenset[str]] = {
    "ALL": frozenset(OPERATIONS),
    "WRITE": frozenset({"WRITE", "CREATE", "UPDATE", "DELETE"}),
    "READ": frozenset({"READ"}),
    "CREATE": frozenset({"CREATE"}),
    "UPDATE": frozenset({"UPDATE"}),
    "DELETE": frozenset({"DELETE"}),
    "CUSTOM": frozenset({"CUSTOM"}),
}

_VERBS = {
    "ALL": "full access to",
    "READ": "read",
    "CREATE": "create",
    "UPDATE": "update",
    "DELETE": "delete",
    "WRITE": "create, update and delete",
    "CUSTOM": "custom actions on",
}

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


class ScopeError(ValueError):
    """A scope string that does not follow Zoho's syntax."""


@dataclass(frozen=True)
class Scope:
    service: str
    name: str
    sub: str | None
    operation: str

    def __str__(self) -> str:
        middle = f"{self.name}.{self.sub}" if self.sub else self.name
        return f"{self.service}.{middle}.{self.operation}"

    def _key(self) -> tuple[str, ...]:
        # Zoho's docs spell module sub-scopes both ways (modules.Leads / modules.leads): compare names caselessly.
        parts = (self.service, self.name) + ((self.sub,) if self.sub else ())
        return tuple(part.casefold() for part in parts)

    def covers(self, wanted: Scope) -> bool:
        """True if a token granted `self` may do what `wanted` describes."""
        mine, theirs = self._key(), wanted._key()
        return theirs[: len(mine)] == mine and wanted.operation in _OPERATION_COVERS[self.operation]

    def describe(self) -> str:
        """The scope in words, for the consent page."""
        return f"{_VERBS[self.operation]} {self._subject()}"

    def _subject(self) -> str:
        service, name, sub = self.service.casefold(), self.name.casefold(), self.sub
        if service == "zohocrm":
            if name == "modules":
                return f"CRM {sub} records" if sub else "all CRM modules"
            if name == "settings":
                return f"CRM {sub} settings" if sub else "all CRM settings"
            if name == "mass_update":
                return f"many CRM {sub} records at once" if sub else "many records at once in all CRM modules"
            known = {"users": "CRM users", "org": "your CRM organization's details", "coql": "CRM data through COQL queries"}
            if name in known and not sub:
                return known[name]
        if service == "aaaserver" and name == "profile" and not sub:
            return "your Zoho profile"
        return f"{self.name}{' ' + sub if sub else ''} ({self.service})"


def parse_scope(text: str) -> Scope:
    parts = text.split(".")
    if len(parts) not in (3, 4):
        raise ScopeError(
            f"scope {text!r} must look like Service.scope_name.OPERATION or Service.scope_name.sub_scope.OPERATION"
        )
    *names, operation = parts
    for part in names:
        if not _NAME.match(part):
            raise ScopeError(f"scope {text!r}: {part!r} is not a valid scope name part")
    if operation not in OPERATIONS:
        raise ScopeError(f"scope {text!r}: operation {operation!r} is not one of {', '.join(OPERATIONS)}")
    return Scope(names[0], names[1], names[2] if len(names) == 3 else None, operation)


def parse_scope_list(text: str) -> tuple[Scope, ...]:
    """Parse Zoho's comma-separated scope parameter (no spaces; duplicates dropped, order kept)."""
    if not text:
        raise ScopeError("scope is missing: ask for at least one scope, e.g. ZohoCRM.modules.READ")
    scopes: dict[Scope, None] = {}
    for item in text.split(","):
        if not item:
            raise ScopeError(f"scope {text!r} has an empty entry: join scopes with single commas")
        if item != item.strip() or " " in item:
            raise ScopeError(f"scope {text!r} contains spaces: Zoho joins scopes with commas only")
        scopes[parse_scope(item)] = None
    return tuple(scopes)


def all_covered(granted: tuple[Scope, ...] | frozenset[Scope], wanted: tuple[Scope, ...]) -> bool:
    return all(any(g.covers(w) for g in granted) for w in wanted)
