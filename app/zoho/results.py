"""What a view shows for the results of its requests, so that the screen never claims an answer
it does not have: an error replaces the results it concerns (or, where a view chooses, marks them
visibly as from before), and an answer that comes after a newer request was started is dropped.

    results = Results()                    # one per list of results (a table, a search...)
    ticket = results.started("ada")        # a request is sent; "ada" is what was asked
    ... results.answered(ticket, rows) or results.failed(ticket, "Zoho refused the search.")
    screen = results.screen                # what to draw: rows, error, from_before, waiting, answer_to

The view feeds it and draws ``screen``; it decides nothing itself.
"""

from .compat import Value

#: What a failure does to the rows already shown: they go, or they stay marked as from before.
REPLACE, MARK = "replace", "mark"
#: The sentence over rows kept under an error (MARK).
FROM_BEFORE = "The results below are from before this error; they are not an answer to it."


class Screen(Value):
    """What to show: ``rows`` (None: no rows at all), ``error`` (a sentence, or None),
    ``from_before`` (the rows are an earlier answer, kept under the error: say FROM_BEFORE),
    ``waiting`` (a request is on its way) and ``answer_to`` (what the shown rows were asked for)."""

    FIELDS = ("rows", "error", "from_before", "waiting", "answer_to")
    NOT_SHOWN = ("rows",)

    def __init__(self, rows=None, error=None, from_before=False, waiting=False, answer_to=None):
        self.rows = rows
        self.error = error
        self.from_before = from_before
        self.waiting = waiting
        self.answer_to = answer_to


class Results:
    """The rule for one list of results: feed it started / answered / failed; read ``screen``."""

    def __init__(self, on_error=REPLACE):
        if on_error not in (REPLACE, MARK):
            raise ValueError("on_error must be REPLACE or MARK")
        self.on_error = on_error
        self._latest = 0  # the ticket of the newest request
        self.cleared()

    def started(self, asked=None) -> int:
        """A request was sent (``asked``: what it asks for, shown as what the rows answer);
        returns its ticket. Answers to any earlier request are dropped from now on."""
        self._latest += 1
        self._asked = asked
        self._waiting = True
        return self._latest

    def is_current(self, ticket: int) -> bool:
        """True while ``ticket`` is the newest request (a view may skip work for a stale one)."""
        return ticket == self._latest

    def answered(self, ticket: int, rows: object) -> bool:
        """The answer to request ``ticket``: shown, unless a newer request was started since
        (then dropped; returns False)."""
        if not self.is_current(ticket) or not self._waiting:
            return False
        self._rows = rows
        self._answer_to = self._asked
        self._error = None
        self._from_before = False
        self._waiting = False
        return True

    def failed(self, ticket: int, message: str) -> bool:
        """Request ``ticket`` failed with ``message`` (a sentence): the error replaces the rows, or
        marks them as from before (MARK); dropped when a newer request was started (returns False)."""
        if not self.is_current(ticket) or not self._waiting:
            return False
        self._error = message
        self._waiting = False
        if self.on_error == MARK and self._rows is not None:
            self._from_before = True
        else:
            self._rows = None
            self._answer_to = None
            self._from_before = False
        return True

    def cleared(self) -> None:
        """Nothing shown any more (another module, a sign-out); answers still on their way are dropped."""
        self._latest += 1
        self._asked = None  # what the newest request asked for
        self._rows = None
        self._answer_to = None
        self._error = None
        self._from_before = False
        self._waiting = False

    @property
    def screen(self) -> "Screen":
        return Screen(self._rows, self._error, self._from_before, self._waiting, self._answer_to)
