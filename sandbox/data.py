"""Seeded sample records and the record store (in memory, or SQLite so data survives restarts)."""

from __future__ import annotations

import json
import random
import sqlite3
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, TypeVar

from .catalog import (
    ACCOUNT_TYPES,
    CAMPAIGN_STATUSES,
    CAMPAIGN_TYPES,
    DEAL_TYPES,
    INDUSTRIES,
    INTERESTS,
    LEAD_SOURCES,
    LEAD_STATUSES,
    LOOKUP_NAME_FIELD,
    PROJECT_STATUSES,
    RECORD_MODULES,
    STAGES,
    TASK_PRIORITIES,
    TASK_STATUSES,
    USERS,
    user_ref,
)

Record = dict[str, Any]

#: Record ids look like Zoho's 19-digit ids; new ones continue the same sequence.
ID_BASE = 5725767000000500000

SEED_COUNTS = {"Accounts": 40, "Contacts": 120, "Leads": 250, "Deals": 60, "Campaigns": 0, "Tasks": 0, "Projects": 12}
#: Modules seeded after the others from a random stream of their own, so that adding them changed no earlier record.
_LATER_MODULES = ("Projects",)

_FIRST = ("Amara", "Bruno", "Chloe", "Dmitri", "Elena", "Farah", "Gustav", "Hana", "Ivan", "Jonas", "Keiko", "Liam",
          "Maya", "Noor", "Oscar", "Priya", "Quentin", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wei", "Ximena",
          "Yusuf", "Zoe", "Aiko", "Bilal", "Carmen", "Diego", "Emeka", "Freya", "Goran", "Ines", "Jamal", "Lena")
_LAST = ("Okafor", "Silva", "Martin", "Petrov", "Rossi", "Haddad", "Lindqvist", "Tanaka", "Novak", "Berg", "Sato",
         "Murphy", "Cohen", "Rahman", "Duarte", "Iyer", "Moreau", "Garcia", "Khan", "Walsh", "Yilmaz", "Costa",
         "Zhang", "Lopez", "Demir", "Fischer", "Kimura", "Nasser", "Ortega", "Reyes", "Adeyemi", "Nielsen",
         "Kovac", "Almeida", "Brooks", "Weber")
_COMPANY_A = ("Blue", "North", "Bright", "Iron", "Silver", "Cedar", "Quantum", "Harbor", "Summit", "Atlas",
              "Copper", "Lumen", "Orbit", "Prairie", "Vertex")
_COMPANY_B = ("Analytics", "Logistics", "Foods", "Robotics", "Health", "Textiles", "Energy", "Media", "Labs",
              "Systems", "Outfitters", "Partners")
_COMPANY_C = ("Ltd", "Inc", "GmbH", "LLC", "SA", "Co")
_PLACES = (("London", "United Kingdom"), ("Lagos", "Nigeria"), ("São Paulo", "Brazil"), ("Berlin", "Germany"),
           ("Toronto", "Canada"), ("Pune", "India"), ("Osaka", "Japan"), ("Austin", "United States"),
           ("Lyon", "France"), ("Melbourne", "Australia"), ("Madrid", "Spain"), ("Dubai", "United Arab Emirates"))
_TITLES = ("CEO", "CTO", "Head of Sales", "Operations Manager", "Procurement Lead", "Marketing Director",
           "Data Analyst", "Office Manager")
_DEPARTMENTS = ("Sales", "Engineering", "Finance", "Operations", "Marketing", "Purchasing")
_PROBABILITY = dict(zip(STAGES, (10, 20, 40, 60, 75, 90, 100, 0)))
_SEASONS = ("Spring", "Summer", "Autumn", "Winter")
_TASK_VERBS = ("Call", "Email", "Send a quote to", "Follow up with", "Meet", "Prepare a demo for")
_SEED_START = datetime(2024, 1, 8, 9, 0, tzinfo=timezone.utc)
_SEED_SPAN_MINUTES = 110 * 24 * 60  # to late April 2024, whatever the number of records
T = TypeVar("T")


def zoho_time(moment: datetime) -> str:
    """Zoho's date-time format: ISO 8601 with offset, whole seconds."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def file_entry(file_id: str, name: str, size: int, entry_id: str) -> dict[str, Any]:
    """A file or image field's entry for one file, as records answer it."""
    return {"File_Name__s": name, "Size__s": str(size), "File_Id__s": file_id, "id": entry_id}


def weighted_amount(deal: Record) -> float | None:
    """Deals' formula field Weighted_Amount: Amount × Probability / 100 (None when either is empty)."""
    amount, probability = deal.get("Amount"), deal.get("Probability")
    return None if amount is None or probability is None else round(amount * probability / 100, 2)


def lookup_ref(module: str, record: Record) -> dict[str, str]:
    return {"name": record[LOOKUP_NAME_FIELD[module]], "id": record["id"]}


