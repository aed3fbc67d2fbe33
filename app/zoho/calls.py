"""Calls to Zoho as generator flows, without I/O, in the way httpx's ``Auth.auth_flow`` is.

A flow yields what it needs done and is sent the outcome:
- an ``ApiRequest``: send it; reply with ``(status, headers, text)``, or with the
  ``NetworkError`` raised when no answer came;
- a ``Wait``: show ``notice`` until the flow ends, wait ``seconds``; reply None;
- a ``Batch``: start its requests side by side (a driver may send them one after the other);
  reply None;
- an ``Answer``: reply with the outcome of the next request a Batch started (in the order they
  were started), as for an ApiRequest, waiting for it if need be: a flow reads one answer while
  the others are still on their way;
- a ``Rows``: one page's rows, for the driver to hand on; reply None.
It returns its result (StopIteration's value) or raises a ZohoError.

The page's session (async), the notebook's worker (sync) and the exporter each drive these
with a short loop; ``run`` is the sync one. The rules live here once: which failures are
tried again (policy.retry_delay: never a create, update or delete after a server error or a
lost answer) and how lists are paged.
"""

from .api import CRM, ApiRequest, ApiResponse, build_request, interpret_response, items_of, parse_records_page
from .compat import Value
from .coql import DEFAULT_COUNT, MAX_COUNT, MAX_REACH, has_limit, page_query, read_limit
from .credits import COQL_CONCURRENCY, request_credits
from .errors import (NetworkError, QueryReachError, RateLimitedError, TokenExpiredError, UnexpectedResponseError,
                     ZohoError)
from .policy import MAX_ATTEMPTS, retry_delay, retry_notice


class Wait(Value):
    """Say ``notice`` where the call was asked (until the flow ends), then wait ``seconds``."""

    FIELDS = ("seconds", "notice")

    def __init__(self, seconds, notice):
        self.seconds = seconds
        self.notice = notice


class Rows(Value):
    """One page of a list: its ``rows``, and whether ``more`` pages follow."""

    FIELDS = ("rows", "more")

    def __init__(self, rows, more):
        self.rows = rows
        self.more = more


class Batch(Value):
    """Requests to start side by side; their outcomes come with the Answer steps that follow."""

    FIELDS = ("requests",)

    def __init__(self, requests):
        self.requests = requests


class Answer(Value):
    """The outcome of the next request a Batch started, in their order: (status, headers, text),
    or the NetworkError met instead."""

    FIELDS = ()


ANSWER = Answer()


class Exchange(Value):
    """A request and Zoho's answer to it, as it came (nothing interpreted)."""

    FIELDS = ("request", "status", "headers", "text")
    NOT_SHOWN = ("request", "text")

    def __init__(self, request, status, headers, text):
        self.request = request
        self.status = status
        self.headers = headers
        self.text = text


class Credentials:
    """What requests are signed with: ``token()``, the usable TokenRecord or None, and
    ``clock()``, the Unix time; both asked again for each attempt (a token may be renewed,
    or expire, while a call waits)."""

    def __init__(self, token, clock):
        self.token = token
        self.clock = clock

    def request(self, method, path, query=None, json_body=None):
        """The ApiRequest; TokenExpiredError when there is no usable token, UnsafeRequestError
        for a path that would leave the API domain."""
        token = self.token()
        if token is None:
            raise TokenExpiredError()
        return build_request(token, self.clock(), method, path, query, json_body)


def send_once(request):
    """``request`` (an ApiRequest), once: the Exchange (an error status is an answer too);
    NetworkError when no answer came. The console's flow, for the request as it was typed:
    retries off, the answer shown as it came."""
    reply = yield request
    if isinstance(reply, Exception):
        raise reply
    status, headers, text = reply
    return Exchange(request, status, headers, text)


def exchange(credentials, method, path, query=None, json_body=None):
    """send_once for a request made here, signed with ``credentials``."""
    return (yield from send_once(credentials.request(method, path, query, json_body)))


