"""Cases of the record-depth rules (issue 21: formats, links, layouts, related lists, notes, attachments),
checked on CPython and MicroPython by portable_rules.py; expected values written by hand from Zoho's
answers and the rules' words, never produced by the code under test."""

# Zoho's org and current-user entries (the sandbox's, as Zoho's v8 examples have them).
ORG = {"iso_code": "USD", "currency_locale": "en_US", "time_zone": "America/Los_Angeles", "currency_symbol": "$"}
USER = {"locale": "de_DE", "time_zone": "Europe/Berlin", "time_format": "HH:mm"}

# (org, user, (locale, currency, currency_locale, time_zone, hour12))
FORMATS = [
    (ORG, USER, ("de-DE", "USD", "en-US", "Europe/Berlin", False)),
    (ORG, {"locale": "en_GB", "time_format": "hh:mm a"}, ("en-GB", "USD", "en-US", "America/Los_Angeles", True)),
    ({"iso_code": "eur", "currency_locale": "fr_FR"}, None, ("fr-FR", "EUR", "fr-FR", "UTC", None)),
    (None, None, ("en-US", None, "en-US", "UTC", None)),
    # Nothing that is not the shape it claims reaches Intl (a RangeError there cannot be caught).
    ({"iso_code": "US$", "time_zone": "../../etc"}, {"locale": "<script>", "time_zone": "Europe/Ber lin"},
     ("en-US", None, "en-US", "UTC", None)),
    ({"iso_code": 840}, {"locale": "english_US", "time_zone": "Etc/GMT+5"}, ("en-US", None, "en-US", "Etc/GMT+5", None)),
]

# (data type, value, (kind, number) or None): what goes to the browser's Intl.
PLANS = [
    ("currency", 159250, ("currency", 159250.0)),
    ("currency", 1250.5, ("currency", 1250.5)),
    ("percent", 25, ("percent", 0.25)),
    ("integer", 3000000000, ("number", 3000000000.0)),  # a float: JS integers above 2**31 truncate over the FFI
    ("double", 2.5, ("number", 2.5)),
    ("bigint", 9007199254740993, None),  # past 2**53 a JS number loses digits: shown as text
    ("date", "2024-02-17", ("date", 1708128000000.0)),
    ("date", "2024-02-29", ("date", 1709164800000.0)),
    ("date", "2023-02-29", None),
    ("date", "2024-13-01", None),
    ("date", "17/02/2024", None),
    ("datetime", "2024-02-17T22:35:00+00:00", ("datetime", 1708209300000.0)),
    ("datetime", "2024-02-17T22:35:00Z", ("datetime", 1708209300000.0)),
    ("datetime", "2024-02-18T04:05:00+05:30", ("datetime", 1708209300000.0)),
    ("datetime", "2024-02-17T14:35:00-08:00", ("datetime", 1708209300000.0)),
    ("datetime", "1969-12-31T23:59:59+00:00", ("datetime", -1000.0)),
    ("datetime", "2024-02-17T22:35:00", None),  # no offset: not an instant
    ("datetime", "2024-02-17T25:35:00+00:00", None),
    ("currency", True, None),
    ("currency", "159250", None),
    ("text", 5, None),
    ("boolean", True, None),
]

# (data type, value, text) with no Intl formatter (before the org's settings are known).
PLAIN_TEXTS = [
    ("boolean", True, "Yes"),
    ("boolean", False, "No"),
    ("currency", 1250, "1,250.00"),
    ("datetime", "2024-02-17T22:35:00+00:00", "2024-02-17T22:35:00+00:00"),
    ("text", None, ""),
]

# (data type, value, href or None)
LINKS = [
    ("email", "ada@analytical-engines.example", "mailto:ada@analytical-engines.example"),
    ("email", " liam.yilmaz+crm@quantum-partners.example ", "mailto:liam.yilmaz+crm@quantum-partners.example"),
    ("email", "javascript:alert(1)//@example.com", None),
    ("email", "ada@example.com?cc=eve@evil.example", None),
    ("email", "ada@localhost", None),
    ("email", "Ada Lovelace <ada@example.com>", None),
    ("email", "a\"b@example.com", None),
    ("phone", "+1 555 0100", "tel:+15550100"),
    ("phone", "(030) 1234-567", "tel:0301234567"),
    ("phone", "javascript:alert(1)", None),
    ("phone", "555 0100 ext. 12", None),
    ("phone", "12", None),
    ("website", "https://analytical-engines.example", "https://analytical-engines.example"),
    ("website", "HTTPS://example.com/path?q=1#top", "https://example.com/path?q=1#top"),
    ("website", "https://example.com:8443/", "https://example.com:8443/"),
    ("website", "http://example.com", None),
    ("website", "www.example.com", None),
    ("website", "javascript:alert(1)", None),
    ("website", "JaVaScRiPt:alert(1)", None),
    ("website", " javascript:alert(1)", None),
    ("website", "data:text/html,<script>alert(1)</script>", None),
    ("website", "https://example.com@evil.example/", None),
    ("website", "https://exa mple.com", None),
    ("website", "https://example.com/\"onmouseover=\"x", None),
    ("website", "https:\\\\evil.example", None),
    ("website", "https://", None),
    ("website", "https://exämple.com", None),
    ("text", "https://example.com", None),
    ("email", None, None),
]