class _Seeder:
    """Deterministic sample data: the same seed and counts always give the same records and ids."""

    def __init__(self, seed: int) -> None:
        # random() alone (not choice or randint) keeps 10,000 records well under a second.
        self.seed = seed
        self.random = random.Random(seed).random
        self.next_id = ID_BASE + 1
        self.moment = _SEED_START
        self.minutes_apart = 600.0
        self.records: dict[str, list[Record]] = {name: [] for name in RECORD_MODULES}
        self.owners = [user_ref(u) for u in USERS[:2]]

    def pick(self, options: Sequence[T]) -> T:
        return options[int(self.random() * len(options))]

    def number(self, low: int, high: int, step: int = 1) -> int:
        """A whole number from low to high (both included) in steps of `step`."""
        return low + step * int(self.random() * ((high - low) // step + 1))

    def _base(self) -> Record:
        # Records are created in id order, spread over a few months, and some were edited later.
        self.moment += timedelta(minutes=self.minutes_apart * (0.1 + 1.8 * self.random()))
        self.moment = self.moment.replace(second=0, microsecond=0)
        owner = self.pick(self.owners)
        modified = self.moment + timedelta(days=self.pick((0, 0, 1, 3, 20)), minutes=self.number(0, 90))
        record = {"id": str(self.next_id), "Owner": owner, "Created_Time": zoho_time(self.moment),
                  "Modified_Time": zoho_time(modified), "Created_By": owner, "Modified_By": owner}
        self.next_id += 1
        return record

    def _person(self) -> tuple[str, str]:
        return self.pick(_FIRST), self.pick(_LAST)

    def _company(self) -> str:
        return f"{self.pick(_COMPANY_A)} {self.pick(_COMPANY_B)} {self.pick(_COMPANY_C)}"

    def _phone(self) -> str:
        return f"+1 555 {self.number(100, 999)} {self.number(1000, 9999)}"

    def _ref(self, module: str) -> dict[str, str] | None:
        """A lookup to a random record already seeded in `module`, or None when it has none."""
        targets = self.records[module]
        return lookup_ref(module, self.pick(targets)) if targets else None

    @staticmethod
    def _domain(company: str) -> str:
        return "-".join(company.lower().split()[:2]) + ".example"

    def account(self) -> Record:
        name = self._company()
        city, country = self.pick(_PLACES)
        return self._base() | {
            "Account_Name": name, "Website": f"https://{self._domain(name)}", "Phone": self._phone(),
            "Industry": self.pick(INDUSTRIES), "Account_Type": self.pick(ACCOUNT_TYPES),
            "Annual_Revenue": self.number(50_000, 20_000_000, 1000), "Employees": self.number(3, 5000),
            "Billing_City": city, "Billing_Country": country, "Description": None,
        }

    def contact(self) -> Record:
        first, last = self._person()
        account = self._ref("Accounts")
        city, country = self.pick(_PLACES)
        birthday = date(1960, 1, 1) + timedelta(days=self.number(0, 14000))
        company = account["name"] if account else self._company()
        return self._base() | {
            "First_Name": first, "Last_Name": last, "Full_Name": f"{first} {last}",
            "Email": f"{first}.{last}@{self._domain(company)}".lower(),
            "Title": self.pick(_TITLES), "Department": self.pick(_DEPARTMENTS), "Phone": self._phone(),
            "Mobile": self._phone(), "Account_Name": account,
            "Lead_Source": self.pick(LEAD_SOURCES), "Mailing_City": city, "Mailing_Country": country,
            "Date_of_Birth": birthday.isoformat(), "Description": None,
        }

    def lead(self) -> Record:
        first, last = self._person()
        company = self._company()
        city, country = self.pick(_PLACES)
        base = self._base()
        follow_up = None
        if self.random() < 0.3:
            moment = datetime.fromisoformat(base["Created_Time"]) + timedelta(days=self.number(1, 30))
            follow_up = zoho_time(moment.replace(hour=self.number(8, 17), minute=0))
        return base | {
            "First_Name": first, "Last_Name": last, "Full_Name": f"{first} {last}",
            "Email": f"{first}.{last}@{self._domain(company)}".lower(), "Company": company,
            "Designation": self.pick(_TITLES), "Phone": self._phone(), "Mobile": self._phone(),
            "Website": f"https://{self._domain(company)}", "Lead_Source": self.pick(LEAD_SOURCES),
            "Lead_Status": self.pick(LEAD_STATUSES), "Industry": self.pick(INDUSTRIES),
            "Annual_Revenue": self.number(10_000, 5_000_000, 500), "No_of_Employees": self.number(1, 2000),
            "City": city, "Country": country, "Email_Opt_Out": self.random() < 0.1,
            "Interests": [i for i in INTERESTS if self.random() < 0.2] or None,
            "Follow_Up_At": follow_up, "Description": None,
        }

    def deal(self) -> Record:
        account = self._ref("Accounts")
        contact = self._ref("Contacts")
        stage = self.pick(STAGES)
        base = self._base()
        closing = datetime.fromisoformat(base["Created_Time"]).date() + timedelta(days=self.number(14, 180))
        named = account["name"] if account else self._company()
        return base | {
            "Deal_Name": f"{named} — {self.pick(('Renewal', 'Expansion', 'Pilot', 'New'))}",
            "Stage": stage, "Probability": _PROBABILITY[stage], "Amount": self.number(1_000, 250_000, 50),
            "Closing_Date": closing.isoformat(), "Account_Name": account, "Contact_Name": contact,
            "Type": self.pick(DEAL_TYPES), "Lead_Source": self.pick(LEAD_SOURCES), "Description": None,
        }

    def campaign(self) -> Record:
        base = self._base()
        start = datetime.fromisoformat(base["Created_Time"]).date() + timedelta(days=self.number(0, 60))
        kind = self.pick(CAMPAIGN_TYPES)
        budget = self.number(500, 50_000, 100)
        return base | {
            "Campaign_Name": f"{self.pick(_SEASONS)} {start.year} {kind}", "Type": kind,
            "Status": self.pick(CAMPAIGN_STATUSES), "Start_Date": start.isoformat(),
            "End_Date": (start + timedelta(days=self.number(7, 90))).isoformat(), "Budgeted_Cost": budget,
            "Expected_Revenue": budget * self.number(2, 10), "Expected_Response": self.number(1, 40),
            "Description": None,
        }

    def task(self) -> Record:
        contact = self._ref("Contacts")
        base = self._base()
        due = datetime.fromisoformat(base["Created_Time"]).date() + timedelta(days=self.number(1, 21))
        whom = contact["name"] if contact else " ".join(self._person())
        return base | {
            "Subject": f"{self.pick(_TASK_VERBS)} {whom}", "Due_Date": due.isoformat(), "Who_Id": contact,
            "Status": self.pick(TASK_STATUSES), "Priority": self.pick(TASK_PRIORITIES),
            "Description": None,
        }

    def project(self, number: int) -> Record:
        account = self._ref("Accounts")
        base = self._base()
        start = datetime.fromisoformat(base["Created_Time"]).date() + timedelta(days=self.number(0, 30))
        named = account["name"] if account else self._company()
        contacts = self.records["Contacts"]
        team = [contacts[int(self.random() * len(contacts))] for _ in range(self.number(0, 3))] if contacts else []
        milestones = []
        for step, title in enumerate(("Kick-off", "Design", "Build", "Hand-over")[:self.number(1, 4)]):
            milestones.append({"Milestone": title, "Due_Date": (start + timedelta(days=21 * (step + 1))).isoformat(),
                               "Hours": self.number(4, 80) / 2, "Done": self.random() < 0.5,
                               "id": str(self._take_id())})
        contract = []
        if self.random() < 0.5:
            contract = [file_entry(f"{self._take_id()}c", f"{named} contract.pdf", self.number(20_000, 400_000),
                                   str(self._take_id()))]
        return base | {
            "Name": f"{named} — {self.pick(('Roll-out', 'Migration', 'Training', 'Integration'))}",
            "Project_Code": f"PRJ-{1001 + number}", "Account": account, "Status": self.pick(PROJECT_STATUSES),
            "Budget": self.number(5_000, 150_000, 500), "Start_Date": start.isoformat(),
            "Milestones": milestones or None,
            "Team": [{"Contact": lookup_ref("Contacts", c), "id": str(self._take_id())} for c in
                     {c["id"]: c for c in team}.values()] or None,
            "Contract": contract or None, "Cover_Image": None, "Description": None,
        }

    def _take_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def build(self, counts: dict[str, int]) -> tuple[dict[str, list[Record]], int]:
        self.minutes_apart = _SEED_SPAN_MINUTES / max(1, sum(n for m, n in counts.items() if m not in _LATER_MODULES))
        makers = {"Accounts": self.account, "Contacts": self.contact, "Leads": self.lead, "Deals": self.deal,
                  "Campaigns": self.campaign, "Tasks": self.task}
        for module, maker in makers.items():
            self.records[module] = [maker() for _ in range(counts[module])]
        # Later modules: their own random stream, ids after all the others'.
        self.random = random.Random(f"{self.seed}:later").random
        self.moment = _SEED_START
        self.records["Projects"] = [self.project(n) for n in range(counts["Projects"])]
        projects = self.records["Projects"]
        for deal in self.records["Deals"]:
            deal["Project"] = lookup_ref("Projects", self.pick(projects)) if projects and self.random() < 0.4 else None
            deal["Weighted_Amount"] = weighted_amount(deal)
        return self.records, self.next_id


def seed_records(seed: int, counts: Mapping[str, int] | None = None) -> tuple[dict[str, list[Record]], int]:
    """Sample records per module (SEED_COUNTS, or as many as `counts` says), and the next free record id."""
    return _Seeder(seed).build(SEED_COUNTS | dict(counts or {}))


class RecordStore(Protocol):
    def all(self, module: str) -> list[Record]: ...
    def get(self, module: str, record_id: str) -> Record | None: ...
    def put(self, module: str, record: Record) -> None: ...
    def delete(self, module: str, record_id: str) -> bool: ...
    def new_id(self) -> str: ...
    def counts(self) -> dict[str, int]: ...
    def reset(self) -> None: ...

    @property
    def version(self) -> int:
        """Changes whenever a record does (so that what is computed from the records can be kept until then)."""

    def close(self) -> None: ...


class MemoryStore:
    def __init__(self, seed: int, counts: Mapping[str, int] | None = None) -> None:
        self._seed, self._counts = seed, counts
        self.version = 0
        self.reset()

    def reset(self) -> None:
        records, self._next_id = seed_records(self._seed, self._counts)
        self._records = {module: {r["id"]: r for r in rows} for module, rows in records.items()}
        self.version += 1

    def all(self, module: str) -> list[Record]:
        return [dict(r) for r in self._records[module].values()]

    def get(self, module: str, record_id: str) -> Record | None:
        record = self._records[module].get(record_id)
        return dict(record) if record is not None else None

    def put(self, module: str, record: Record) -> None:
        self._records[module][record["id"]] = dict(record)
        self.version += 1

    def delete(self, module: str, record_id: str) -> bool:
        self.version += 1
        return self._records[module].pop(record_id, None) is not None

    def new_id(self) -> str:
        record_id, self._next_id = str(self._next_id), self._next_id + 1
        return record_id

    def counts(self) -> dict[str, int]:
        return {module: len(rows) for module, rows in self._records.items()}

    def close(self) -> None:
        """Nothing to release; present so both stores can be closed alike."""


class SqliteStore:
    """Records as JSON rows; seeded only when the database file is new (or on reset)."""

    _SCHEMA = """
        CREATE TABLE IF NOT EXISTS records (
            module TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (module, id));
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """

    def __init__(self, path: Path, seed: int, counts: Mapping[str, int] | None = None) -> None:
        self._seed, self._counts = seed, counts
        self.version = 0  # this process is the only writer
        # The sandbox's event-loop thread uses the connection, not the thread that opened it; the lock serialises.
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._db.executescript(self._SCHEMA)
            seeded = self._db.execute("SELECT value FROM meta WHERE key = 'next_id'").fetchone()
        if seeded is None:
            self.reset()

    def reset(self) -> None:
        records, next_id = seed_records(self._seed, self._counts)
        rows = [(module, r["id"], json.dumps(r)) for module, rs in records.items() for r in rs]
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM records")
            self._db.executemany("INSERT INTO records (module, id, body) VALUES (?, ?, ?)", rows)
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('next_id', ?)", (str(next_id),))
        self.version += 1

    def all(self, module: str) -> list[Record]:
        with self._lock:
            rows = self._db.execute("SELECT body FROM records WHERE module = ?", (module,)).fetchall()
        return [json.loads(body) for (body,) in rows]

    def get(self, module: str, record_id: str) -> Record | None:
        with self._lock:
            row = self._db.execute(
                "SELECT body FROM records WHERE module = ? AND id = ?", (module, record_id)
            ).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, module: str, record: Record) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO records (module, id, body) VALUES (?, ?, ?)",
                (module, record["id"], json.dumps(record)),
            )
            self.version += 1

    def delete(self, module: str, record_id: str) -> bool:
        with self._lock:
            cursor = self._db.execute("DELETE FROM records WHERE module = ? AND id = ?", (module, record_id))
            self.version += 1
        return cursor.rowcount > 0

    def new_id(self) -> str:
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            (value,) = self._db.execute("SELECT value FROM meta WHERE key = 'next_id'").fetchone()
            self._db.execute("UPDATE meta SET value = ? WHERE key = 'next_id'", (str(int(value) + 1),))
        return value

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = dict(self._db.execute("SELECT module, COUNT(*) FROM records GROUP BY module").fetchall())
        return {module: rows.get(module, 0) for module in RECORD_MODULES}

    def close(self) -> None:
        with self._lock:
            self._db.close()


def open_store(db_path: Path | None, seed: int, counts: Mapping[str, int] | None = None) -> MemoryStore | SqliteStore:
    return SqliteStore(db_path, seed, counts) if db_path is not None else MemoryStore(seed, counts)
