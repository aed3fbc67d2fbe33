"""How far Zoho's lists reach, and what a table says at the end of that reach: a search gives
only its first 2,000 matches (a page beyond them is refused with LIMIT_REACHED), and a list
sorted through COQL reaches only the first 100,000 records in that order."""

from .coql import MAX_REACH as COQL_REACH

#: Zoho's search gives at most this many matches in all.
SEARCH_REACH = 2000
SEARCH_END = ("Zoho's search gives only its first 2,000 matches, and there are more: narrow the search "
              "(more words, or criteria such as (Lead_Status:equals:New)) to see the rest.")
EXPORT_SEARCH_END = ("The export holds Zoho's first 2,000 matches of the search, and there are more: narrow the "
                     "search, or export the whole module (clear the search box) or a COQL query from the Query view.")
SORTED_END = ("Zoho's queries reach only the first 100,000 records in this order: narrow what is shown, "
              "or export through COQL pages from the Query view.")
#: Zoho's codes for a page past a list's reach.
PAST_REACH = ("LIMIT_REACHED", "DISCRETE_PAGINATION_LIMIT_EXCEEDED")


def search_has_next(page_number, per_page, more_records):
    """Whether a search's next page is within Zoho's reach (its first SEARCH_REACH matches)."""
    return bool(more_records) and page_number * per_page < SEARCH_REACH


def end_note(searching, page_number, per_page, more_records, next_token):
    """The sentence a table shows when Zoho has more than it can list here, or None: a search
    past its 2,000 matches, or a sorted list at the end of COQL's reach."""
    if searching:
        return SEARCH_END if more_records and not search_has_next(page_number, per_page, more_records) else None
    if more_records and next_token is None:
        return SORTED_END
    return None
