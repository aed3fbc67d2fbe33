"""What dev.py, the benchmarks and the browser tests share (standard library only: dev.py runs
before the virtual environment exists).

Settings come from playwright.config.json at the repository root.
"""

import json
import shutil
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SETTINGS = json.loads((ROOT / "playwright.config.json").read_text())
# Stores a token record (an argument) as the app's sessionStorage contract says.
STORE_TOKEN = "record => sessionStorage.setItem('zoho.token', JSON.stringify(record))"


def browser_executable():
    """The first Chromium of playwright.config.json that exists, else `chromium` on the PATH;
    None: Playwright's own browser (`python -m playwright install chromium`)."""
    for candidate in SETTINGS["browser"]["executable_candidates"]:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def token_record(minted, scopes, accounts_url, lifetime=3600, granted_for_session=False, location="us"):
    """The stored-token record for a token the sandbox minted (``minted``: its answer)."""
    return {"access_token": minted["access_token"], "expires_at": time.time() + lifetime,
            "api_domain": minted["api_domain"], "scopes": list(scopes), "location": location,
            "granted_for_session": granted_for_session, "accounts_url": accounts_url,
            "accounts_server": None}
