"""Seeded sample records and the record store (in memory, or SQLite so data survives restarts)."""

from __future__ import annotations

import json
import random
import sqlite3
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Protocol

from .catalog import LOOKUP_NAME_FIELD, RECORD_MODULES, USERS, user_ref

Record = dict[str, Any]

#: Record ids look like Zoho's 19-digit ids; new ones continue the same sequence.
ID_BASE = 5725767000000500000

SEED_COUNTS = {"Accounts": 40, "Contacts": 120, "Leads": 250, "Deals": 60, "Campaigns": 0, "Tasks": 0}

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
_LEAD_SOURCES = ("Advertisement", "Cold Call", "Employee Referral", "External Referral", "Online Store", "Partner",
                 "Public Relations", "Seminar Partner", "Trade Show", "Web Download", "Web Research", "Chat")
_LEAD_STATUSES = ("Attempted to Contact", "Contact in Future", "Contacted", "Junk Lead", "Lost Lead",
                  "Not Contacted", "Pre-Qualified", "Not Qualified")
_INDUSTRIES = ("ASP (Application Service Provider)", "Data/Telecom OEM", "ERP (Enterprise Resource Planning)",
               "Government/Military", "Large Enterprise", "Management ISV", "Non-management ISV",
               "Service Provider", "Small/Medium Enterprise", "Storage Equipment")
_TITLES = ("CEO", "CTO", "Head of Sales", "Operations Manager", "Procurement Lead", "Marketing Director",
           "Data Analyst", "Office Manager")
_DEPARTMENTS = ("Sales", "Engineering", "Finance", "Operations", "Marketing", "Purchasing")
_STAGES = (("Qualification", 10), ("Needs Analysis", 20), ("Value Proposition", 40), ("Id. Decision Makers", 60),
           ("Proposal/Price Quote", 75), ("Negotiation/Review", 90), ("Closed Won", 100), ("Closed Lost", 0))
_ACCOUNT_TYPES = ("Analyst", "Competitor", "Customer", "Distributor", "Integrator", "Investor", "Partner",
                  "Prospect", "Reseller", "Vendor")
_SEED_START = datetime(2024, 1, 8, 9, 0, tzinfo=timezone.utc)


def zoho_time(moment: datetime) -> str:
    """Zoho's date-time format: ISO 8601 with offset, whole seconds."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def lookup_ref(module: str, record: Record) -> dict[str, str]:
    return {"name": record[LOOKUP_NAME_FIELD[module]], "id": record["id"]}


class _Seeder:
    """Deterministic sample data: the same seed always gives the same records and ids."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.next_id = ID_BASE + 1
        self.moment = _SEED_START
        self.records: dict[str, list[Record]] = {name: [] for name in RECORD_MODULES}

    def _base(self) -> Record:
        # Records are created in id order, a few hours apart, and some were edited later.
        self.moment += timedelta(minutes=self.rng.randint(30, 600))
        owner = user_ref(self.rng.choice(USERS[:2]))
        modified = self.moment + timedelta(days=self.rng.choice((0, 0, 1, 3, 20)), minutes=self.rng.randint(0, 90))
        record = {"id": str(self.next_id), "Owner": owner, "Created_Time": zoho_time(self.moment),
                  "Modified_Time": zoho_time(modified), "Created_By": owner, "Modified_By": owner}
        self.next_id += 1
        return record

    def _person(self) -> tuple[str, str]:
        return self.rng.choice(_FIRST), self.rng.choice(_LAST)

    def _company(self) -> str:
        return f"{self.rng.choice(_COMPANY_A)} {self.rng.choice(_COMPANY_B)} {self.rng.choice(_COMPANY_C)}"

    def _phone(self) -> str:
        return f"+1 555 {self.rng.randint(100, 999)} {self.rng.randint(1000, 9999)}"

    @staticmethod
    def _domain(company: str) -> str:
        return "-".join(company.lower().split()[:2]) + ".example"

    def account(self) -> Record:
        name = self._company()
        city, country = self.rng.choice(_PLACES)
        return self._base() | {
            "Account_Name": name, "Website": f"https://{self._domain(name)}", "Phone": self._phone(),
            "Industry": self.rng.choice(_INDUSTRIES), "Account_Type": self.rng.choice(_ACCOUNT_TYPES),
            "Annual_Revenue": self.rng.randrange(50_000, 20_000_000, 1000), "Employees": self.rng.randint(3, 5000),
            "Billing_City": city, "Billing_Country": country, "Description": None,
        }

    def contact(self) -> Record:
        first, last = self._person()
        account = self.rng.choice(self.records["Accounts"])
        city, country = self.rng.choice(_PLACES)
        birthday = date(1960, 1, 1) + timedelta(days=self.rng.randint(0, 14000))
        return self._base() | {
            "First_Name": first, "Last_Name": last, "Full_Name": f"{first} {last}",
            "Email": f"{first}.{last}@{self._domain(account['Account_Name'])}".lower(),
            "Title": self.rng.choice(_TITLES), "Department": self.rng.choice(_DEPARTMENTS), "Phone": self._phone(),
            "Mobile": self._phone(), "Account_Name": lookup_ref("Accounts", account),
            "Lead_Source": self.rng.choice(_LEAD_SOURCES), "Mailing_City": city, "Mailing_Country": country,
            "Date_of_Birth": birthday.isoformat(), "Description": None,
        }

    def lead(self) -> Record:
        first, last = self._person()
        company = self._company()
        city, country = self.rng.choice(_PLACES)
        return self._base() | {
            "First_Name": first, "Last_Name": last, "Full_Name": f"{first} {last}",
            "Email": f"{first}.{last}@{self._domain(company)}".lower(), "Company": company,
            "Designation": self.rng.choice(_TITLES), "Phone": self._phone(), "Mobile": self._phone(),
            "Website": f"https://{self._domain(company)}", "Lead_Source": self.rng.choice(_LEAD_SOURCES),
            "Lead_Status": self.rng.choice(_LEAD_STATUSES), "Industry": self.rng.choice(_INDUSTRIES),
            "Annual_Revenue": self.rng.randrange(10_000, 5_000_000, 500), "No_of_Employees": self.rng.randint(1, 2000),
            "City": city, "Country": country, "Email_Opt_Out": self.rng.random() < 0.1, "Description": None,
        }

    def deal(self) -> Record:
        account = self.rng.choice(self.records["Accounts"])
        contact = self.rng.choice(self.records["Contacts"])
        stage, probability = self.rng.choice(_STAGES)
        base = self._base()
        closing = datetime.fromisoformat(base["Created_Time"]).date() + timedelta(days=self.rng.randint(14, 180))
        return base | {
            "Deal_Name": f"{account['Account_Name']} — {self.rng.choice(('Renewal', 'Expansion', 'Pilot', 'New'))}",
            "Stage": stage, "Probability": probability, "Amount": self.rng.randrange(1_000, 250_000, 50),
            "Closing_Date": closing.isoformat(), "Account_Name": lookup_ref("Accounts", account),
            "Contact_Name": lookup_ref("Contacts", contact), "Type": self.rng.choice(("New Business", "Existing Business")),
            "Lead_Source": self.rng.choice(_LEAD_SOURCES), "Description": None,
        }

    def build(self) -> tuple[dict[str, list[Record]], int]:
        makers = {"Accounts": self.account, "Contacts": self.contact, "Leads": self.lead, "Deals": self.deal}
        for module, count in SEED_COUNTS.items():
            self.records[module] = [makers[module]() for _ in range(count)]
        return self.records, self.next_id


