"""The notebook worker's code (app/scratch/) on CPython.

It imports the core as ``zoho`` and itself as ``scratch`` (as in the worker), so app/ goes
on the path.
"""

import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
if str(APP) not in sys.path:
    sys.path.insert(0, str(APP))
