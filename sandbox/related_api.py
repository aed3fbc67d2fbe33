"""The API's record-depth endpoints (issue 21): layouts, related lists, a record's related records, Notes and
Attachments; a mixin of the API app (sandbox/api.py), which resolves the URL, the token and the scope first."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .errors import multi_status, record_error, record_success
from .layouts import layouts, related_lists, related_module
from .records import MAX_PER_PAGE, RequestError, parse_fields, positive_int, select_fields, write_details
from .related import MAX_ATTACHMENT_BYTES, add_attachment, add_note, attachments_of, notes_of

#: The v8 spec's getRelatedRecords takes ``page`` from 1 to 10,000.
MAX_PAGE = 10000


class RelatedEndpoints:
    """Needs of the app it is mixed into: `state`, `environment`, `store`, `_module_param`, `_record_in_url`,
    `_records_body` and `_now`."""

    async def layouts(self, request: Request, call: Any) -> Response:
        return JSONResponse(layouts(self._module_param(request)))

    async def related_lists(self, request: Request, call: Any) -> Response:
        return JSONResponse(related_lists(self._module_param(request)))

    async def related_records(self, request: Request, call: Any) -> Response:
        """GET /{module}/{id}/{list}: the records that point at this one (fields= required), its Notes or its
        Attachments; none → 204."""
        assert call.module is not None and call.related is not None
        record = self._record_in_url(call)
        related = self.state.related[self.environment]
        if call.related in ("Notes", "Attachments"):
            if not request.query_params.get("fields"):
                raise RequestError("REQUIRED_PARAM_MISSING", {"param_name": "fields"})
            rows = notes_of(related, record["id"]) if call.related == "Notes" else attachments_of(related, record["id"])
            wanted = tuple(n.strip() for n in request.query_params["fields"].split(","))
            rows = [{n: r.get(n) for n in wanted} | {"id": r["id"]} for r in rows]
        else:
            found = related_module(call.module, call.related)
            if found is None:
                raise RequestError("INVALID_DATA", {"resource_path_index": 2}, "the related list name given seems to "
                                   "be invalid")
            listed, lookup = found
            fields = parse_fields(listed, request.query_params.get("fields"))
            rows = [select_fields(r, fields) for r in sorted(self.store.all(listed.api_name), key=lambda r: int(r["id"]))
                    if (r.get(lookup.api_name) or {}).get("id") == record["id"]]
        per_page = positive_int(request.query_params, "per_page", MAX_PER_PAGE, MAX_PER_PAGE)
        page = positive_int(request.query_params, "page", 1, MAX_PAGE)
        shown = rows[(page - 1) * per_page:page * per_page]
        if not shown:
            return Response(status_code=204)
        more = page * per_page < len(rows)
        return JSONResponse({"data": shown, "info": {"per_page": per_page, "count": len(shown), "page": page,
                                                     "more_records": more}})

    async def add_related(self, request: Request, call: Any) -> Response:
        """POST /{module}/{id}/Notes ({"data": [{"Note_Title", "Note_Content"}]}) or /Attachments (multipart `file`)."""
        assert call.module is not None
        record = self._record_in_url(call)
        related = self.state.related[self.environment]
        if call.related == "Attachments":
            form = await request.form(max_part_size=MAX_ATTACHMENT_BYTES + 1)
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise RequestError("REQUIRED_PARAM_MISSING", {"param_name": "file"})
            content = await upload.read()
            if len(content) > MAX_ATTACHMENT_BYTES:
                raise RequestError("FILE_SIZE_MORE_THAN_ALLOWED_SIZE")
            meta = add_attachment(related, call.module, record, upload.filename or "file", content,
                                  upload.content_type or "application/octet-stream", self._now())
            return JSONResponse({"data": [record_success("attachment uploaded successfully", write_details(meta))]})
        results = []
        for index, note in enumerate(await self._records_body(request)):
            content = note.get("Note_Content") if isinstance(note, dict) else None
            title = note.get("Note_Title") if isinstance(note, dict) else None
            if not isinstance(content, str) or not content.strip():
                results.append(record_error("MANDATORY_NOT_FOUND", {"api_name": "Note_Content",
                                                                    "json_path": f"$.data[{index}].Note_Content"}))
                continue
            if title is not None and not isinstance(title, str):
                results.append(record_error("INVALID_DATA", {"expected_data_type": "text", "api_name": "Note_Title",
                                                             "json_path": f"$.data[{index}].Note_Title"}))
                continue
            created = add_note(related, call.module, record, title, content, self._now())
            results.append(record_success("record added", write_details(created)))
        return multi_status(results, 201)

    async def download(self, request: Request, call: Any) -> Response:
        """GET /{module}/{id}/Attachments/{attachment_id}: the file itself."""
        record = self._record_in_url(call)
        found = self.state.related[self.environment].attachments.get(call.attachment_id or "")
        if found is None or found.meta["Parent_Id"]["id"] != record["id"]:
            raise RequestError("INVALID_DATA", {"resource_path_index": 3}, "the attachment id given seems to be "
                               "invalid")
        disposition = f"attachment; filename*=UTF-8''{quote(found.meta['File_Name'])}"
        return Response(found.content, media_type=found.media_type,
                        headers={"Content-Disposition": disposition})