def call(credentials, method, path, query=None, json_body=None, retries=True, max_attempts=MAX_ATTEMPTS):
    """A call with the retry policy (zoho.policy.retry_delay): the ApiResponse, or the
    ZohoError of the last attempt. ``retries=False``: one attempt, whatever it meets."""
    attempt = 0
    while True:
        attempt += 1
        try:
            done = yield from exchange(credentials, method, path, query, json_body)
            response = interpret_response(done.status, done.headers, done.text, done.request.method, path)
        except ZohoError as error:
            delay = retry_delay(method.upper(), error, attempt, max_attempts) if retries else None
            if delay is None:
                raise
            yield Wait(delay, retry_notice(error, delay, attempt, max_attempts))
            continue
        return response


def record_pages(credentials, path, query):
    """Every page of a records list (GET ``path`` with ``query``, a module's records or a
    search), each as Rows. The first page is asked without a page number; Zoho's
    ``next_page_token`` leads to the next one, or, when it gives none, the next page number
    (a search); a token once given must keep coming."""
    listed = [(name, value) for name, value in query if name not in ("page", "page_token")]
    number, page_token = 1, None
    while True:
        if page_token is not None:
            asked = listed + [("page_token", page_token)]
        else:
            asked = listed + ([("page", str(number))] if number > 1 else [])
        page = parse_records_page((yield from call(credentials, "GET", path, asked)))
        more = bool(page.more_records and page.records)
        if more and page.next_page_token:
            page_token = page.next_page_token
        elif more and page_token is not None:
            raise UnexpectedResponseError("Zoho said there were more records but gave no page token.",
                                          None, "UNEXPECTED_RESPONSE")
        else:
            number += 1
        yield Rows(page.records, more)
        if not more:
            return


def coql_wanted(query):
    """(offset, count) of the rows the query asks for; count is None when it has no LIMIT
    clause of its own (then every row is wanted, not Zoho's default 200)."""
    limit = read_limit(query)
    if limit is None:
        raise ValueError("The LIMIT clause at the end of this query could not be read: write LIMIT count, "
                         "LIMIT offset, count or LIMIT count OFFSET offset.")
    return limit if has_limit(query) else (0, None)


def coql_pages(credentials, query, offset=0, wanted=None, page_size=MAX_COUNT):
    """Every page of a COQL query from row ``offset``, ``wanted`` rows at most (None: all),
    ``page_size`` a page (``limit offset, count``), each as Rows; QueryReachError before
    asking past COQL's reach (coql.MAX_REACH rows).
    (``coql_pages(c, q, *coql_wanted(q))`` honours the query's own LIMIT.)"""
    taken = 0
    while wanted is None or taken < wanted:
        count = page_size if wanted is None else min(page_size, wanted - taken)
        if offset + count > MAX_REACH:
            count = MAX_REACH - offset
            if count <= 0:
                raise QueryReachError()
        answer = yield from call(credentials, "POST", CRM + "/coql", None, {"select_query": page_query(query, offset, count)})
        rows = items_of(answer, "data") if answer.data is not None else []
        info = answer.data.get("info") if isinstance(answer.data, dict) else None
        more = isinstance(info, dict) and info.get("more_records") is True and len(rows) == count
        taken += len(rows)
        offset += len(rows)
        more = more and (wanted is None or taken < wanted)
        yield Rows(rows, more)
        if not more:
            return


COQL_PATH = CRM + "/coql"


def _coql_page(answer, count):
    """(rows, whether the page is full and Zoho says more follow) of the answer to a page of
    ``count`` rows."""
    rows = items_of(answer, "data") if answer.data is not None else []
    info = answer.data.get("info") if isinstance(answer.data, dict) else None
    return rows, len(rows) == count and isinstance(info, dict) and info.get("more_records") is True


def _refusal(reply):
    """The ZohoError of a reply that is not a success (no answer, or an error status), else None."""
    if isinstance(reply, ZohoError):
        return reply
    if 200 <= reply[0] <= 299:
        return None  # read later, in the pages' order
    try:
        interpret_response(reply[0], reply[1], reply[2], "POST", COQL_PATH)
    except ZohoError as error:
        return error
    return None


def _read(answers, at):
    """answers[at] read: the ApiResponse of a success (kept, read once), or its ZohoError."""
    if not isinstance(answers[at], (ApiResponse, ZohoError)):
        status, headers, text = answers[at]
        try:
            answers[at] = interpret_response(status, headers, text, "POST", COQL_PATH)
        except ZohoError as error:
            answers[at] = error
    return answers[at]


