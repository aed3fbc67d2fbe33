"""Zoho's answer to a create, update or delete, said in the view's message."""

from zoho.api import parse_record_results
from zoho.errors import ZohoError
from zoho.outcomes import result_lines


def say_results(message, response, fields):
    """Say Zoho's result for each record in ``message`` (fields by their labels among
    ``fields``); the results (api.RecordResult), or None when the answer could not be read."""
    try:
        results = parse_record_results(response)
    except ZohoError as error:
        message.show_error(error.message)
        return None
    ok = all(result.ok for result in results)
    message.show_list("done" if ok else "error", result_lines(results, fields))
    return results


class Quiet:
    """A report that says nothing: for calls the view does without them (settings that only refine
    what is shown), whose problems are not the person's to act on."""

    def show_error(self, message, actions=()):
        pass

    def show_notice(self, message):
        pass
