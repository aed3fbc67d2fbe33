"""Changing or deleting several records at once: the calls, in batches Zoho takes, and what came
of each record, in sentences.

A change is Zoho's mass update (``POST /{module}/actions/mass_update`` with ``{"data": [{field:
value}], "ids": [...]}``, the records updated at once, a result each); a delete is ``DELETE
/{module}?ids=...``. Both take at most MAX_PER_CALL records a call (the mass update spec allows
500 ids, the delete spec 100: one limit for both keeps to the smaller).

Zoho answers a batch with a result per record, HTTP 200 (all done), 207 (some) or 400 (none);
the 400 carries the per-record results too, so a batch's answer is read here before it could be
raised as one error (``batch_outcomes``). A result names its record by ``details.id``, but for
MANDATORY_NOT_FOUND (empty details): the results come in the order of the ids sent, so those
naming none are the remaining records', in turn; a single refusal naming none, of the call as a
whole, holds for each record.
"""

import json

from .api import interpret_response, is_api_name, record_path
from .calls import Rows, Wait, exchange
from .compat import Value
from .errors import NetworkError, ServerError, UnexpectedResponseError, ZohoError, shorten
from .field_errors import field_problem
from .fields import check_record
from .policy import MAX_ATTEMPTS, retry_delay, retry_notice
from .scopes import scope_covers

MAX_PER_CALL = 100
UPDATE = "update"
DELETE = "delete"

#: The scope the app asks for Zoho's mass update: every module's (the spec's security allows it or
#: the module's own ``ZohoCRM.mass_update.{Module}.UPDATE``; ZohoCRM.modules.ALL does not cover it).
MASS_UPDATE_SCOPE = "ZohoCRM.mass_update.UPDATE"
#: How "Change a field" stands for a module (update_access).
OFFERED = "offered"
NEEDS_SCOPE = "needs scope"
NEEDS_SCOPE_TEXT = ("Changing a field on several records at once is Zoho's mass update, which needs the scope "
                    + MASS_UPDATE_SCOPE + "; this sign-in did not grant it.")

#: Field types Zoho's mass update refuses (its spec: email, lookup, multi-line, layout and line
#: item fields), besides those the app never edits.
NOT_MASS_UPDATED = ("email", "lookup", "ownerlookup", "userlookup", "textarea", "multiselectlookup", "subform")
NOT_MASS_UPDATED_NAMES = ("Layout",)

#: Zoho's per-record codes -> why the record was left as it was (the end of "Name: not changed: ...").
REASONS = {
    "RECORD_LOCKED": "it is locked in Zoho (an approval or a rule holds it)",
    "CONVERTED_RECORD": "it was converted, and Zoho does not change a converted record",
    "NOT_APPROVED": "it waits for approval in Zoho",
    "NO_PERMISSION": "your Zoho role may not change it",
    "MAPPING_MISMATCH": "the value does not fit the record's layout or mapping",
    "CANNOT_DELETE": "Zoho does not let it be deleted",
    "MANDATORY_NOT_FOUND": "Zoho says a value it requires is missing (a mandatory field cannot be emptied)",
}
NO_SUCH_RECORD = "Zoho has no record with this id (it may have been deleted meanwhile)"
NO_RESULT = "Zoho gave no result for it"


class BulkAction(Value):
    """What to do to the chosen records: ``kind`` UPDATE (``field``, a FieldMeta, set to
    ``value``, the JSON value; ``shown``, the value as the person chose it) or DELETE."""

    FIELDS = ("kind", "module", "field", "value", "shown")

    def __init__(self, kind, module, field=None, value=None, shown=""):
        self.kind = kind
        self.module = module
        self.field = field
        self.value = value
        self.shown = shown


class Outcome(Value):
    """What came of one record: ``ok``, and Zoho's ``code``, ``message`` and ``details``."""

    FIELDS = ("id", "ok", "code", "message", "details")

    def __init__(self, id, ok, code="", message="", details=None):
        self.id = id
        self.ok = ok
        self.code = code
        self.message = message
        self.details = details if isinstance(details, dict) else {}


def batches(ids, size=MAX_PER_CALL):
    """The ids (each once, in order) in lists of at most ``size``."""
    seen = []
    for record_id in ids:
        if record_id not in seen:
            seen.append(record_id)
    return [seen[start:start + size] for start in range(0, len(seen), size)]


def mass_updatable(field):
    """Whether Zoho's mass update can set ``field`` (a FieldMeta) and the app has an input for it."""
    return (field.editable and field.data_type not in NOT_MASS_UPDATED
            and field.api_name not in NOT_MASS_UPDATED_NAMES)


