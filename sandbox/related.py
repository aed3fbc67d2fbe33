"""A record's Notes and Attachments (GET/POST /{module}/{id}/Notes, GET/POST /{module}/{id}/Attachments, GET
/{module}/{id}/Attachments/{attachment_id}) without HTTP.

Shapes from zoho/crm-oas v8.0/notes and v8.0/attachments (getAttachments example response-200-multipleattachments.md,
uploadAttachment examples response-200-successfulupload.md and response-413-filesizeexceeded.md). They live in
memory beside the records (seeded again on reset), with ids of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .catalog import CURRENT_USER, LOOKUP_NAME_FIELD, Module, user_ref
from .data import ID_BASE, Record, RecordStore

#: Zoho takes attachments of up to 20 MB.
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
_SEED_NOTES = (("Call summary", "Asked for a quote for 40 seats; follow up next week."),
               ("Pricing", "Prefers annual billing. Needs the security questionnaire."),
               (None, "Met at the trade show; interested in the analytics add-on."))


@dataclass
class Attachment:
    meta: Record
    content: bytes
    media_type: str


@dataclass
class RelatedStore:
    """The notes and attachments of one environment's records."""

    notes: dict[str, Record] = field(default_factory=dict)
    attachments: dict[str, Attachment] = field(default_factory=dict)
    next_id: int = ID_BASE + 900_001

    def new_id(self) -> str:
        self.next_id += 1
        return str(self.next_id - 1)


def _parent(module: Module, record: Record) -> dict[str, Any]:
    name = record.get(LOOKUP_NAME_FIELD[module.api_name]) if module.api_name in LOOKUP_NAME_FIELD else None
    return {"module": {"api_name": module.api_name, "id": module.module_id}, "name": name, "id": record["id"]}


def _stamps(now: str) -> Record:
    who = user_ref(CURRENT_USER)
    return {"Owner": who, "Created_By": who, "Modified_By": who, "Created_Time": now, "Modified_Time": now}


def add_note(related: RelatedStore, module: Module, record: Record, title: str | None, content: str,
             now: str) -> Record:
    note = {"id": related.new_id(), "Note_Title": title, "Note_Content": content,
            "Parent_Id": _parent(module, record), "$se_module": module.api_name} | _stamps(now)
    related.notes[note["id"]] = note
    return note


def add_attachment(related: RelatedStore, module: Module, record: Record, name: str, content: bytes,
                   media_type: str, now: str) -> Record:
    meta = {"id": related.new_id(), "File_Name": name, "Size": str(len(content)), "$file_id": related.new_id(),
            "$type": "File", "$se_module": module.api_name, "$editable": True, "$state": "save",
            "$field_states": None, "Parent_Id": {"name": _parent(module, record)["name"], "id": record["id"]}
            } | _stamps(now)
    related.attachments[meta["id"]] = Attachment(meta, content, media_type)
    return meta


def notes_of(related: RelatedStore, record_id: str) -> list[Record]:
    return [dict(n) for n in related.notes.values() if n["Parent_Id"]["id"] == record_id]


def attachments_of(related: RelatedStore, record_id: str) -> list[Record]:
    return [dict(a.meta) for a in related.attachments.values() if a.meta["Parent_Id"]["id"] == record_id]


def seeded(store: RecordStore, modules: dict[str, Module]) -> RelatedStore:
    """Notes on the first Leads and Deals, and a small text attachment on the first Deals (the same every time)."""
    related = RelatedStore()
    for name in ("Leads", "Deals"):
        for n, record in enumerate(sorted(store.all(name), key=lambda r: int(r["id"]))[:3]):
            title, content = _SEED_NOTES[n]
            add_note(related, modules[name], record, title, content, record["Modified_Time"])
    for record in sorted(store.all("Deals"), key=lambda r: int(r["id"]))[:2]:
        text = f"Proposal for {record['Deal_Name']}\nAmount: {record['Amount']}\n".encode()
        add_attachment(related, modules["Deals"], record, "proposal.txt", text, "text/plain",
                       record["Modified_Time"])
    return related
