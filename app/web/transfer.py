"""Files to and from Zoho in the browser: a download fetched with the token in its header and handed
to the person as a Blob (never a navigation, which would carry the token in a URL), and a multipart
upload of a file the person picked. Both take an ApiRequest signed by zoho.calls.Credentials."""

from jsffi import JsException
from pyscript import window
from pyscript.ffi import to_js

from zoho.errors import NetworkError

from web.dom import offer_download


def _init(request, body=None):
    init = {"method": request.method, "headers": dict(request.headers), "credentials": "omit", "cache": "no-store",
            "referrerPolicy": "no-referrer", "redirect": "error"}
    if body is not None:
        init["body"] = body
    return to_js(init)


def _headers(response):
    headers = {}
    response.headers.forEach(lambda value, name, *rest: headers.__setitem__(name, value))
    return headers


async def fetch_file(request):
    """(status, headers, blob, text): the file as a Blob when Zoho answers 2xx, else its answer's text."""
    try:
        response = await window.fetch(request.url, _init(request))
        if response.ok:
            return response.status, _headers(response), await response.blob(), ""
        return response.status, _headers(response), None, await response.text()
    except JsException:
        raise NetworkError.seen_by(window.navigator.onLine) from None


async def send_file(request, field, file):
    """POST ``file`` (a File from an input) as the multipart part ``field``; (status, headers, text).
    The browser writes the multipart Content-Type with its boundary."""
    form = window.FormData.new()
    form.append(field, file, file.name)
    try:
        response = await window.fetch(request.url, _init(request, form))
        return response.status, _headers(response), await response.text()
    except JsException:
        raise NetworkError.seen_by(window.navigator.onLine) from None


def save_blob(blob, name):
    """Offer ``blob`` as a download named ``name`` (an object URL of this page, revoked at once)."""
    offer_download(window.URL.createObjectURL(blob), name)
