"""Zoho CRM's API credits, as Zoho counts them (API limits page, v8; COQL overview):

- a COQL query by its LIMIT: 1 to 200 rows 1 credit, 201 to 1,000 rows 2, 1,001 to 2,000 rows 3
  (no LIMIT clause: Zoho's 200, 1 credit);
- a page of a records list or a search (up to 200 records): 1 credit.

A call Zoho refuses for a rate limit (429), or one that got no answer, is not counted.
"""

import json

from .coql import read_limit

#: Zoho's sub-limit of concurrent COQL calls per organisation and app (besides the edition's own).
COQL_CONCURRENCY = 10


def coql_credits(count: int) -> int:
    """The credits of a COQL query whose LIMIT asks for ``count`` rows."""
    return 1 if count <= 200 else 2 if count <= 1000 else 3


def request_credits(request: "ApiRequest") -> int:
    """The credits Zoho counts for ``request`` (zoho.api.ApiRequest) once it is answered."""
    path = request.url.partition("?")[0]
    if request.method == "POST" and path.endswith("/coql"):
        try:
            query = json.loads(request.body or "{}").get("select_query", "")
        except (ValueError, AttributeError):
            query = ""
        limit = read_limit(query) if isinstance(query, str) else None
        return coql_credits(limit[1] if limit is not None else 200)
    return 1