def update_access(granted, module):
    """Whether "Change a field" is offered for ``module`` (Zoho's description of it) to a sign-in
    granted the scopes ``granted``: OFFERED with Zoho's mass update scope for the module;
    NEEDS_SCOPE when it may change the module's records one by one
    (``ZohoCRM.modules.{Module}.UPDATE``) but lacks that scope (MASS_UPDATE_SCOPE is to be
    offered); None when the module's records cannot be changed at all."""
    name = module.get("api_name") if isinstance(module, dict) else None
    if not is_api_name(name) or module.get("editable") is False:
        return None
    if scope_covers(granted, "ZohoCRM.mass_update." + name + ".UPDATE"):
        return OFFERED
    if scope_covers(granted, "ZohoCRM.modules." + name + ".UPDATE"):
        return NEEDS_SCOPE
    return None


def update_action(module, field, entry, shown, utc_offset_minutes=0):
    """The BulkAction setting ``field`` to what its input holds (``entry``, as fields.field_value
    takes it); ValueError with a sentence when the value does not fit or the field cannot be
    mass updated."""
    if not mass_updatable(field):
        raise ValueError("{} cannot be changed for several records at once.".format(field.label))
    values, problems = check_record([field], {field.api_name: entry}, False, utc_offset_minutes)
    if problems:
        raise ValueError(problems[0].message)
    return BulkAction(UPDATE, module, field, values.get(field.api_name), shown)


def batch_call(action, ids):
    """(method, path, query, JSON body) of the call for one batch of ``ids``."""
    path = record_path(action.module)
    if action.kind == DELETE:
        return "DELETE", path, [("ids", ",".join(ids))], None
    return "POST", path + "/actions/mass_update", None, {"data": [{action.field.api_name: action.value}], "ids": ids}


def _per_record(data):
    """Zoho's per-record results in an answer (a parsed JSON body), or None for another shape."""
    listed = data.get("data") if isinstance(data, dict) else None
    if not isinstance(listed, list) or not listed:
        return None
    for item in listed:
        if not isinstance(item, dict) or item.get("status") not in ("success", "error"):
            return None
    return listed


def _outcome(record_id, item):
    details = item.get("details")
    code, message = item.get("code"), item.get("message")
    return Outcome(record_id, item["status"] == "success", code if isinstance(code, str) else "",
                   message if isinstance(message, str) else "", details)


def _named_id(item):
    """The record id a result names (its ``details.id``), as text; None when it names none."""
    details = item.get("details")
    named = details.get("id") if isinstance(details, dict) else None
    if type(named) is int:
        return str(named)
    return named if isinstance(named, str) and named else None


def batch_outcomes(ids, status, text):
    """An Outcome for each of ``ids`` from Zoho's answer to their batch (HTTP ``status``, body
    ``text``), or None when the answer holds no per-record results (an error of the whole call).

    A result naming a record's id is that record's. Zoho answers a result per record, in the
    order of the ids sent (its spec's MassUpdate400Response: "the corresponding record in the
    request"), so the results naming no id (MANDATORY_NOT_FOUND's details are empty) are those of
    the ids left, in turn; but one refusal alone, naming no id, is the whole batch's (the value
    itself refused), and holds for each."""
    if status not in (200, 207, 400) or not text:
        return None
    try:
        listed = _per_record(json.loads(text))
    except ValueError:
        return None
    if listed is None:
        return None
    found, unnamed = {}, []
    for item in listed:
        named = _named_id(item)
        if named is None:
            unnamed.append(item)
        elif named in ids and named not in found:
            found[named] = item
    left = [record_id for record_id in ids if record_id not in found]
    if not found and len(unnamed) == 1 and len(ids) > 1 and unnamed[0]["status"] == "error":
        unnamed = unnamed * len(ids)  # the value itself refused, for each
    for record_id, item in zip(left, unnamed):
        found[record_id] = item
    return [_outcome(record_id, found[record_id]) if record_id in found
            else Outcome(record_id, False, "NO_RESULT", NO_RESULT) for record_id in ids]


def _send_batch(credentials, method, path, query, body, ids):
    """One batch's call, tried again as zoho.policy says (a rate limit; never a write Zoho may
    have done): its outcomes, or the ZohoError of the whole call."""
    attempt = 0
    while True:
        attempt += 1
        try:
            done = yield from exchange(credentials, method, path, query, body)
            outcomes = batch_outcomes(ids, done.status, done.text)
            if outcomes is not None:
                return outcomes
            interpret_response(done.status, done.headers, done.text, method, path)  # raises Zoho's error
            raise UnexpectedResponseError("Zoho's answer did not have a result for each record.", done.status,
                                          "UNEXPECTED_RESPONSE")
        except ZohoError as error:
            delay = retry_delay(method, error, attempt, MAX_ATTEMPTS)
            if delay is None:
                raise
            yield Wait(delay, retry_notice(error, delay, attempt, MAX_ATTEMPTS))