def _counted(answer):
    """The number a COUNT query answered (its first row's first number), or None."""
    rows = items_of(answer, "data") if isinstance(answer, ApiResponse) and answer.data is not None else []
    for value in (rows[0].values() if rows and isinstance(rows[0], dict) else ()):
        if type(value) is int:
            return value
    return None


def _asked(credentials, queries):
    return Batch([credentials.request("POST", COQL_PATH, None, {"select_query": query}) for query in queries])


def _ended(answers, pages, after):
    """The first page after ``after`` known to end the list (refused, or short), else len(pages)."""
    for at in range(after + 1, len(pages)):
        answer = _read(answers, at) if at in answers else None
        if isinstance(answer, ZohoError) or (answer is not None and not _coql_page(answer, pages[at][1])[1]):
            return at
    return len(pages)


def coql_side_by_side(credentials, query, count_query=None, concurrency=COQL_CONCURRENCY, first=DEFAULT_COUNT,
                      page_size=MAX_COUNT, max_attempts=MAX_ATTEMPTS):
    """Every row of the COQL ``query`` (its own LIMIT replaced), each page as Rows in order, the
    pages asked side by side (Batch) and each handed on as soon as it and those before it are in
    (Answer): first one page of ``first`` rows (1 credit: a small list costs what a records page
    does), with ``count_query`` (COUNT of the same rows, 1 credit) beside it when given; then pages
    of ``page_size`` (``limit offset, count``): as many as the count says are left, or else twice
    as many as the batch before, at most ``concurrency`` at once (Zoho's COQL sub-limit). Pages
    refused for a rate limit (the retry policy's; never a POST after a server error) are asked
    again after its wait, and the next batch is half as wide. It stops at the first short page,
    or at COQL's reach (offset + count within the first 100,000 rows): the result is True when it
    stopped there with rows left, else False. A refusal of a page stops it with its ZohoError (the
    count is only a hint: its failure changes nothing).
    The query must order the rows by a unique key (``order by ..., id``): pages asked side by
    side must neither overlap nor skip rows."""
    offset, width, size, expected = 0, 1, first, None
    while True:
        pages = []
        while len(pages) < width and offset < MAX_REACH:
            count = min(size, MAX_REACH - offset)
            pages.append((offset, count))
            offset, size = offset + count, page_size
        answers = {}  # page index -> a success's reply (read when due), its ApiResponse, or its ZohoError
        due, asking, attempt, limited = 0, list(range(len(pages))), 0, False
        hint, count_query = count_query, None
        while asking:
            attempt += 1
            yield _asked(credentials, [page_query(query, *pages[at]) for at in asking] + ([hint] if hint else []))
            waits = {}
            for at in asking:
                reply = yield ANSWER
                error = _refusal(reply)
                delay = retry_delay("POST", error, attempt, max_attempts) if error is not None else None
                limited = limited or isinstance(error, RateLimitedError)
                if delay is not None:
                    waits[at] = (delay, error)
                else:
                    answers[at] = reply if error is None else error
                while due in answers:  # every page now in, in order
                    answer = _read(answers, due)
                    if isinstance(answer, ZohoError):
                        raise answer
                    rows, full = _coql_page(answer, pages[due][1])
                    capped = full and pages[due][0] + pages[due][1] >= MAX_REACH
                    yield Rows(rows, full and not capped)
                    if capped or not full:
                        return capped
                    due += 1
            if hint:
                reply = yield ANSWER
                limited = limited or isinstance(_refusal(reply), RateLimitedError)
                expected, hint = _counted(_read({0: reply}, 0)), None
            end = _ended(answers, pages, min(waits) if waits else len(pages))
            asking = [at for at in sorted(waits) if at < end]
            if asking:
                delay = max(waits[at][0] for at in asking)
                yield Wait(delay, retry_notice(waits[asking[0]][1], delay, attempt, max_attempts))
        if limited:
            width = max(1, width // 2)
        elif expected is not None and expected > offset:
            width = min(concurrency, (expected - offset + page_size - 1) // page_size)
        else:
            width = min(concurrency, width * 2)


class Exported(Value):
    """An export's file ``text``, its ``rows``, the ``calls`` it made and the API ``credits``
    Zoho counts for them (zoho.credits), and ``ended``, the result of its pages' flow."""

    FIELDS = ("text", "rows", "calls", "credits", "ended")
    NOT_SHOWN = ("text",)

    def __init__(self, text, rows, calls, credits, ended=None):
        self.text = text
        self.rows = rows
        self.calls = calls
        self.credits = credits
        self.ended = ended


def _credits(request, reply):
    """The credits Zoho counts for ``request`` answered with ``reply`` (none for a rate limit's 429,
    nor for a call that got no answer)."""
    return request_credits(request) if not isinstance(reply, Exception) and reply[0] != 429 else 0


#: Rows written at a time: the driver gets each part as Rows, so the page can answer (and Cancel
#: be pressed) between them; writing 2,000 rows of CSV is a long task for MicroPython.
WRITTEN_AT_ONCE = 500


def export(pages, writer):
    """An export: every page of the ``pages`` flow into ``writer`` (zoho.export's CsvExport or
    JsonExport); an Exported. Each page's rows still go to the driver as Rows, at most
    WRITTEN_AT_ONCE at a time (progress, Cancel between them)."""
    chunks = [writer.start()]
    rows = calls = credits = 0
    started = []  # the requests of Batches whose answers are still to come, in order
    reply = None
    while True:
        try:
            step = pages.send(reply)
        except StopIteration as done:
            ended = done.value
            break
        if isinstance(step, Rows):
            written = 0
            while True:  # a page of 2,000 rows is written a part at a time, each handed on
                part = step.rows[written:written + WRITTEN_AT_ONCE]
                chunks.append(writer.rows(part))
                written += len(part)
                if written >= len(step.rows):
                    break
                yield Rows(part, True)
            rows += written
            step = Rows(part, step.more)
        reply = yield step
        if isinstance(step, ApiRequest):
            calls, credits = calls + 1, credits + _credits(step, reply)
        elif isinstance(step, Batch):
            started.extend(step.requests)
            calls += len(step.requests)
            credits += sum(request_credits(request) for request in step.requests)  # until an answer says otherwise
        elif isinstance(step, Answer):
            request = started.pop(0)
            credits += _credits(request, reply) - request_credits(request)
    chunks.append(writer.end())
    return Exported("".join(chunks), rows, calls, credits, ended)


class Steps:
    """A flow's steps, for a driver's ``for`` loop: set ``reply`` to the outcome of each step
    (it goes to the flow with the next one); ``result`` is the flow's once the loop ends."""

    def __init__(self, flow):
        self.flow = flow
        self.reply = None
        self.result = None

    def __iter__(self):
        return self

    def __next__(self):
        reply, self.reply = self.reply, None
        try:
            return self.flow.send(reply)
        except StopIteration as done:
            self.result = done.value
            raise StopIteration()


def run(flow, send, sleep, notify=None):
    """Drive ``flow`` synchronously: ``send(request)`` gives (status, headers, text) or raises
    NetworkError, ``sleep(seconds)`` waits, ``notify(text)`` shows a Wait's notice; a Batch's
    requests are sent one after the other, their outcomes kept for the Answers. A generator of
    the Rows met on the way; its return value is the flow's."""
    steps = Steps(flow)
    answers = []
    for step in steps:
        if isinstance(step, Rows):
            yield step
        elif isinstance(step, Wait):
            if notify is not None:
                notify(step.notice)
            sleep(step.seconds)
        elif isinstance(step, Batch):
            answers.extend(_sent(send, request) for request in step.requests)
        elif isinstance(step, Answer):
            steps.reply = answers.pop(0)
        else:
            steps.reply = _sent(send, step)
    return steps.result


def _sent(send, request):
    """``send(request)``'s answer, or the NetworkError it raised."""
    try:
        return send(request)
    except NetworkError as error:
        return error


def result(driven):
    """The return value of a driven flow (its Rows, if any, are skipped)."""
    while True:
        try:
            next(driven)
        except StopIteration as done:
            return done.value
