"""Browser adapters and the page controller (MicroPython in PyScript)."""