def changed_nothing(error):
    """Whether a call that raised ``error`` surely left Zoho's records as they were: Zoho answered
    and refused it. Not after a lost answer, a server error or an answer that could not be read:
    Zoho may have done the work all the same."""
    return not isinstance(error, (NetworkError, ServerError, UnexpectedResponseError))


def run_bulk(credentials, action, ids):
    """The flow (see zoho.calls) doing ``action`` to ``ids``, a batch a call: each batch's
    outcomes as Rows (``more`` while batches are left), then all of them. A call Zoho refuses as
    a whole raises its ZohoError; the outcomes given before stand."""
    done = []
    groups = batches(ids)
    for number, batch in enumerate(groups):
        method, path, query, body = batch_call(action, batch)
        outcomes = yield from _send_batch(credentials, method, path, query, body, batch)
        done.extend(outcomes)
        yield Rows(outcomes, number + 1 < len(groups))
    return done


# --- What a person reads ---------------------------------------------------------------------


def _plural(count, one, many):
    return "{} {}".format(count, one if count == 1 else many)


def confirmation(action, count):
    """The question asked in the page before ``action`` is done to ``count`` records."""
    records = _plural(count, "record", "records")
    if action.kind == DELETE:
        return "Delete {} for good?".format(records)
    if action.value is None:
        return "Empty {} on {}?".format(action.field.label, records)
    return 'Set {} to "{}" on {}?'.format(action.field.label, shorten(action.shown, 80), records)


def confirm_label(action, count):
    """The label of the button that does it: "Delete 3 records", "Change 1 record"."""
    return "{} {}".format("Delete" if action.kind == DELETE else "Change", _plural(count, "record", "records"))


def progress_text(action, done, total):
    """Where a bulk action is: "Deleted 100 of 250 records…"."""
    verb = "Deleted" if action.kind == DELETE else "Changed"
    return "{} {} of {}…".format(verb, done, _plural(total, "record", "records"))


def reason(outcome, fields):
    """Why a record was left as it was, as the end of a sentence (its field by label)."""
    problem = field_problem(outcome.code, outcome.details, outcome.message, fields)
    if problem is not None:
        return problem.message[:-1] if problem.message.endswith(".") else problem.message
    if outcome.code in REASONS:
        return REASONS[outcome.code]
    if outcome.code == "INVALID_DATA":
        return NO_SUCH_RECORD
    if outcome.code == "NO_RESULT":
        return NO_RESULT
    said = ' ("{}")'.format(shorten(outcome.message, 120)) if outcome.message else ""
    return "Zoho refused it: {}{}".format(shorten(outcome.code or "error", 60), said)


MAX_NAMED = 10


def maybe_done_line(action):
    """Said after a call that raised an error after which Zoho may have done it all the same (see
    changed_nothing), once the list is drawn again."""
    return ("Zoho's answer did not come through, so these records may have been {} all the same: the "
            "list shows them as Zoho has them.".format("deleted" if action.kind == DELETE else "changed"))


def result_lines(action, outcomes, names, fields, asked=None):
    """(text, ok) lines saying what came of each record: a headline, each failure with its
    reason, then the records done by name (the first MAX_NAMED). ``names`` maps ids to the
    records' names; ``asked`` is how many records were to be done (when a call failed before
    every batch was sent, the rest are said not to have been sent)."""
    asked = len(outcomes) if asked is None else asked
    done = [o for o in outcomes if o.ok]
    failed = [o for o in outcomes if not o.ok]
    verb, not_verb = ("deleted", "not deleted") if action.kind == DELETE else ("changed", "not changed")
    what = _plural(asked, "record", "records")
    if len(done) == asked:
        headline = "All {} {}.".format(what, verb) if asked > 1 else "The record was {}.".format(verb)
    else:
        headline = "{} of {} {}.".format(len(done), what, verb)
    lines = [(headline, len(done) == asked)]
    for outcome in failed:
        lines.append(("{}: {}: {}.".format(names.get(outcome.id, "Record " + outcome.id), not_verb,
                                           reason(outcome, fields)), False))
    unsent = asked - len(outcomes)
    if unsent > 0:
        lines.append(("{} not sent to Zoho, as the call before failed.".format(
            _plural(unsent, "record was", "records were")), False))
    if done:
        named = [names.get(o.id, "Record " + o.id) for o in done[:MAX_NAMED]]
        more = " and {} more".format(len(done) - MAX_NAMED) if len(done) > MAX_NAMED else ""
        lines.append(("{}: {}{}.".format(verb[0].upper() + verb[1:], ", ".join(named), more), True))
    return lines
