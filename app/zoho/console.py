"""The API console's rules: what a typed request may be, and the request that sends exactly
what was typed (the body as its text, never parsed and written again).

Strict JSON is the browser's ``JSON.parse`` (MicroPython's json.loads accepts a trailing
comma and drops it): the page asks it, and where it refuses, ``json_body_problem`` finds the
first character no JSON can continue with, by asking it about prefixes of the text (Chromium
names a position for some errors only: this works whatever the browser says). A parser of
our own would be a second definition of JSON to keep right; the browser's is the one the
person's tools (fetch, JSON.parse) agree with.
"""

import json

from .api import CRM, TOKEN_PLACEHOLDER, ApiRequest, build_request
from .compat import is_visible_ascii

BODYLESS = ("GET", "DELETE")
EXAMPLE_PATH = CRM + "/org"


def path_problem(path):
    """A sentence saying what is wrong with a typed path, or None when it may be sent (the
    request builder still refuses anything that would leave the API domain)."""
    if not path:
        return "Write the path of a Zoho API call, for example " + EXAMPLE_PATH + "."
    if any(ch.isspace() for ch in path):
        return ("The path has spaces in it. Put query parameters (and any value with spaces) in the "
                "Query parameters box, one name=value per line.")
    lowered = path.lower()
    if lowered.startswith("http://") or lowered.startswith("https://"):
        return ("Write only the path, from its first \"/\" (for example " + EXAMPLE_PATH + "): the console "
                "sends it to your organisation's API domain.")
    if not path.startswith("/"):
        return "A path starts with \"/\": /" + path + ", not " + path + "."
    if not is_visible_ascii(path):
        return ("The path has characters that are not plain ASCII: percent-encode them (%C3%A9 for é), or put "
                "them in the Query parameters box.")
    return None


def query_pairs(text):
    """The Query parameters box: one ``name=value`` per line; a line without "=" is a name with
    an empty value; blank lines are skipped."""
    pairs = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            name, _, value = line.partition("=")
            pairs.append((name.strip(), value.strip()))
    return pairs


def has_body(text):
    return bool(text.strip())


def body_problem(method, text):
    """A sentence when a body is typed for a method that sends none, else None."""
    if has_body(text) and method in BODYLESS:
        return ("A " + method + " request sends no body: empty the JSON body box, or choose POST, PUT or "
                "PATCH.")
    return None


def console_request(token, now, method, path, pairs, body_text, extra_headers=()):
    """The request for what was typed: ``body_text`` is sent as it is (when not blank), with
    the person's own headers (checked by ``header_problem``) after the app's."""
    request = build_request(token, now, method, path, pairs)
    headers = dict(request.headers)
    if has_body(body_text):
        headers["Content-Type"] = "application/json"
    for name, value in extra_headers:
        headers[name] = value
    return ApiRequest(request.method, request.url, headers, body_text if has_body(body_text) else None)


# --- The person's own headers -------------------------------------------------------------------

TOKEN_CHARACTERS = "!#$%&'*+-.^_`|~"  # besides letters and digits, what a header name may hold (RFC 9110)
# Headers a page may not set (the Fetch standard's forbidden names, and the token's own).
NOT_SETTABLE = ("authorization", "accept-charset", "accept-encoding", "access-control-request-headers",
                "access-control-request-method", "connection", "content-length", "cookie", "cookie2", "date",
                "dnt", "expect", "host", "keep-alive", "origin", "referer", "te", "trailer",
                "transfer-encoding", "upgrade", "via")


def header_problem(name, value):
    """A sentence when a header typed in the headers editor cannot be sent as typed, else None."""
    if not name:
        return "Give the header a name, or remove its row."
    if not all(ch.isalpha() or ch.isdigit() or ch in TOKEN_CHARACTERS for ch in name) or not is_visible_ascii(name):
        return "The header name " + name + " may hold only letters, digits and " + TOKEN_CHARACTERS + "."
    lowered = name.lower()
    if lowered == "authorization":
        return "The Authorization header carries your sign-in; the console sets it, and it cannot be changed."
    if lowered in NOT_SETTABLE or lowered.startswith("proxy-") or lowered.startswith("sec-"):
        return "Browsers do not let a page set the header " + name + "."
    if "\n" in value or "\r" in value:
        return "The value of the header " + name + " must be on one line."
    return None


# --- Next page, history, saved requests ------------------------------------------------------------

def next_page_pairs(pairs, answer):
    """The query for the next page of a list answer that carries ``info.next_page_token`` (and
    says there are more records): the same pairs with page_token set (page dropped); else None."""
    info = answer.get("info") if isinstance(answer, dict) else None
    if not isinstance(info, dict) or info.get("more_records") is not True:
        return None
    token = info.get("next_page_token")
    if not isinstance(token, str) or not token:
        return None
    return [(name, value) for name, value in pairs if name not in ("page_token", "page")] + [("page_token", token)]


