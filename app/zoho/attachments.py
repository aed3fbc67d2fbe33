"""A record's attachments (the Attachments related list): listing, the size check before an upload,
and the paths of the list, the upload and each file's download."""

from .api import is_record_id, record_path
from .compat import Value, is_ascii_digits
from .display import link_href

#: Zoho takes attachments of up to 20 MB (its 413 FILE_SIZE_MORE_THAN_ALLOWED_SIZE past that).
MAX_BYTES = 20 * 1024 * 1024
LIST_FIELDS = ("File_Name", "Size", "Owner", "Created_Time")
FILE_FIELD = "file"  # the multipart part Zoho reads the upload from
#: How an attachment row is shown: a file to download, a link to open, or its name only.
FILE, LINK, NAME = "file", "link", "name"
UNNAMED = "a file"


def list_call(module, record_id):
    """(path, query) of GET /{module}/{id}/Attachments."""
    return record_path(module, record_id) + "/Attachments", [("fields", ",".join(LIST_FIELDS))]


def upload_path(module, record_id):
    return record_path(module, record_id) + "/Attachments"


def download_path(module, record_id, attachment_id):
    """GET /{module}/{id}/Attachments/{attachment_id}; ValueError for an id that is not one."""
    if not is_record_id(attachment_id):
        raise ValueError("an attachment id has digits only")
    return record_path(module, record_id) + "/Attachments/" + attachment_id


def size_text(size):
    """A byte count as people read it: 512 bytes, 1.5 KB, 20 MB (units of 1,024)."""
    size = int(size)
    if size < 1024:
        return "{} byte{}".format(size, "" if size == 1 else "s")
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            text = "{:.1f}".format(size)
            return (text[:-2] if text.endswith(".0") else text) + " " + unit
    return ""


def upload_refusal(name, size):
    """The sentence why the file ``name`` of ``size`` bytes is not sent, or None when Zoho takes it."""
    if size <= 0:
        return "“{}” is empty; Zoho keeps no empty attachments.".format(name)
    if size > MAX_BYTES:
        return "“{}” is {}; Zoho takes attachments of up to {}.".format(name, size_text(size), size_text(MAX_BYTES))
    return None


def is_file(row):
    """Whether an attachment row is a file to download (not a link: ``$type`` "Link URL")."""
    return row.get("$type") in (None, "File") and is_record_id(row.get("id"))


def file_size(row):
    """The row's ``Size`` as a byte count ("1048576" in Zoho's answers), or None."""
    size = row.get("Size")
    if isinstance(size, int) and not isinstance(size, bool):
        return size
    if isinstance(size, str) and is_ascii_digits(size) and len(size) < 16:
        return int(size)
    return None


class AttachmentRow(Value):
    """How an attachment is listed: its ``kind`` (FILE, LINK or NAME), the ``name`` shown, the
    ``href`` of a LINK (None otherwise) and its size in words ("" when unknown or empty)."""

    FIELDS = ("kind", "name", "href", "size")

    def __init__(self, kind, name, href=None, size=""):
        self.kind = kind
        self.name = name
        self.href = href
        self.size = size


def attachment_row(row):
    """An attachment row of Zoho's answer as it is listed: a file is downloaded; a link (``$type``
    "Link URL") opens only when its address is a plain https one; anything else shows its name."""
    name = row.get("File_Name") if isinstance(row.get("File_Name"), str) and row["File_Name"] else UNNAMED
    size = file_size(row)
    size = size_text(size) if size else ""
    if is_file(row):
        return AttachmentRow(FILE, name, None, size)
    href = link_href("website", row.get("$link_url"))
    if href is not None:
        return AttachmentRow(LINK, name, href, size)
    return AttachmentRow(NAME, name, None, size)
