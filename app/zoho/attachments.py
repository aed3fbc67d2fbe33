"""A record's attachments (the Attachments related list): listing, the size check before an upload,
and the paths of the list, the upload and each file's download."""

from .api import is_record_id, record_path
from .compat import is_ascii_digits

#: Zoho takes attachments of up to 20 MB (its 413 FILE_SIZE_MORE_THAN_ALLOWED_SIZE past that).
MAX_BYTES = 20 * 1024 * 1024
LIST_FIELDS = ("File_Name", "Size", "Owner", "Created_Time")
FILE_FIELD = "file"  # the multipart part Zoho reads the upload from


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
