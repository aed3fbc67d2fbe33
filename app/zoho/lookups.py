"""Choosing a lookup's record (or a record's owner) by name: what to ask Zoho for the typed text,
the matches as a list to pick from, how the keyboard moves in it, and what the form says of a
name typed but not picked. The id picked goes to Zoho as ``{"id": ...}`` (zoho.fields); the
person never types it.

Users (an owner, a user lookup) come from ``GET users?type=ActiveUsers`` once, matched here by
name or email; a module's records from Zoho's word search (``GET /{module}/search?word=``),
which wants 2 to 100 characters.
"""

from .api import CRM, items_of, record_path, record_title
from .compat import Value
from .fields import FieldProblem
from .search import MAX_WORD_LENGTH, MIN_WORD_LENGTH

USER_TYPES = ("ownerlookup", "userlookup")
MAX_MATCHES = 10
USERS_CALL = ("GET", CRM + "/users", [("type", "ActiveUsers")])


class Match(Value):
    """A record (or user) to pick: its ``id``, the ``name`` shown, and a ``hint`` beside it."""

    FIELDS = ("id", "name", "hint")

    def __init__(self, id, name, hint=""):
        self.id = id
        self.name = name
        self.hint = hint


def picks_users(field):
    """Whether ``field`` (a FieldMeta) points at a user rather than a module's record."""
    return field.data_type in USER_TYPES or field.lookup_module in (None, "users", "Users")


def what_is_searched(field):
    """What the picker searches, for its prompt: "users" or the looked-up module's API name."""
    return "users" if picks_users(field) else field.lookup_module


def search_call(field, text):
    """(method, path, query) of the search for ``text`` in ``field``'s module, or None when the
    text is too short or too long for Zoho's word search."""
    word = text.strip()
    if not MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH:
        return None
    return "GET", record_path(field.lookup_module) + "/search", [("word", word), ("per_page", str(MAX_MATCHES))]


def user_matches(users, text):
    """The users (dicts of Zoho's users answer) whose name or email holds ``text`` (any case)."""
    wanted = text.strip().lower()
    found = []
    for user in users:
        name, email, user_id = user.get("full_name"), user.get("email"), user.get("id")
        if not isinstance(user_id, str) or not isinstance(name, str):
            continue
        email = email if isinstance(email, str) else ""
        if wanted in name.lower() or wanted in email.lower():
            found.append(Match(user_id, name, email))
    return found[:MAX_MATCHES]


def users_of(response):
    """The users of a users answer (an api.ApiResponse; 204 has none)."""
    return items_of(response, "users") if response.data is not None else []


def record_matches(response):
    """The records of a search answer (an api.ApiResponse; 204: no match) as Matches."""
    records = items_of(response, "data") if response.data is not None else []
    found = []
    for record in records:
        if isinstance(record.get("id"), str):
            name = record_title(record)
            found.append(Match(record["id"], name, _hint(record, name)))
    return found[:MAX_MATCHES]


def _hint(record, name):
    """Something beside the name that tells two records of the same name apart."""
    for key in ("Email", "Account_Name", "Company", "Stage"):
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str) and value.strip() and value.strip() != name:
            return value.strip()
    return ""


def status_text(field, text, matches):
    """What the picker says under the box: how to search, or how many matched."""
    searched = what_is_searched(field)
    if matches is None:
        return "Type {} letters or more to search {}.".format(MIN_WORD_LENGTH, searched)
    if not matches:
        return 'No {} match "{}".'.format(searched, text.strip())
    return "{} {}: arrows to move, Enter to pick.".format(len(matches), "match" if len(matches) == 1 else "matches")


def moved(index, count, key):
    """The active option after ``key`` (ArrowDown, ArrowUp, Home, End) in a list of ``count``;
    ``index`` None when none is active; None when there is nothing to move to."""
    if count == 0:
        return None
    if key == "ArrowDown":
        return 0 if index is None else (index + 1) % count
    if key == "ArrowUp":
        return count - 1 if index is None else (index - 1) % count
    if key == "Home":
        return 0
    if key == "End":
        return count - 1
    return index


def unpicked_problem(field, typed, picked_id):
    """The FieldProblem of a name typed in ``field``'s box but not picked from the matches (None
    when one was picked, or the box is empty: that empties the field)."""
    if picked_id or not typed.strip():
        return None
    return FieldProblem(field.api_name, "{} must be picked from the matches shown as you type (or the box "
                                        "emptied).".format(field.label))