LAYOUTS = {"layouts": [
    {"id": "9", "status": "active", "sections": [{"display_label": "Other layout", "sequence_number": 1,
                                                  "fields": [{"api_name": "Email", "sequence_number": 1}]}]},
    {"id": "7", "status": "active", "sections": [
        {"display_label": "Description Information", "sequence_number": "2",
         "fields": [{"api_name": "Description", "sequence_number": 1}]},
        {"display_label": "Lead Information", "sequence_number": "1",
         "fields": [{"api_name": "Email", "sequence_number": 3}, {"api_name": "Last_Name", "sequence_number": 1},
                    {"api_name": "id", "sequence_number": 4}, {"api_name": "Company", "sequence_number": 2}]},
    ]},
]}
RECORD = {"id": "101", "Last_Name": "Lovelace", "Company": "", "Email": "ada@example.com", "Description": None,
          "Layout": {"id": "7", "name": "Standard"}, "Tag": [], "Created_By": {"name": "Ada", "id": "1"},
          "$approved": True}
# (show_empty, [(label, names)], hidden)
PLANS_OF_RECORD = [
    (False, [("Lead Information", ["Last_Name", "Email"]), ("Other fields", ["Created_By"])], 3),
    (True, [("Lead Information", ["Last_Name", "Company", "Email"]), ("Description Information", ["Description"]),
            ("Other fields", ["Created_By", "Tag"])], 0),
]

RELATED_LISTS = {"related_lists": [
    {"api_name": "Contacts", "display_label": "Contacts", "module": {"api_name": "Contacts"}, "visible": True},
    {"api_name": "Notes", "display_label": "Notes", "module": {"api_name": "Notes"}, "visible": True},
    {"api_name": "Hidden_Deals", "display_label": "Deals", "module": {"api_name": "Deals"}, "visible": False},
    {"api_name": "Emails", "display_label": "Emails", "module": None, "visible": True},
    {"api_name": "../../org", "display_label": "Evil", "module": {"api_name": "Deals"}, "visible": True},
    {"api_name": "Potentials", "display_label": "", "module": {"api_name": "Deals"}},
    {"api_name": "Attachments", "display_label": "Attachments", "module": {"api_name": "Attachments"}},
]}
# (api_name, label, module)
RECORD_LISTS = [("Contacts", "Contacts", "Contacts"), ("Potentials", "Potentials", "Deals")]

# (size in bytes, refused?, words in the sentence)
UPLOADS = [
    (1, False, None),
    (20 * 1024 * 1024, False, None),
    (20 * 1024 * 1024 + 1, True, "20 MB"),
    (0, True, "empty"),
]
SIZES = [(0, "0 bytes"), (1, "1 byte"), (1023, "1023 bytes"), (1536, "1.5 KB"), (20 * 1024 * 1024, "20 MB"),
         (3 * 1024 ** 3, "3 GB")]


# Zoho's date_format / time_format, the parts Intl.DateTimeFormat.formatToParts gave, the text shown.
DEC_2 = {"year": "2026", "month": "12", "day": "2", "weekday": "Wed", "hour": "9", "minute": "5",
         "second": "7", "dayPeriod": "PM", "literal": "/"}
DATE_PATTERNS = [
    ("MM-dd-yyyy", DEC_2, "12-02-2026"),
    ("dd.MM.yyyy", DEC_2, "02.12.2026"),
    ("yyyy/M/d", DEC_2, "2026/12/2"),
    ("dd/MM/yy", DEC_2, "02/12/26"),
    ("EEE, MMM d, yyyy", dict(DEC_2, month="Dec"), "Wed, Dec 2, 2026"),
    ("d MMMM yyyy", dict(DEC_2, month="Dezember"), "2 Dezember 2026"),
    ("hh:mm a", DEC_2, "09:05 PM"),
    ("HH:mm:ss", dict(DEC_2, hour="21"), "21:05:07"),
    ("h 'o''clock' a", DEC_2, "9 o'clock PM"),
    ("yyyy-MM-dd'T'HH", dict(DEC_2, hour="00"), "2026-12-02T00"),
    ("d-M-yyyy", dict(DEC_2, day="02", month="012"), "2-12-2026"),  # numbers padded as the pattern says
]
# Letters not followed (era, zone, milliseconds, week), a part twice, an open quote, not a pattern.
PATTERNS_NOT_FOLLOWED = ["G yyyy", "dd-MM-yyyy z", "HH:mm:ss.SSS", "w yyyy", "dd dd MM", "dd 'MM", "", None, 12,
                         "d" * 81]
