"""The page's controller (app/web/session.py) on CPython, against fakes of the browser.

app/web imports the core as ``zoho`` (as the page does), so app/ goes on the path.
"""

import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
if str(APP) not in sys.path:
    sys.path.insert(0, str(APP))
