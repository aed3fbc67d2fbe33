"""What Zoho says of a module, read once a session each: its fields (settings/fields, zoho.fields) and
its custom views (settings/custom_views, zoho.record_list). Without its fields, the view guesses text
fields from the chosen columns; without its views (no scope, say), the list offers every record only,
and says why on the select."""

from zoho.api import CRM
from zoho.errors import ZohoError
from zoho.fields import parse_fields
from zoho.record_list import custom_views_call, parse_custom_views

from web.views.records.list_tools import Noted


class ModuleMeta:
    def __init__(self, view):
        """``view`` gives the calls and the message a failure to read the fields is said in."""
        self.view = view
        self.fields = {}  # module API name -> its fields (FieldMeta; None when Zoho did not give them)
        self.views = {}  # module API name -> (Zoho's custom views or None, the sentence why none)

    def forget(self):
        self.fields = {}
        self.views = {}

    async def read_fields(self, name):
        """The fields of the module ``name``, read unless they were; a failure is said in the view's message."""
        if name in self.fields:
            return self.fields[name]
        response = await self.view.call("GET", CRM + "/settings/fields", [("module", name)])
        try:
            self.fields[name] = parse_fields(response) if response is not None else None
        except ZohoError as error:
            self.view.message.show_error(error.message)
            self.fields[name] = None
        return self.fields[name]

    async def read_views(self, name):
        """The custom views of the module ``name``, read unless they were: (views or None, why none)."""
        if name not in self.views:
            report = Noted()
            path, query = custom_views_call(name)
            response = await self.view.services.call("GET", path, query, None, report)
            try:
                listed = parse_custom_views(response) if response is not None else None
            except ZohoError as error:
                listed, report.sentence = None, error.message
            self.views[name] = (listed, report.sentence)
        return self.views[name]
