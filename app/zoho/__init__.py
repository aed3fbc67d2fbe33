"""Sans-IO core for signing in to Zoho (OAuth implicit grant) and calling Zoho CRM; runs on CPython and MicroPython."""
