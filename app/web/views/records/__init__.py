"""Records: the CRM modules, a module's records (its fields by label, chosen in a picker,
sorted by a column, searched, paged, exported), one record, and create / edit / delete with
forms built from Zoho's field metadata and Zoho's per-record results.

``view`` is the coordinator; each of the other modules here is one part of the view.
"""

from web.views.records.view import RecordsView