FIELDS = ("method", "path", "query", "body", "headers")  # what a request is, as typed
SAVED_LIMIT = 50
HISTORY_LIMIT = 20


def typed_request(method, path, query, body, headers, secret):
    """What was typed, as kept (a saved request, a history entry): the sign-in's token replaced
    wherever it was pasted, so it is never kept."""
    def clean(text):
        return text.replace(secret, TOKEN_PLACEHOLDER) if secret else text
    return {"method": method, "path": clean(path), "query": clean(query), "body": clean(body),
            "headers": [[clean(name), clean(value)] for name, value in headers]}


def _is_header_list(headers):
    return isinstance(headers, list) and all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(text, str) for text in pair)
        for pair in headers)


def encode_headers(pairs):
    """The headers editor's rows, as kept in the console's draft."""
    return json.dumps([[name, value] for name, value in pairs])


def decode_headers(text):
    """Kept header rows back, trusting nothing: [[name, value], ...] or []."""
    try:
        headers = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return []
    return headers if _is_header_list(headers) else []


def _read_typed(item):
    if not isinstance(item, dict) or not all(isinstance(item.get(key), str) for key in FIELDS[:4]):
        return None
    if not _is_header_list(item.get("headers")):
        return None
    kept = {key: item[key] for key in FIELDS}
    for key in ("name", "label"):
        if isinstance(item.get(key), str):
            kept[key] = item[key]
    return kept


def encode_requests(requests):
    return json.dumps(requests)


def decode_requests(text, limit):
    """Kept requests back, trusting nothing: those that are well formed, at most ``limit``."""
    if not isinstance(text, str):
        return []
    try:
        items = json.loads(text)
    except ValueError:
        return []
    if not isinstance(items, list):
        return []
    kept = [_read_typed(item) for item in items]
    return [item for item in kept if item is not None][:limit]


def with_saved(saved, name, request):
    """The saved requests with ``request`` saved as ``name`` (one of that name, the latest first)."""
    entry = dict(request, name=name)
    return ([entry] + [item for item in saved if item.get("name") != name])[:SAVED_LIMIT]


def with_history(history, request, label):
    """The history with ``request`` (sent, answered as ``label``) first."""
    return ([dict(request, label=label)] + history)[:HISTORY_LIMIT]


# --- Where JSON went wrong ---------------------------------------------------------------------

def is_unfinished(message, length):
    """Whether a JSON.parse error ``message`` for a text of ``length`` characters means only
    that the text ends too soon (so the text is a valid beginning of JSON)."""
    if "end of JSON input" in message or "unexpected end of data" in message:
        return True
    position = error_position(message)
    return position is not None and position >= length


def error_position(message):
    """The character position a JSON.parse message names ("at position 34"), or None."""
    at = message.find("at position ")
    if at < 0:
        return None
    digits = ""
    for ch in message[at + len("at position "):]:
        if not "0" <= ch <= "9":
            break
        digits += ch
    return int(digits) if digits else None


def json_body_problem(text):
    """Whether ``text`` is JSON, as a flow: it yields texts for the browser's strict parser and
    is sent back the parser's error message for each (None when it accepts it); it returns
    None when ``text`` is valid JSON, else a sentence naming the line and column.

    Where the parser names no position, the first character no JSON can continue with is
    found by a binary search over prefixes of ``text``: about log2(len(text)) questions.
    """
    message = yield text
    if message is None:
        return None
    index = len(text)  # unfinished: the error is at the end
    if not is_unfinished(message, len(text)):
        good, bad = 0, len(text)  # text[:good] is a valid beginning of JSON; text[:bad] is not
        while bad - good > 1:
            middle = (good + bad) // 2
            answer = yield text[:middle]
            if answer is None or is_unfinished(answer, middle):
                good = middle
            else:
                bad = middle
        index = bad - 1
    return json_problem(text, index, message)


def line_and_column(text, index):
    """The line and column (both from 1) of ``text[index]``."""
    before = text[:index]
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1


def json_reason(message):
    """The parser's own words, without its position or its quote of the text."""
    reason = message
    for prefix in ("SyntaxError: ", "JSON.parse: "):
        if reason.startswith(prefix):
            reason = reason[len(prefix):]
    for cut in (" in JSON at position", " at line ", ', "'):
        at = reason.find(cut)
        if at > 0:
            reason = reason[:at]
    return reason.strip()


def json_problem(text, index, message):
    """The sentence for a body the parser refused: line, column, the character, the reason."""
    line, column = line_and_column(text, index)
    sentence = "The JSON body is not valid JSON at line {}, column {}".format(line, column)
    if 0 <= index < len(text) and not text[index].isspace():
        sentence += " (at " + text[index] + ")"
    sentence += ": " + json_reason(message) + "."
    if text[index:index + 1] in ("}", "]") and text[:index].rstrip().endswith(","):
        # The mistake of the issue: a trailing comma, which MicroPython's json.loads dropped.
        sentence += " JSON allows no comma before a closing } or ]."
    return sentence
