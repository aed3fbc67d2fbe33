"""A record's attachments under its detail: listed, each downloaded through fetch with the token in
its header and handed over as a Blob (never a navigation carrying the token), and a file picked in
the file input uploaded, once Zoho's size limit is checked here first."""

from pyscript.ffi import create_proxy

from zoho.api import interpret_response, items_of
from zoho.attachments import FILE, FILE_FIELD, LINK, attachment_row, download_path, list_call, size_text, upload_path, \
    upload_refusal
from zoho.errors import ZohoError

from web import transfer
from web.dom import button, element, show
from web.page import Message
from web.views.records.results import say_results


class Attachments:
    def __init__(self, view, formatter):
        """``formatter()`` gives the value formatter in use (web.intl)."""
        self.view = view
        self.formatter = formatter
        self.transfer = transfer  # web.transfer: fetch_file, send_file, save_blob
        self.element = view.part("attachments")
        self.listing = view.part("attachments-list")
        self.upload = view.part("attachment-upload")
        self.message = Message(view.part("attachments-message"))
        self.place = None  # (module, record id, still) of the record whose attachments are shown
        self.upload.addEventListener("change", create_proxy(lambda event: self.view.spawn(self._upload())))

    def clear(self):
        self.place = None
        show(self.element, False)
        self.listing.replaceChildren()
        self.message.clear()

    async def show(self, module, record_id, still, keep_message=False):
        self.place = (module, record_id, still)
        if not keep_message:
            self.message.clear()
        show(self.element)
        path, query = list_call(module, record_id)
        response = await self.view.services.call("GET", path, query, None, self.message)
        if not still():
            return
        self.listing.replaceChildren()  # after a failure too: no attachments listed earlier stay
        if response is None:
            return
        rows = items_of(response, "data")
        if not rows:
            self.listing.append(element("li", "No attachments yet.", "muted"))
        for row in rows:
            self.listing.append(self._item(row))

    def _item(self, row):
        item = element("li")
        shown = attachment_row(row)
        if shown.kind == FILE:
            item.append(button(shown.name, lambda: self.view.spawn(self._download(row["id"], shown.name)), "link"))
        elif shown.kind == LINK:
            link = element("a", shown.name)
            link.setAttribute("href", shown.href)
            link.setAttribute("rel", "noopener noreferrer")
            link.setAttribute("target", "_blank")
            item.append(link)
        else:
            item.append(element("span", shown.name))
        facts = [shown.size, self.formatter().typed("ownerlookup", row.get("Owner")),
                 self.formatter().typed("datetime", row.get("Created_Time"))]
        item.append(element("small", " " + " · ".join(fact for fact in facts if fact), "muted"))
        return item

    def _signed(self, method, path):
        """The ApiRequest for ``path``, signed with the session's token (TokenExpiredError without one)."""
        return self.view.services.credentials.request(method, path)

    async def _download(self, attachment_id, name):
        module, record_id, _ = self.place
        self.message.clear()
        try:
            path = download_path(module, record_id, attachment_id)
            status, headers, blob, text = await self.transfer.fetch_file(self._signed("GET", path))
            if blob is None:
                interpret_response(status, headers, text, "GET", path)  # raises Zoho's error
            self.transfer.save_blob(blob, name)
        except ZohoError as error:
            await self.view.services.handle_error(error, self.message)

    async def _upload(self):
        files = self.upload.files
        if self.place is None or not files or files.length == 0:
            return
        module, record_id, still = self.place
        picked = files.item(0)
        self.message.clear()
        refusal = upload_refusal(picked.name, int(picked.size))
        if refusal is not None:
            self.message.show_error(refusal)
            return
        path = upload_path(module, record_id)
        self.message.show_notice("Uploading “" + picked.name + "” (" + size_text(int(picked.size)) + ")…")
        self.upload.disabled = True
        try:
            status, headers, text = await self.transfer.send_file(self._signed("POST", path), FILE_FIELD, picked)
            response = interpret_response(status, headers, text, "POST", path)
        except ZohoError as error:
            self.message.clear()
            await self.view.services.handle_error(error, self.message)
            return
        finally:
            self.upload.disabled = False
        self.upload.value = ""
        if still() and say_results(self.message, response, []) is not None:
            await self.show(module, record_id, still, keep_message=True)