def seed_records(seed: int) -> tuple[dict[str, list[Record]], int]:
    """Sample records per module, and the next free record id."""
    return _Seeder(seed).build()


class RecordStore(Protocol):
    def all(self, module: str) -> list[Record]: ...
    def get(self, module: str, record_id: str) -> Record | None: ...
    def put(self, module: str, record: Record) -> None: ...
    def delete(self, module: str, record_id: str) -> bool: ...
    def new_id(self) -> str: ...
    def counts(self) -> dict[str, int]: ...
    def reset(self) -> None: ...
    def close(self) -> None: ...


class MemoryStore:
    def __init__(self, seed: int) -> None:
        self._seed = seed
        self.reset()

    def reset(self) -> None:
        records, self._next_id = seed_records(self._seed)
        self._records = {module: {r["id"]: r for r in rows} for module, rows in records.items()}

    def all(self, module: str) -> list[Record]:
        return [dict(r) for r in self._records[module].values()]

    def get(self, module: str, record_id: str) -> Record | None:
        record = self._records[module].get(record_id)
        return dict(record) if record is not None else None

    def put(self, module: str, record: Record) -> None:
        self._records[module][record["id"]] = dict(record)

    def delete(self, module: str, record_id: str) -> bool:
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

    def __init__(self, path: Path, seed: int) -> None:
        self._seed = seed
        # The sandbox's event-loop thread uses the connection, not the thread that opened it; the lock serialises.
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._db.executescript(self._SCHEMA)
            seeded = self._db.execute("SELECT value FROM meta WHERE key = 'next_id'").fetchone()
        if seeded is None:
            self.reset()

    def reset(self) -> None:
        records, next_id = seed_records(self._seed)
        rows = [(module, r["id"], json.dumps(r)) for module, rs in records.items() for r in rs]
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM records")
            self._db.executemany("INSERT INTO records (module, id, body) VALUES (?, ?, ?)", rows)
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('next_id', ?)", (str(next_id),))

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

    def delete(self, module: str, record_id: str) -> bool:
        with self._lock:
            cursor = self._db.execute("DELETE FROM records WHERE module = ? AND id = ?", (module, record_id))
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


def open_store(db_path: Path | None, seed: int) -> MemoryStore | SqliteStore:
    return SqliteStore(db_path, seed) if db_path is not None else MemoryStore(seed)
