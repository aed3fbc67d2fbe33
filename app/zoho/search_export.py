"""An export of a search within Zoho's cap: the search gives only its first 2,000 matches, and
refuses a page past them (LIMIT_REACHED), so the pages stop there and the export says so."""

from .calls import Rows
from .caps import SEARCH_MAX_RESULTS


def first_matches(pages, capped, most=SEARCH_MAX_RESULTS):
    """The ``pages`` flow (zoho.calls.record_pages of a search), ended after its first ``most``
    rows; ``capped`` (a list) gets True when Zoho had more than that."""
    taken = 0
    reply = None
    while True:
        try:
            step = pages.send(reply)
        except StopIteration:
            return
        if isinstance(step, Rows):
            taken += len(step.rows)
            if step.more and taken >= most:
                capped.append(True)
                pages.close()
                yield Rows(step.rows, False)
                return
        reply = yield step
