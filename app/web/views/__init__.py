"""The workspace's views, in the order of the navigation; the first is the default.

A new view: a module here with a View subclass (see web.view.View), one line below,
and its ``<section data-view="NAME">`` and ``nav-NAME`` link in static/index.html.j2.
"""

from web.views.console import ConsoleView
from web.views.notebook import NotebookView
from web.views.query import QueryView
from web.views.records import RecordsView

VIEWS = (RecordsView, QueryView, ConsoleView, NotebookView)
