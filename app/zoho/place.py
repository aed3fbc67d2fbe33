"""Where the person is in the app, as the address bar's query: ``?view=records&module=Leads``.

A reload, a shared link or a new sign-in (which carries the query through Zoho and
back) restores the place from it.

A place comes from outside (a link anyone can write), and its values go into API paths: a value
whose name has a rule in PLACE_RULES (``record`` a Zoho record id, ``module`` an API name) is used
only when it keeps that rule; otherwise it is left out, and its name listed in ``refused`` so the
view can say the link was not followed.
"""

from .api import is_api_name, is_record_id
from .compat import Value
from .urlcodec import parse_pairs, urlencode

VIEW_KEY = "view"
MAX_QUERY_LENGTH = 2000  # a place is a few short names; anything longer is not ours
#: name -> the check its value must pass before any view uses it.
PLACE_RULES = {"record": is_record_id, "module": is_api_name}


def allowed(name: str, value: str) -> bool:
    """True when ``value`` may stand for ``name`` in a place (always, for names without a rule)."""
    rule = PLACE_RULES.get(name)
    return rule is None or rule(value)


class Place(Value):
    """A view name, that view's own (name, value) pairs in order, and the names whose values the
    address bar gave but PLACE_RULES refused."""

    FIELDS = ("view", "pairs", "refused")

    def __init__(self, view: str, pairs: "list[tuple[str, str]] | tuple" = (), refused: "list[str] | tuple" = ()):
        self.view = view
        self.pairs = list(pairs)
        self.refused = list(refused)

    def get(self, name: str) -> "str | None":
        for key, value in self.pairs:
            if key == name:
                return value
        return None



def read_place(search: str, views: "list[str] | tuple[str, ...]", default: str) -> Place:
    """The Place in ``search`` (``location.search``); an unknown or missing view is ``default``.

    The view's pairs are the other non-empty pairs, the first of each name, when PLACE_RULES
    allows its value (else the name is in ``refused``).
    """
    if not isinstance(search, str) or len(search) > MAX_QUERY_LENGTH:
        return Place(default)
    view = default
    pairs = []
    refused = []
    seen = set()
    for key, value in parse_pairs(search):
        if key == VIEW_KEY:
            if value in views and VIEW_KEY not in seen:
                view = value
            seen.add(VIEW_KEY)
        elif key and value and key not in seen:
            seen.add(key)
            if allowed(key, value):
                pairs.append((key, value))
            else:
                refused.append(key)
    return Place(view, pairs, refused)


def place_query(place: Place) -> str:
    """The query (``?view=…&…``) that read_place turns back into ``place`` (pairs PLACE_RULES
    refuses are left out)."""
    pairs = [(VIEW_KEY, place.view)]
    for key, value in place.pairs:
        if key != VIEW_KEY and key and value and allowed(key, value):
            pairs.append((key, value))
    return "?" + urlencode(pairs)
