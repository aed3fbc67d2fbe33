"""Where the person is in the app, as the address bar's query: ``?view=records&module=Leads``.

A reload, a shared link or a new sign-in (which carries the query through Zoho and
back) restores the place from it.
"""

from .compat import Value
from .urlcodec import parse_pairs, urlencode

VIEW_KEY = "view"
MAX_QUERY_LENGTH = 2000  # a place is a few short names; anything longer is not ours


class Place(Value):
    """A view name and that view's own (name, value) pairs, in order."""

    FIELDS = ("view", "pairs")

    def __init__(self, view: str, pairs: "list[tuple[str, str]] | tuple" = ()):
        self.view = view
        self.pairs = list(pairs)

    def get(self, name: str) -> "str | None":
        for key, value in self.pairs:
            if key == name:
                return value
        return None



def read_place(search: str, views: "list[str] | tuple[str, ...]", default: str) -> Place:
    """The Place in ``search`` (``location.search``); an unknown or missing view is ``default``.

    The view's pairs are the other non-empty pairs, the first of each name.
    """
    if not isinstance(search, str) or len(search) > MAX_QUERY_LENGTH:
        return Place(default)
    view = default
    pairs = []
    seen = set()
    for key, value in parse_pairs(search):
        if key == VIEW_KEY:
            if value in views and VIEW_KEY not in seen:
                view = value
            seen.add(VIEW_KEY)
        elif key and value and key not in seen:
            seen.add(key)
            pairs.append((key, value))
    return Place(view, pairs)


def place_query(place: Place) -> str:
    """The query (``?view=…&…``) that read_place turns back into ``place``."""
    pairs = [(VIEW_KEY, place.view)]
    for key, value in place.pairs:
        if key != VIEW_KEY and key and value:
            pairs.append((key, value))
    return "?" + urlencode(pairs)
