"""Case tables shared by the pytest tests (CPython) and portable_checks (MicroPython).

Expected values are written out by hand. Keep this module MicroPython-compatible:
plain data, no pytest, no hypothesis.
"""

from zoho import errors as E

# --- urlcodec ---------------------------------------------------------------

QUOTE = [
    # (text, safe, expected)
    ("abc", "", "abc"),
    ("", "", ""),
    ("a b", "", "a%20b"),
    ("~._-", "", "~._-"),
    ("/", "", "%2F"),
    ("a/b c", "/", "a/b%20c"),
    ("a+b=c&d", "", "a%2Bb%3Dc%26d"),
    ("https://app.example/cb", "", "https%3A%2F%2Fapp.example%2Fcb"),
    ("\u00e9", "", "%C3%A9"),
    ("\u20ac", "", "%E2%82%AC"),
    ("\U0001f600", "", "%F0%9F%98%80"),
    ("%", "", "%25"),
    ("\n\x00", "", "%0A%00"),
]

UNQUOTE = [
    ("plain", "plain"),
    ("a%20b", "a b"),
    ("%C3%A9", "\u00e9"),
    ("%c3%a9", "\u00e9"),
    ("a+b", "a+b"),
    ("%zz", "%zz"),
    ("%4", "%4"),
    ("%", "%"),
    ("100%", "100%"),
    ("%C3", "\ufffd"),
    ("%C3%28", "\ufffd("),
    ("%C3a%A9", "\ufffda\ufffd"),
    ("%ED%A0%80", "\ufffd\ufffd\ufffd"),
    ("%E2%82", "\ufffd"),
    ("%E2%82%AC", "\u20ac"),
    ("%F0%9F%98%80", "\U0001f600"),
    ("%FF", "\ufffd"),
    # overlong, surrogate and out-of-range sequences (Unicode's "maximal subpart" rule)
    ("%E0%80%AF", "\ufffd\ufffd\ufffd"),
    ("%E0%A0%80", "\u0800"),
    ("%F0%80%80%80", "\ufffd\ufffd\ufffd\ufffd"),
    ("%F0%90%80%80", "\U00010000"),
    ("%F4%90%80%80", "\ufffd\ufffd\ufffd\ufffd"),
    ("%F4%8F%BF%BF", "\U0010ffff"),
    ("%C0%AF", "\ufffd\ufffd"),
    ("%F5%80", "\ufffd\ufffd"),
    ("%E1%80", "\ufffd"),
    ("\u00e9%41", "\u00e9A"),
    ("%C3\u00e9%A9", "\ufffd\u00e9\ufffd"),
    ("https%3A%2F%2Fwww.zohoapis.com", "https://www.zohoapis.com"),
]

UNQUOTE_PLUS = [
    ("a+b%2B", "a b+"),
    ("+%20+", "   "),
    ("x", "x"),
]

PARSE_PAIRS = [
    ("", []),
    ("#", []),
    ("#&", []),
    ("?", []),
    ("?a=1", [("a", "1")]),
    ("#&a=1&&b=2&", [("a", "1"), ("b", "2")]),
    ("a", [("a", "")]),
    ("a=", [("a", "")]),
    ("a=b=c", [("a", "b=c")]),
    ("a+b=c+d", [("a b", "c d")]),
    ("a=%26%3D", [("a", "&=")]),
    ("a=1;b=2", [("a", "1;b=2")]),
    ("=x", [("", "x")]),
    ("a=1&a=2", [("a", "1"), ("a", "2")]),
    ("##a=1", [("#a", "1")]),
    ("k=%C3%A9", [("k", "\u00e9")]),
]

URLENCODE = [
    ([("a", "1"), ("b", "x y")], "a=1&b=x%20y"),
    ([("redirect_uri", "https://app.example/cb")], "redirect_uri=https%3A%2F%2Fapp.example%2Fcb"),
    ([], ""),
    ([("n", 5)], "n=5"),
    ([("k", "\u00e9&=")], "k=%C3%A9%26%3D"),
    ([("a b", "+")], "a%20b=%2B"),
    ([("z", "1"), ("a", "2")], "z=1&a=2"),
]

URLENCODE_BAD = [[("a", None)], [("a", True)], [("a", 1.5)], "a=1", {"a": "1"}]

# --- compat -----------------------------------------------------------------

COMPARE = [
    ("abc", "abc", True),
    ("abc", "abd", False),
    ("abc", "ab", False),
    ("", "", True),
    ("", "a", False),
    ("\u00e9", "\u00e9", True),
    ("\u00e9", "e", False),
]

DIGITS = [("0", True), ("3600", True), ("", False), ("-1", False), ("+1", False), ("1_0", False),
          (" 1", False), ("1.0", False), ("\u0663", False), ("1e3", False)]

# --- scopes -----------------------------------------------------------------

SCOPES_VALID = [
    ("ZohoCRM.users.READ", ("ZohoCRM", "users", None, "READ")),
    ("ZohoCRM.org.UPDATE", ("ZohoCRM", "org", None, "UPDATE")),
    ("ZohoCRM.modules.ALL", ("ZohoCRM", "modules", None, "ALL")),
    ("ZohoCRM.modules.WRITE", ("ZohoCRM", "modules", None, "WRITE")),
    ("ZohoCRM.modules.CUSTOM", ("ZohoCRM", "modules", None, "CUSTOM")),
    ("ZohoCRM.modules.Leads.READ", ("ZohoCRM", "modules", "Leads", "READ")),
    ("ZohoCRM.modules.custom_1.DELETE", ("ZohoCRM", "modules", "custom_1", "DELETE")),
    ("ZohoCRM.settings.fields.READ", ("ZohoCRM", "settings", "fields", "READ")),
    ("ZohoCRM.coql.READ", ("ZohoCRM", "coql", None, "READ")),
    ("AaaServer.profile.READ", ("AaaServer", "profile", None, "READ")),
    ("Z1.a_b.CREATE", ("Z1", "a_b", None, "CREATE")),
]

SCOPES_INVALID = [
    "",
    "ZohoCRM",
    "ZohoCRM.users",
    "ZohoCRM.users.read",
    "ZohoCRM.users.Read",
    "ZohoCRM.users.READ.",
    ".users.READ",
    "1Zoho.users.READ",
    "_Zoho.users.READ",
    "ZohoCRM..READ",
    "ZohoCRM.users .READ",
    "ZohoCRM.users.READ ",
    " ZohoCRM.users.READ",
    "ZohoCRM.a.b.c.READ",
    "ZohoCRM.users.EXECUTE",
    "ZohoCRM.us-ers.READ",
    "ZohoCRM.users.READ,ZohoCRM.org.READ",
    "ZohoCRM.modules.L\u00e9.READ",
    "Zoho CRM.users.READ",
    "ZohoCRM.users.READ\n",
    "ZohoCRM.\u0660.READ",
    "ZohoCRM.users.<b>READ</b>",
    "ZohoCRM." + "x" * 200 + ".READ",
]

VALIDATE_SCOPES_BAD = [
    [],
    "ZohoCRM.users.READ",
    ["ZohoCRM.users.READ", "ZohoCRM.users.READ"],
    ["ZohoCRM.users.READ", "zohocrm.USERS.READ"],
    ["ZohoCRM.users.READ", 5],
    ["ZohoCRM.users.READ", "bad"],
    None,
]

SPLIT_SCOPES = [
    ("ZohoCRM.users.READ,ZohoCRM.org.READ", ["ZohoCRM.users.READ", "ZohoCRM.org.READ"]),
    ("ZohoCRM.users.READ ZohoCRM.org.READ", ["ZohoCRM.users.READ", "ZohoCRM.org.READ"]),
    (" A.b.READ , ,B.c.READ ", ["A.b.READ", "B.c.READ"]),
    ("A.b.READ,A.b.READ", ["A.b.READ"]),
    ("", []),
    (" , ", []),
]

COVERS = [
    (["ZohoCRM.modules.ALL"], "ZohoCRM.modules.Leads.DELETE", True),
    (["ZohoCRM.modules.ALL"], "ZohoCRM.modules.CUSTOM", True),
    (["ZohoCRM.modules.ALL"], "ZohoCRM.modules.ALL", True),
    (["ZohoCRM.modules.READ"], "ZohoCRM.modules.Leads.READ", True),
    (["ZohoCRM.modules.READ"], "ZohoCRM.modules.Leads.CREATE", False),
    (["ZohoCRM.modules.Leads.READ"], "ZohoCRM.modules.READ", False),
    (["ZohoCRM.modules.Leads.ALL"], "ZohoCRM.modules.ALL", False),
    (["ZohoCRM.modules.Leads.READ"], "ZohoCRM.modules.Contacts.READ", False),
    (["ZohoCRM.modules.Leads.ALL"], "ZohoCRM.modules.Leads.UPDATE", True),
    (["ZohoCRM.modules.WRITE"], "ZohoCRM.modules.Leads.CREATE", True),
    (["ZohoCRM.modules.WRITE"], "ZohoCRM.modules.UPDATE", True),
    (["ZohoCRM.modules.WRITE"], "ZohoCRM.modules.DELETE", True),
    (["ZohoCRM.modules.WRITE"], "ZohoCRM.modules.WRITE", True),
    (["ZohoCRM.modules.WRITE"], "ZohoCRM.modules.READ", False),
    (["ZohoCRM.modules.WRITE"], "ZohoCRM.modules.ALL", False),
    (["ZohoCRM.modules.WRITE"], "ZohoCRM.modules.CUSTOM", False),
    (["ZohoCRM.modules.CREATE", "ZohoCRM.modules.UPDATE", "ZohoCRM.modules.DELETE"], "ZohoCRM.modules.WRITE", False),
    (["ZohoCRM.modules.READ"], "ZohoCRM.modules.ALL", False),
    (["ZohoCRM.users.ALL"], "ZohoCRM.org.READ", False),
    (["ZohoCRM.settings.READ"], "ZohoCRM.settings.fields.READ", True),
    (["ZohoCRM.settings.fields.READ"], "ZohoCRM.settings.modules.READ", False),
    (["ZohoCRM.users.READ"], "ZohoBooks.users.READ", False),
    (["zohocrm.MODULES.read"], "ZohoCRM.modules.Leads.READ", True),
    (["ZohoCRM.modules.leads.READ"], "ZohoCRM.modules.Leads.READ", True),
    ([], "ZohoCRM.users.READ", False),
    (["garbage", "", "ZohoCRM.users.READ"], "ZohoCRM.users.READ", True),
    (["ZohoCRM.users.READ"], "ZohoCRM.users.READ", True),
]

DESCRIBE = [
    ("ZohoCRM.users.READ", "Read your Zoho CRM users"),
    ("ZohoCRM.modules.ALL", "Full access to all Zoho CRM modules"),
    ("ZohoCRM.modules.READ", "Read all Zoho CRM modules"),
    ("ZohoCRM.modules.Leads.READ", "Read the Leads module"),
    ("ZohoCRM.modules.Deals.CREATE", "Add records to the Deals module"),
    ("ZohoCRM.modules.WRITE", "Add, change and delete records in all Zoho CRM modules"),
    ("ZohoCRM.org.READ", "Read your Zoho CRM organisation details"),
    ("ZohoCRM.settings.READ", "Read your Zoho CRM settings"),
    ("ZohoCRM.settings.fields.READ", "Read your Zoho CRM fields settings"),
    ("ZohoCRM.coql.READ", "Read Zoho CRM data through COQL queries"),
    ("ZohoCRM.mass_update.UPDATE", "Update many records at once in all Zoho CRM modules"),
    ("ZohoCRM.mass_update.Leads.UPDATE", "Update many records at once in the Leads module"),
    ("ZohoCRM.mass_update.READ", "Read the progress of mass updates in all Zoho CRM modules"),
    ("AaaServer.profile.READ", "Read your Zoho profile"),
    ("ZohoCRM.users.ALL", "Full access to your Zoho CRM users"),
    ("Foo.bar.DELETE", "Delete your Foo bar"),
    ("not a scope", 'Permission "not a scope"'),
]

# --- datacentres ------------------------------------------------------------

ORIGINS = [
    ("https://www.zohoapis.com", "https://www.zohoapis.com"),
    ("HTTPS://WWW.ZOHOAPIS.COM", "https://www.zohoapis.com"),
    ("https://www.zohoapis.com/", "https://www.zohoapis.com"),
    ("https://www.zohoapis.com:443", "https://www.zohoapis.com"),
    ("https://www.zohoapis.com:0443", "https://www.zohoapis.com"),
    ("http://localhost:80", "http://localhost"),
    ("https://www.zohoapis.com:8443", "https://www.zohoapis.com:8443"),
    ("http://127.0.0.1:8701", "http://127.0.0.1:8701"),
    ("http://127.0.0.1:8701/", "http://127.0.0.1:8701"),
    ("https://[::1]:8080", "https://[::1]:8080"),
    ("https://www.zohoapis.com.evil.test", "https://www.zohoapis.com.evil.test"),
    ("https://www.zohoapis.com//", None),
    ("https://www.zohoapis.com:0", None),
    ("https://www.zohoapis.com:65536", None),
    ("https://www.zohoapis.com:", None),
    ("https://www.zohoapis.com:+443", None),
    ("https://www.zohoapis.com:4_43", None),
    ("https://user@www.zohoapis.com", None),
    ("https://user:pw@www.zohoapis.com", None),
    ("https://www.zohoapis.com@evil.test", None),
    ("https://evil.test/https://www.zohoapis.com", None),
    ("https://www.zohoapis.com/crm", None),
    ("https://www.zohoapis.com?x=1", None),
    ("https://www.zohoapis.com#x", None),
    ("ftp://www.zohoapis.com", None),
    ("javascript://www.zohoapis.com", None),
    ("//www.zohoapis.com", None),
    ("www.zohoapis.com", None),
    ("https:/www.zohoapis.com", None),
    ("https:www.zohoapis.com", None),
    (" https://www.zohoapis.com", None),
    ("https://www.zohoapis.com\n", None),
    ("https://www.zohoapis.com\t", None),
    ("https://www.zohoapis.com\\.evil.test", None),
    ("https://www.zoho%61pis.com", None),
    ("https://", None),
    ("https://.zohoapis.com", None),
    ("https://www..com", None),
    ("https://-a.com", None),
    ("https://a_b.com", None),
    ("https://www.zohoapis.c\u043em", None),
    (None, None),
    (42, None),
]

REVOKE = [
    # (started_at, location, accounts_server, expected)
    ("https://accounts.zoho.com", "eu", None, "https://accounts.zoho.eu"),
    ("https://accounts.zoho.com", "EU", None, "https://accounts.zoho.eu"),
    ("https://accounts.zoho.com", "eu", "https://accounts.zoho.in", "https://accounts.zoho.in"),
    ("https://accounts.zoho.com", "eu", "https://evil.test", "https://accounts.zoho.eu"),
    ("https://accounts.zoho.com", "us", None, "https://accounts.zoho.com"),
    ("https://accounts.zoho.com", None, None, "https://accounts.zoho.com"),
    ("https://accounts.zoho.com", "zz", None, "https://accounts.zoho.com"),
    ("https://accounts.zoho.com/", None, None, "https://accounts.zoho.com/"),
    ("https://accounts.zohocloud.ca", None, "https://accounts.zoho.com", "https://accounts.zoho.com"),
    ("https://accounts.zoho.com.cn", "cn", None, "https://accounts.zoho.com.cn"),
    ("http://127.0.0.1:8701", "eu", "https://accounts.zoho.eu", "http://127.0.0.1:8701"),
    ("https://accounts.zoho.com.evil.test", "eu", None, "https://accounts.zoho.com.evil.test"),
]

# --- flow -------------------------------------------------------------------

STATE = "00112233445566778899aabbccddeeff"
OTHER_STATE = "00112233445566778899aabbccddeefe"
CREATED = 1700000000
NOW = CREATED + 10
PENDING_SCOPES = ["ZohoCRM.users.READ", "ZohoCRM.modules.ALL"]
ACCOUNTS = "https://accounts.zoho.com"
REDIRECT = "https://app.example/cb"

US = "api_domain=https%3A%2F%2Fwww.zohoapis.com"
ZOHO_EXAMPLE = (
    "#&access_token=1000.xxxx.yyyy&expires_in=3600&" + US + "&location=us&state={state}"
)


def fragment_with(api_domain):
    return "#&access_token=1000.a.b&expires_in=3600&api_domain=" + api_domain + "&state={state}"


# (name, fragment, seconds after CREATED for "now", expected fields)
# Expected fields: token, lifetime, api_domain, location, granted_for_session, accounts_server, scopes.
CALLBACK_OK = [
    ("zoho example", ZOHO_EXAMPLE, 10,
     ("1000.xxxx.yyyy", 3600, "https://www.zohoapis.com", "us", False, None, PENDING_SCOPES)),
    ("no leading &, unencoded domain",
     "access_token=t1&expires_in=3599&api_domain=https://www.zohoapis.eu&location=eu&state={state}", 10,
     ("t1", 3599, "https://www.zohoapis.eu", "eu", False, None, PENDING_SCOPES)),
    ("prefers expires_in_sec",
     "#&access_token=t&expires_in=3600000&expires_in_sec=3600&" + US + "&state={state}", 10,
     ("t", 3600, "https://www.zohoapis.com", None, False, None, PENDING_SCOPES)),
    ("prefers expires_in_sec, either order",
     "#&access_token=t&expires_in_sec=1800&expires_in=3600&" + US + "&state={state}", 10,
     ("t", 1800, "https://www.zohoapis.com", None, False, None, PENDING_SCOPES)),
    ("uppercase domain, trailing slash", fragment_with("HTTPS%3A%2F%2FWWW.ZOHOAPIS.COM%2F"), 10,
     ("1000.a.b", 3600, "https://www.zohoapis.com", None, False, None, PENDING_SCOPES)),
    ("default port", fragment_with("https%3A%2F%2Fwww.zohoapis.com%3A443"), 10,
     ("1000.a.b", 3600, "https://www.zohoapis.com", None, False, None, PENDING_SCOPES)),
    ("china", fragment_with("https%3A%2F%2Fwww.zohoapis.com.cn") + "&location=cn", 10,
     ("1000.a.b", 3600, "https://www.zohoapis.com.cn", "cn", False, None, PENDING_SCOPES)),
    ("unknown keys ignored, even repeated",
     ZOHO_EXAMPLE + "&token_type=Bearer&foo=bar&foo=baz&=&x", 10,
     ("1000.xxxx.yyyy", 3600, "https://www.zohoapis.com", "us", False, None, PENDING_SCOPES)),
    ("session grant, echoed scope, accounts-server",
     fragment_with("https%3A%2F%2Fwww.zohoapis.eu")
     + "&location=EU&granted_for_session=true&scope=ZohoCRM.users.READ+ZohoCRM.org.READ"
     + "&accounts-server=https%3A%2F%2Faccounts.zoho.eu", 10,
     ("1000.a.b", 3600, "https://www.zohoapis.eu", "eu", True,
      "https://accounts.zoho.eu", ["ZohoCRM.users.READ", "ZohoCRM.org.READ"])),
    ("full grant, as Zoho's JS SDK reads it", fragment_with(US[11:]) + "&full_grant=TRUE", 10,
     ("1000.a.b", 3600, "https://www.zohoapis.com", None, True, None, PENDING_SCOPES)),
    ("full grant false", fragment_with(US[11:]) + "&full_grant=false&granted_for_session=false", 10,
     ("1000.a.b", 3600, "https://www.zohoapis.com", None, False, None, PENDING_SCOPES)),
    ("comma scope, granted_for_session other text",
     fragment_with(US[11:]) + "&scope=ZohoCRM.users.READ%2CZohoCRM.org.READ&granted_for_session=yes", 10,
     ("1000.a.b", 3600, "https://www.zohoapis.com", None, False, None,
      ["ZohoCRM.users.READ", "ZohoCRM.org.READ"])),
    ("unknown short location kept", fragment_with(US[11:]) + "&location=XX", 10,
     ("1000.a.b", 3600, "https://www.zohoapis.com", "xx", False, None, PENDING_SCOPES)),
    ("odd location dropped", fragment_with(US[11:]) + "&location=%3Cscript%3E", 10,
     ("1000.a.b", 3600, "https://www.zohoapis.com", None, False, None, PENDING_SCOPES)),
    ("bad accounts-server dropped", fragment_with(US[11:]) + "&accounts-server=https%3A%2F%2Fx%40evil.test", 10,
     ("1000.a.b", 3600, "https://www.zohoapis.com", None, False, None, PENDING_SCOPES)),
    ("encoded plus in token", "#access_token=1000.a%2Bb%2F%3D&expires_in=60&" + US + "&state={state}", 10,
     ("1000.a+b/=", 60, "https://www.zohoapis.com", None, False, None, PENDING_SCOPES)),
    ("state at its last valid second", ZOHO_EXAMPLE, 600,
     ("1000.xxxx.yyyy", 3600, "https://www.zohoapis.com", "us", False, None, PENDING_SCOPES)),
    ("one day is the longest expiry",
     "#access_token=t&expires_in=86400&" + US + "&state={state}", 10,
     ("t", 86400, "https://www.zohoapis.com", None, False, None, PENDING_SCOPES)),
    ("encoded key names", "#%61ccess_token=t&expires_in=3600&" + US + "&st%61te={state}", 10,
     ("t", 3600, "https://www.zohoapis.com", None, False, None, PENDING_SCOPES)),
    ("token_type Bearer", ZOHO_EXAMPLE + "&token_type=Bearer", 10,
     ("1000.xxxx.yyyy", 3600, "https://www.zohoapis.com", "us", False, None, PENDING_SCOPES)),
    ("token_type in any case", ZOHO_EXAMPLE + "&token_type=bEARER", 10,
     ("1000.xxxx.yyyy", 3600, "https://www.zohoapis.com", "us", False, None, PENDING_SCOPES)),
]

_T = "#&access_token=1000.a.b&expires_in=3600&" + US
LOOKALIKE_DOMAINS = [
    "",
    "https%3A%2F%2Fwww.zohoapis.com.evil.test",
    "https%3A%2F%2Fwww.zohoapis.com%40evil.test",
    "https%3A%2F%2Fevil.test%2Fhttps%3A%2F%2Fwww.zohoapis.com",
    "https%3A%2F%2Fuser%40www.zohoapis.com",
    "https%3A%2F%2Fuser%3Apw%40www.zohoapis.com",
    "http%3A%2F%2Fwww.zohoapis.com",
    "https%3A%2F%2Fwww.zohoapis.com%3A8443",
    "https%3A%2F%2Fwww.zohoapis.com%2Fcrm",
    "https%3A%2F%2Fwww.zohoapis.com%3Fx",
    "https%3A%2F%2Fwww.zohoapis.com%23x",
    "https%3A%2F%2Fwww.zohoapis.com%2F%2F",
    "%2F%2Fwww.zohoapis.com",
    "www.zohoapis.com",
    "https%3A%2F%2Fwww.zohoapis.com.",
    "https%3A%2F%2Fzohoapis.com",
    "https%253A%252F%252Fwww.zohoapis.com",
    "javascript%3Aalert(1)%2F%2Fwww.zohoapis.com",
    "https%3A%2F%2Fwww.zohoapis.com%5C%40evil.test",
    "%20https%3A%2F%2Fwww.zohoapis.com",
    "https%3A%2F%2Fwww.zohoapis.com%09",
    "https%3A%2F%2Fwww.zohoapis.c%D0%BEm",
    "https%3A%2F%2Fwww.zohoapis.com+",
    "https%3A%2F%2Faccounts.zoho.com",
]

# (name, fragment, pending: "yes"/"none", seconds after CREATED for "now", error class)
CALLBACK_ERRORS = [
    ("no pending sign-in", ZOHO_EXAMPLE, "none", 10, E.NoPendingSignIn),
    ("refusal without pending", "#error=access_denied&state={state}", "none", 10, E.NoPendingSignIn),
    ("missing state", "#&access_token=t&expires_in=3600&" + US, "yes", 10, E.StateMismatch),
    ("forged state", ZOHO_EXAMPLE.replace("{state}", OTHER_STATE), "yes", 10, E.StateMismatch),
    ("state prefix", ZOHO_EXAMPLE.replace("{state}", STATE[:-1]), "yes", 10, E.StateMismatch),
    ("state longer", ZOHO_EXAMPLE + "x", "yes", 10, E.StateMismatch),
    ("state other case", ZOHO_EXAMPLE.replace("{state}", STATE.upper()), "yes", 10, E.StateMismatch),
    ("empty state", ZOHO_EXAMPLE.replace("{state}", ""), "yes", 10, E.StateMismatch),
    ("refusal without state", "#error=access_denied", "yes", 10, E.StateMismatch),
    ("expired pending", ZOHO_EXAMPLE, "yes", 601, E.StateExpired),
    ("long-expired pending", ZOHO_EXAMPLE, "yes", 86400, E.StateExpired),
    ("user denied", "#error=access_denied&state={state}", "yes", 10, E.AuthorizationRefused),
    ("error beside a token", ZOHO_EXAMPLE + "&error=server_error", "yes", 10, E.AuthorizationRefused),
    ("empty error", "#error=&state={state}", "yes", 10, E.AuthorizationRefused),
    ("no token", "#&expires_in=3600&" + US + "&state={state}", "yes", 10, E.MissingAccessToken),
    ("empty token", "#&access_token=&expires_in=3600&" + US + "&state={state}", "yes", 10, E.MissingAccessToken),
    ("token with space", "#&access_token=1000.a+b&expires_in=3600&" + US + "&state={state}", "yes", 10,
     E.MissingAccessToken),
    ("token with markup", "#&access_token=%3Cb%3E&expires_in=3600&" + US + "&state={state}", "yes", 10,
     E.MissingAccessToken),
    ("token with quote", "#&access_token=a%22b&expires_in=3600&" + US + "&state={state}", "yes", 10,
     E.MissingAccessToken),
    ("token too long", "#&access_token=" + "a" * 4097 + "&expires_in=3600&" + US + "&state={state}", "yes", 10,
     E.MissingAccessToken),
    ("no expiry", "#&access_token=t&" + US + "&state={state}", "yes", 10, E.InvalidExpiry),
    ("bad expires_in_sec beats good expires_in",
     "#&access_token=t&expires_in=3600&expires_in_sec=x&" + US + "&state={state}", "yes", 10, E.InvalidExpiry),
    ("milliseconds only", "#&access_token=t&expires_in=3600000&" + US + "&state={state}", "yes", 10,
     E.InvalidExpiry),
    ("expiry over a day", "#&access_token=t&expires_in=86401&" + US + "&state={state}", "yes", 10,
     E.InvalidExpiry),
    ("token_type mac", ZOHO_EXAMPLE + "&token_type=mac", "yes", 10, E.UnsupportedTokenType),
    ("empty token_type", ZOHO_EXAMPLE + "&token_type=", "yes", 10, E.UnsupportedTokenType),
    ("token_type Bearer and a space", ZOHO_EXAMPLE + "&token_type=Bearer%20", "yes", 10, E.UnsupportedTokenType),
    ("token_type Zoho-oauthtoken", ZOHO_EXAMPLE + "&token_type=Zoho-oauthtoken", "yes", 10,
     E.UnsupportedTokenType),
    ("token_type before the token", "#token_type=mac&state={state}", "yes", 10, E.UnsupportedTokenType),
    ("error before token_type", "#error=access_denied&token_type=mac&state={state}", "yes", 10,
     E.AuthorizationRefused),
]
for _value in ("0", "00", "-5", "3600.0", "abc", "", "1e3", "%203600", "3600%20", "1_000", "+3600",
               "%D9%A3%D9%A6%D9%A0%D9%A0", "99999999999999999999", "0x10"):
    CALLBACK_ERRORS.append(
        ("expiry " + repr(_value), "#&access_token=t&expires_in=" + _value + "&" + US + "&state={state}",
         "yes", 10, E.InvalidExpiry)
    )
CALLBACK_ERRORS.append(("no api_domain", "#&access_token=t&expires_in=3600&state={state}", "yes", 10,
                        E.ForeignApiDomain))
for _domain in LOOKALIKE_DOMAINS:
    CALLBACK_ERRORS.append(("api_domain " + repr(_domain), fragment_with(_domain), "yes", 10, E.ForeignApiDomain))
for _key in ("access_token=t2", "state={state}", "error=access_denied", US, "expires_in=60",
             "expires_in_sec=60", "location=eu", "token_type=Bearer"):
    # once more than in the example, and twice for keys the example lacks
    _extra = "&" + _key if _key.split("=")[0] in ZOHO_EXAMPLE else "&" + _key + "&" + _key
    CALLBACK_ERRORS.append(("repeated " + _key, ZOHO_EXAMPLE + _extra, "yes", 10, E.MalformedCallback))
CALLBACK_ERRORS.append(("repeated state beats no pending", ZOHO_EXAMPLE + "&state={state}", "none", 10,
                        E.MalformedCallback))

# The longest answer Zoho could plausibly send: the longest token the core accepts, every
# character of it percent-encoded, and every other key the core reads.
LONGEST_ANSWER = (
    "#&access_token=" + "%2B" * 4096 + "&expires_in=3600&expires_in_sec=3600&" + US + "&location=us"
    + "&granted_for_session=true&accounts-server=https%3A%2F%2Faccounts.zoho.com&token_type=Bearer"
    + "&scope=" + "%2C".join(["ZohoCRM.settings.fields.READ"] * 40) + "&state={state}"
)

# Longer than any answer: never parsed; the same test as the page's first script.
IS_CALLBACK_LONG = [
    ("#&access_token=x&pad=", True),
    ("#error=access_denied&pad=", True),
    ("#pad=1&state=x&more=", True),
    ("state=x&pad=", True),
    ("#pad=", False),
    ("#pad=1&ACCESS_TOKEN=x&more=", False),
    ("#pad=state=x&more=", False),
]

IS_CALLBACK = [
    ("#&access_token=x", True),
    ("#error=access_denied", True),
    ("#state=x", True),
    ("#access_token", True),
    ("#%61ccess_token=x", True),
    ("access_token=x", True),
    ("#/leads", False),
    ("#section-2", False),
    ("#x=1&y=2", False),
    ("#ACCESS_TOKEN=x", False),
    ("#", False),
    ("", False),
    (None, False),
]

RETURN_PATHS = [
    ("", ""),
    ("?view=leads", "?view=leads"),
    ("leads", "leads"),
    ("leads/42?x=1", "leads/42?x=1"),
    ("./leads", ""),
    ("a..b/c.d", "a..b/c.d"),
    ("a/b:c", "a/b:c"),
    ("?next=//evil.test", "?next=//evil.test"),
    ("?next=https://evil.test/../x", "?next=https://evil.test/../x"),
    ("x" * 512, "x" * 512),
    ("x" * 513, ""),
    ("/leads", ""),
    ("//evil.test", ""),
    ("\\\\evil.test", ""),
    ("/\\evil.test", ""),
    ("https://evil.test", ""),
    ("javascript:alert(1)", ""),
    ("JaVaScRiPt:alert(1)", ""),
    ("mailto:x", ""),
    ("a:b/c", ""),
    ("../x", ""),
    ("..", ""),
    ("a/../../x", ""),
    ("a/..", ""),
    ("%2e%2e/x", ""),
    (".%2E/x", ""),
    ("%2E", ""),
    ("a\\b", ""),
    ("a\nb", ""),
    ("\tleads", ""),
    ("a b", ""),
    ("#x", ""),
    ("a#b", ""),
    ("\u00e9", ""),
    (None, ""),
    (5, ""),
]

AUTHORIZE = [
    # (accounts_url, renew, prompt, expected)
    ("https://accounts.zoho.com", False, None,
     "https://accounts.zoho.com/oauth/v2/auth?response_type=token&client_id=1000.ABC"
     "&scope=ZohoCRM.users.READ%2CZohoCRM.modules.ALL&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=s1"),
    ("https://accounts.zoho.com/", True, None,
     "https://accounts.zoho.com/oauth/v2/auth/refresh?response_type=token&client_id=1000.ABC"
     "&scope=ZohoCRM.users.READ%2CZohoCRM.modules.ALL&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=s1"),
    ("http://127.0.0.1:8701", False, "consent",
     "http://127.0.0.1:8701/oauth/v2/auth?response_type=token&client_id=1000.ABC"
     "&scope=ZohoCRM.users.READ%2CZohoCRM.modules.ALL&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=s1"
     "&prompt=consent"),
]

AUTHORIZE_BAD = [
    # (accounts_url, client_id, scopes, redirect_uri, prompt, error class)
    ("https://accounts.zoho.com", "", PENDING_SCOPES, REDIRECT, None, E.ConfigError),
    ("https://accounts.zoho.com", "1000 ABC", PENDING_SCOPES, REDIRECT, None, E.ConfigError),
    ("https://accounts.zoho.com", None, PENDING_SCOPES, REDIRECT, None, E.ConfigError),
    ("ftp://accounts.zoho.com", "1000.ABC", PENDING_SCOPES, REDIRECT, None, E.ConfigError),
    ("accounts.zoho.com", "1000.ABC", PENDING_SCOPES, REDIRECT, None, E.ConfigError),
    ("https://accounts.zoho.com?x=1", "1000.ABC", PENDING_SCOPES, REDIRECT, None, E.ConfigError),
    ("https://user@accounts.zoho.com", "1000.ABC", PENDING_SCOPES, REDIRECT, None, E.ConfigError),
    ("https://", "1000.ABC", PENDING_SCOPES, REDIRECT, None, E.ConfigError),
    ("https://accounts.zoho.com", "1000.ABC", [], REDIRECT, None, E.ScopeSyntaxError),
    ("https://accounts.zoho.com", "1000.ABC", ["ZohoCRM.users.read"], REDIRECT, None, E.ScopeSyntaxError),
    ("https://accounts.zoho.com", "1000.ABC", PENDING_SCOPES, "javascript:alert(1)", None, E.ConfigError),
    ("https://accounts.zoho.com", "1000.ABC", PENDING_SCOPES, "/cb", None, E.ConfigError),
    ("https://accounts.zoho.com", "1000.ABC", PENDING_SCOPES, "https://app.example/cb#x", None, E.ConfigError),
    ("https://accounts.zoho.com", "1000.ABC", PENDING_SCOPES, REDIRECT, "consent&x=1", E.ConfigError),
]

PENDING_JSON_BAD = [
    None,
    "",
    "not json",
    "[]",
    "null",
    '{"state": "00112233445566778899aabbccddeeff"}',
    # each of the following changes one field of a valid record
    ("state", "abc"),
    ("state", "../00112233445566778899aabbccddeeff"),
    ("state", 5),
    ("created_at", "1700000000"),
    ("created_at", True),
    ("created_at", -1),
    ("created_at", None),
    ("scopes", "ZohoCRM.users.READ"),
    ("scopes", [1]),
    ("return_path", "//evil.test"),
    ("return_path", "https://evil.test"),
    ("return_path", None),
    ("accounts_url", 5),
    ("redirect_uri", None),
    ("window", 5),
    ("window", "zoho renewal"),
]

# --- token ------------------------------------------------------------------

FORMAT_REMAINING = [
    (3552, "59 min 12 s"),
    (45, "45 s"),
    (45.9, "45 s"),
    (60, "1 min 0 s"),
    (3599, "59 min 59 s"),
    (3600, "1 h 0 min"),
    (3725, "1 h 2 min"),
    (1, "1 s"),
    (0.5, "expired"),
    (0, "expired"),
    (-5, "expired"),
    (float("nan"), "expired"),
    (float("inf"), "expired"),
]

TOKEN_JSON_BAD = [
    None,
    "",
    "not json",
    "[]",
    "null",
    '"text"',
    '{"access_token": "t"}',
    "{\"access_token\": \"t\", \"expires_at\": NaN, \"api_domain\": \"https://www.zohoapis.com\", "
    "\"scopes\": [], \"location\": null}",
    "{\"access_token\": \"t\", \"expires_at\": 1e999, \"api_domain\": \"https://www.zohoapis.com\", "
    "\"scopes\": [], \"location\": null}",
    # each of the following changes one field of a valid record
    ("access_token", ""),
    ("access_token", "a b"),
    ("access_token", 5),
    ("access_token", None),
    ("expires_at", "100"),
    ("expires_at", True),
    ("expires_at", -1),
    ("expires_at", None),
    ("api_domain", "https://evil.test"),
    ("api_domain", "https://www.zohoapis.com@evil.test"),
    ("api_domain", "https://www.zohoapis.com.evil.test"),
    ("api_domain", None),
    ("scopes", "ZohoCRM.users.READ"),
    ("scopes", [1]),
    ("location", 5),
    ("granted_for_session", "true"),
    ("accounts_url", 5),
    ("accounts_server", ["x"]),
]

# --- api --------------------------------------------------------------------

INVALID_TOKEN_BODY = '{"code":"INVALID_TOKEN","details":{},"message":"invalid oauth token","status":"error"}'
SCOPE_BODY = ('{"code":"OAUTH_SCOPE_MISMATCH","details":{},'
              '"message":"invalid oauth scope to access this URL","status":"error"}')

# (status, headers, body, method, path, error class, {attribute: expected})
API_ERRORS = [
    (401, {}, INVALID_TOKEN_BODY, None, None, E.InvalidTokenError, {"code": "INVALID_TOKEN", "status": 401}),
    (400, {}, INVALID_TOKEN_BODY, None, None, E.InvalidTokenError, {"code": "INVALID_TOKEN", "status": 400}),
    (401, {}, '{"code":"AUTHENTICATION_FAILURE","details":{},"message":"m","status":"error"}', None, None,
     E.InvalidTokenError, {"code": "AUTHENTICATION_FAILURE"}),
    (401, {}, SCOPE_BODY, "GET", "/crm/v8/Leads?fields=Email", E.ScopeMismatchError,
     {"code": "OAUTH_SCOPE_MISMATCH", "required_scope": "ZohoCRM.modules.READ"}),
    (401, {}, SCOPE_BODY, "GET", "/crm/v8/users?type=CurrentUser", E.ScopeMismatchError,
     {"required_scope": "ZohoCRM.users.READ"}),
    (401, {}, SCOPE_BODY, None, None, E.ScopeMismatchError, {"required_scope": None}),
    (429, {"Retry-After": "7"}, '{"code":"TOO_MANY_REQUESTS","details":{},"message":"m","status":"error"}',
     None, None, E.RateLimitedError, {"retry_after": 7, "code": "TOO_MANY_REQUESTS", "status": 429}),
    (429, {}, "", None, None, E.RateLimitedError, {"retry_after": None, "code": "HTTP_429"}),
    (429, [("retry-after", " 12 ")], "", None, None, E.RateLimitedError, {"retry_after": 12}),
    (429, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, "", None, None, E.RateLimitedError,
     {"retry_after": None}),
    (429, {"Retry-After": "-1"}, "", None, None, E.RateLimitedError, {"retry_after": None}),
    (429, {"Retry-After": "1.5"}, "", None, None, E.RateLimitedError, {"retry_after": None}),
    (429, {}, INVALID_TOKEN_BODY, None, None, E.RateLimitedError, {"code": "INVALID_TOKEN"}),
    (404, {}, '{"code":"INVALID_URL_PATTERN","details":{},"message":"m","status":"error"}', None, None,
     E.NotFoundError, {"code": "INVALID_URL_PATTERN", "status": 404}),
    (400, {}, '{"code":"INVALID_MODULE","details":{},"message":"m","status":"error"}', None, None,
     E.NotFoundError, {"code": "INVALID_MODULE"}),
    (404, {}, "", None, None, E.NotFoundError, {"code": "HTTP_404"}),
    (400, {}, '{"code":"INVALID_DATA","details":{"api_name":"Email"},"message":"invalid data","status":"error"}',
     None, None, E.InvalidRequestError, {"code": "INVALID_DATA", "details": {"api_name": "Email"}}),
    (400, {}, '{"data":[{"code":"INVALID_DATA","details":{"api_name":"Email"},"message":"m","status":"error"}]}',
     None, None, E.InvalidRequestError, {"code": "INVALID_DATA", "details": {"api_name": "Email"}}),
    (400, {}, '{"code":"REQUIRED_PARAM_MISSING","details":{"param":"fields"},"message":"m","status":"error"}',
     None, None, E.InvalidRequestError, {"code": "REQUIRED_PARAM_MISSING"}),
    (403, {}, '{"code":"NO_PERMISSION","details":{},"message":"m","status":"error"}', None, None,
     E.InvalidRequestError, {"code": "NO_PERMISSION", "status": 403}),
    (418, {}, "", None, None, E.InvalidRequestError, {"code": "HTTP_418"}),
    (400, {}, '{"code": 5, "details": []}', None, None, E.InvalidRequestError, {"code": "HTTP_400", "details": {}}),
    (401, {}, '{"code":"SOMETHING_NEW","message":"m"}', None, None, E.InvalidTokenError, {"code": "SOMETHING_NEW"}),
    (500, {}, "<html>oops</html>", None, None, E.ServerError, {"code": "HTTP_500", "status": 500}),
    (503, {}, "", None, None, E.ServerError, {"code": "HTTP_503"}),
    (500, {}, '{"code":"INTERNAL_ERROR","details":{},"message":"m","status":"error"}', None, None,
     E.ServerError, {"code": "INTERNAL_ERROR"}),
    (200, {}, "<html>", None, None, E.UnexpectedResponseError, {"status": 200}),
    (200, {}, '"just a string"', None, None, E.UnexpectedResponseError, {}),
    (200, {}, "42", None, None, E.UnexpectedResponseError, {}),
    (200, {}, '{"status":"error","code":"INVALID_TOKEN","message":"x"}', None, None, E.InvalidTokenError,
     {"status": 200}),
    (302, {}, "", None, None, E.UnexpectedResponseError, {"code": "HTTP_302"}),
]

REQUIRED_SCOPES = [
    ("GET", "/crm/v8/Leads", "ZohoCRM.modules.READ"),
    ("GET", "/crm/v8/Leads/123", "ZohoCRM.modules.READ"),
    ("GET", "/crm/v8/Leads/search?criteria=(Email:equals:a)", "ZohoCRM.modules.READ"),
    ("POST", "/crm/v8/Leads", "ZohoCRM.modules.CREATE"),
    ("PUT", "/crm/v8/Leads", "ZohoCRM.modules.UPDATE"),
    ("PATCH", "/crm/v8/Leads/1", "ZohoCRM.modules.UPDATE"),
    ("DELETE", "/crm/v8/Leads?ids=1", "ZohoCRM.modules.DELETE"),
    ("get", "/crm/v2/users?type=CurrentUser", "ZohoCRM.users.READ"),
    ("GET", "/crm/v8/org", "ZohoCRM.org.READ"),
    ("GET", "/crm/v8/settings/modules", "ZohoCRM.settings.READ"),
    ("GET", "/crm/v8/settings/fields?module=Leads", "ZohoCRM.settings.READ"),
    ("POST", "/crm/v8/coql", "ZohoCRM.coql.READ"),
    ("POST", "/crm/v8/Leads/actions/mass_update", "ZohoCRM.mass_update.UPDATE"),
    ("GET", "/crm/v8/Leads/actions/mass_update?job_id=1", "ZohoCRM.mass_update.READ"),
    ("GET", "/books/v3/invoices", None),
    ("GET", "/crm/v8", None),
    ("GET", "/crm/latest/Leads", None),
    ("TRACE", "/crm/v8/Leads", None),
    ("GET", "/crm/v8/__notifications", None),
    (None, "/crm/v8/Leads", None),
]

UNSAFE_PATHS = [
    "",
    "crm/v8/Leads",
    "//evil.test/x",
    "/\\evil.test",
    "/crm\\v8",
    "/crm/../x",
    "/crm/..",
    "/crm/%2e%2e/x",
    "/crm/.%2E/x",
    "/crm/./x",
    "/@evil.test",
    "/crm/v8/Leads@evil",
    "https://evil.test/x",
    "/https://evil.test/x",
    "/crm/v8/Leads#x",
    "/crm/v8/Leads?a=1#x",
    "/crm/v8/Leads\n",
    "/crm/v8/ Leads",
    "/crm/v8/L\u00e9",
    "/crm/v8/Leads?q=\u00e9",
    None,
    5,
]

# (path, query, expected url after the api domain)
REQUEST_URLS = [
    ("/crm/v8/users?type=CurrentUser", None, "/crm/v8/users?type=CurrentUser"),
    ("/crm/v8/Leads", [("fields", "Last_Name,Email"), ("per_page", 50)],
     "/crm/v8/Leads?fields=Last_Name%2CEmail&per_page=50"),
    ("/crm/v8/Leads", {"per_page": "2", "fields": "Email"}, "/crm/v8/Leads?fields=Email&per_page=2"),
    ("/crm/v8/Leads?fields=Email", [("page_token", "a&b")], "/crm/v8/Leads?fields=Email&page_token=a%26b"),
    ("/crm/v8/Leads/search?criteria=(Email:equals:a@b.test)", None,
     "/crm/v8/Leads/search?criteria=(Email:equals:a@b.test)"),
    ("/crm/v8/org", [], "/crm/v8/org"),
]

RECORDS_PAGES = [
    # (status, body, records, more_records, next_page_token, page, per_page)
    (200, '{"data":[{"id":"1","Email":"a@b.test"}],"info":{"per_page":50,"count":1,"page":1,'
          '"more_records":false,"next_page_token":null}}', [{"id": "1", "Email": "a@b.test"}], False, None, 1, 50),
    (200, '{"data":[{"id":"1"},{"id":"2"}],"info":{"per_page":2,"count":2,"page":1,'
          '"more_records":true,"next_page_token":"abc"}}', [{"id": "1"}, {"id": "2"}], True, "abc", 1, 2),
    (200, '{"data":[]}', [], False, None, None, None),
    (204, "", [], False, None, None, None),
]

RECORDS_PAGES_BAD = [
    '{"data":"x"}',
    '{"info":{}}',
    '{"data":[1]}',
    '{"data":[],"info":[]}',
    '{"data":[],"info":{"more_records":"yes"}}',
    '{"data":[],"info":{"page":"1"}}',
    '[]',
]

RECORD_RESULTS_BODY = (
    '{"data":[{"code":"SUCCESS","details":{"id":"123","Created_Time":"2024-01-01T00:00:00+00:00"},'
    '"status":"success","message":"record added"},'
    '{"code":"INVALID_DATA","details":{"api_name":"Email"},"status":"error","message":"invalid data"},'
    '{"code":"SUCCESS","details":{"id":456},"status":"success","message":"record updated"}]}'
)
# (code, status, message, id, ok)
RECORD_RESULTS = [
    ("SUCCESS", "success", "record added", "123", True),
    ("INVALID_DATA", "error", "invalid data", None, False),
    ("SUCCESS", "success", "record updated", "456", True),
]

TOKEN = "1000.0123456789abcdef.fedcba9876543210"

# From the table in /work/shared/ZOHO.md, in its order. No page or SDK of Zoho's names a UK API domain.
DATA_CENTRES = [
    ("us", "https://accounts.zoho.com", "https://www.zohoapis.com"),
    ("eu", "https://accounts.zoho.eu", "https://www.zohoapis.eu"),
    ("in", "https://accounts.zoho.in", "https://www.zohoapis.in"),
    ("au", "https://accounts.zoho.com.au", "https://www.zohoapis.com.au"),
    ("jp", "https://accounts.zoho.jp", "https://www.zohoapis.jp"),
    ("ca", "https://accounts.zohocloud.ca", "https://www.zohoapis.ca"),
    ("sa", "https://accounts.zoho.sa", "https://www.zohoapis.sa"),
    ("uk", "https://accounts.zoho.uk", None),
    ("cn", "https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn"),
]

KNOWN_AUTHORIZATION_ERRORS = [
    "access_denied", "prompt_required", "client_not_granted", "invalid_client", "invalid_redirect_uri",
    "redirect_uri_mismatch", "invalid_scope", "unauthorized_client", "unsupported_response_type",
    "server_error", "temporarily_unavailable", "invalid_request",
]

# The choices a site is built with (zoho_config.json's "data_centres"): Zoho's, or one server.
ZOHO_CHOICES = [{"location": row[0], "label": row[0], "accounts_url": row[1]} for row in DATA_CENTRES]
SANDBOX_CHOICES = [{"location": "", "label": "Configured server", "accounts_url": "http://127.0.0.1:8701/"}]
ACCOUNTS_SERVERS = [
    # (candidate, configured choices, expected)
    ("https://accounts.zoho.eu", ZOHO_CHOICES, "https://accounts.zoho.eu"),
    ("https://accounts.zoho.uk", ZOHO_CHOICES, "https://accounts.zoho.uk"),
    ("HTTPS://Accounts.Zoho.COM/", ZOHO_CHOICES, "https://accounts.zoho.com"),
    ("https://accounts.zoho.com:443", ZOHO_CHOICES, "https://accounts.zoho.com"),
    ("https://accounts.zoho.com.evil.test", ZOHO_CHOICES, None),
    ("https://evil.test", ZOHO_CHOICES, None),
    ("http://accounts.zoho.com", ZOHO_CHOICES, None),
    ("https://accounts.zoho.com:8443", ZOHO_CHOICES, None),
    ("https://accounts.zoho.com/oauth/v2/auth", ZOHO_CHOICES, None),
    ("https://user@accounts.zoho.com", ZOHO_CHOICES, None),
    ("https://www.zohoapis.com", ZOHO_CHOICES, None),
    ("http://127.0.0.1:8701", ZOHO_CHOICES, None),
    ("", ZOHO_CHOICES, None),
    (None, ZOHO_CHOICES, None),
    ("http://127.0.0.1:8701", SANDBOX_CHOICES, "http://127.0.0.1:8701"),
    ("http://127.0.0.1:8701/", SANDBOX_CHOICES, "http://127.0.0.1:8701"),
    ("http://localhost:8701", SANDBOX_CHOICES, None),
    ("http://127.0.0.1:8702", SANDBOX_CHOICES, None),
    ("https://127.0.0.1:8701", SANDBOX_CHOICES, None),
    ("https://accounts.zoho.com", SANDBOX_CHOICES, None),
    ("https://accounts.zoho.com", [], None),
    ("https://accounts.zoho.com", None, None),
    ("https://accounts.zoho.com", ["https://accounts.zoho.com", {"accounts_url": None}, {}], None),
]


# --- CRM data: field metadata, the search box, COQL paging, exports ---------

# A settings/fields answer in Zoho's shape (keys the core does not read left out).
FIELDS_ANSWER = (
    '{"fields": ['
    '{"api_name": "Last_Name", "field_label": "Last Name", "data_type": "text", "json_type": "string",'
    ' "system_mandatory": true, "read_only": false, "length": 80, "pick_list_values": [], "lookup": {}},'
    '{"api_name": "Lead_Status", "field_label": "Lead Status", "data_type": "picklist", "system_mandatory": false,'
    ' "read_only": false, "length": 120, "lookup": {}, "pick_list_values": ['
    '{"display_value": "-None-", "actual_value": "-None-"}, {"display_value": "Contacted", "actual_value": "Contacted"},'
    '{"display_value": "Lost", "actual_value": "Lost Lead"}]},'
    '{"api_name": "Account_Name", "field_label": "Account Name", "data_type": "lookup", "read_only": false,'
    ' "lookup": {"module": {"api_name": "Accounts", "id": "2177"}}, "pick_list_values": []},'
    '{"api_name": "Follow_Up_At", "field_label": "Follow-up At", "data_type": "datetime", "read_only": false},'
    '{"api_name": "Annual_Revenue", "field_label": "Annual Revenue", "data_type": "currency", "read_only": false},'
    '{"api_name": "Created_Time", "field_label": "Created Time", "data_type": "datetime", "read_only": true},'
    '{"field_label": "no api_name"}]}'
)
FIELD_INPUT_KINDS = [("Last_Name", "text"), ("Lead_Status", "select"), ("Account_Name", "lookup"),
                     ("Follow_Up_At", "datetime-local"), ("Annual_Revenue", "currency"), ("Created_Time", "datetime-local")]
FIELD_VALUES = [
    # (api_name, entry, UTC offset in minutes, expected value, or the start of the problem)
    ("Last_Name", " Lovelace ", 0, "Lovelace"),
    ("Last_Name", "x" * 81, 0, "must be at most 80 characters long"),
    ("Lead_Status", "Lost Lead", 0, "Lost Lead"),
    ("Lead_Status", "Lost", 0, "must be one of the listed choices"),
    ("Lead_Status", "-None-", 0, None),
    ("Account_Name", "5725767000000500001", 0, {"id": "5725767000000500001"}),
    ("Account_Name", "Acme", 0, "must be the id of a record"),
    ("Follow_Up_At", "2024-02-29T23:05", 330, "2024-02-29T23:05:00+05:30"),
    ("Follow_Up_At", "2024-02-29T23:05", -240, "2024-02-29T23:05:00-04:00"),
    ("Follow_Up_At", "2023-02-29T23:05", 0, "must be a date that exists"),
    ("Annual_Revenue", "99.50", 0, 99.5),
    ("Annual_Revenue", "1,000", 0, "must be a number"),
]

SEARCH_BOX = [
    # (text typed, (kind, value) or None)
    ("", None),
    ("   ", None),
    ("ada@example.com", ("email", "ada@example.com")),
    (" @example.com ", ("email", "@example.com")),
    ("ada@", ("word", "ada@")),
    ("a@b@c.com", ("word", "a@b@c.com")),
    ("+1 (555) 010-0100", ("phone", "+1 (555) 010-0100")),
    ("555.0100.22", ("phone", "555.0100.22")),
    ("2024", ("word", "2024")),
    ("555-01", ("word", "555-01")),
    ("1+555 0100 100", ("word", "1+555 0100 100")),
    ("(Last_Name:equals:Babbage)", ("criteria", "(Last_Name:equals:Babbage)")),
    ("((Last_Name:starts_with:B)and(Company:equals:Ana))", ("criteria", "((Last_Name:starts_with:B)and(Company:equals:Ana))")),
    ("( Annual_Revenue:GREATER_THAN:5 )", ("criteria", "( Annual_Revenue:GREATER_THAN:5 )")),
    # The shape of criteria with an operator Zoho lacks is criteria (search_query refuses it).
    ("(Last_Name:likes:B)", ("criteria", "(Last_Name:likes:B)")),
    ("(Last_Name:bogus_op:x)", ("criteria", "(Last_Name:bogus_op:x)")),
    ("(Last_Name:equals:Lovelace", ("criteria", "(Last_Name:equals:Lovelace")),
    ("(note: call me)", ("word", "(note: call me)")),
    ("Ada Lovelace", ("word", "Ada Lovelace")),
]
CRITERIA_BUILT = [
    # (field, operator, value, criteria)
    ("Last_Name", "equals", "Burns, (B) \\", "(Last_Name:equals:Burns\\, \\(B\\) \\\\)"),
    ("Company", "starts_with", "Ana", "(Company:starts_with:Ana)"),
    ("Lead_Status", "in", ["Contacted", "Lost, for now"], "(Lead_Status:in:Contacted,Lost\\, for now)"),
    ("Annual_Revenue", "between", [100, 200.5], "(Annual_Revenue:between:100,200.5)"),
]

COQL_PAGES = [
    # (query, offset, count, the query for that page)
    ("select Last_Name from Leads where id is not null", 0, 200,
     "select Last_Name from Leads where id is not null limit 0, 200"),
    ("select Last_Name from Leads where id is not null limit 10 ;", 200, 50,
     "select Last_Name from Leads where id is not null limit 200, 50"),
    ("select Last_Name from Leads where id is not null LIMIT 5, 10", 15, 10,
     "select Last_Name from Leads where id is not null limit 15, 10"),
    ("select Last_Name from Leads where id is not null limit 10 offset 20", 30, 10,
     "select Last_Name from Leads where id is not null limit 30, 10"),
    ("select Last_Name from Leads where Last_Name = 'limit 5' order by Last_Name", 0, 100,
     "select Last_Name from Leads where Last_Name = 'limit 5' order by Last_Name limit 0, 100"),
    ("select Last_Name from Leads where (Last_Name = 'It''s' and City in ('limit'))\n", 400, 200,
     "select Last_Name from Leads where (Last_Name = 'It''s' and City in ('limit')) limit 400, 200"),
]
COQL_LIMITS = [
    # (query, (offset, count) it asks for, or None when its LIMIT clause cannot be read)
    ("select id from Leads where id is not null", (0, 200)),
    ("select id from Leads where id is not null limit 50", (0, 50)),
    ("select id from Leads where id is not null limit 100,50;", (100, 50)),
    ("select id from Leads where id is not null Limit 50 Offset 100", (100, 50)),
    ("select id from Leads where id is not null limit", None),
    ("select id from Leads where id is not null limit 5, x", None),
    ("select id from Leads where id is not null limit -5", None),
    # a subquery's own limit is not the query's
    ("select id from Contacts where Account_Name in (select id from Accounts where id is not null limit 5)", (0, 200)),
]
QUERY_ERROR_SENTENCES = [
    # (code, details, words the sentence must contain)
    ("SYNTAX_ERROR", {"clause": "where"}, ["WHERE clause"]),
    ("SYNTAX_ERROR", {"line": 1, "column": 15, "near": "FROM"}, ['"FROM"', "line 1", "column 15"]),
    ("SYNTAX_ERROR", {"near": "where"}, ['near "where"']),
    ("SYNTAX_ERROR", {"operator": "not"}, ['"not"', "WHERE clause"]),
    ("SYNTAX_ERROR", {}, ["not written"]),
    ("INVALID_QUERY", {"column_name": "Nope", "clause": "order by"}, ['"Nope"', "ORDER BY clause"]),
    ("INVALID_QUERY", {"column_name": "Last_Name"}, ['"Last_Name"', "SELECT clause"]),
    ("INVALID_QUERY", {"reason": "invalid operator found", "column_name": "First_Name", "operator": ">"},
     ['">"', '"First_Name"', "WHERE clause"]),
    ("INVALID_QUERY", {"cv_criteria": False, "column_name": "Annual_Revenue", "value": "lots", "operator": "="},
     ['"lots"', '"Annual_Revenue"', "WHERE clause"]),
    ("INVALID_QUERY", {"limit": "s"}, ["LIMIT clause", '"s"']),
    ("INVALID_QUERY", {"offset": "x"}, ["OFFSET clause", '"x"']),
    ("INVALID_QUERY", {"module": "Widgets"}, ["FROM clause", '"Widgets"']),
    ("LIMIT_EXCEEDED", {"clause": "limit", "limit": 2000}, ["LIMIT clause", "2000"]),
    ("DUPLICATE_DATA", {"column_name": "First_Name"}, ['"First_Name"', "twice"]),
]

CELL_TEXTS = [
    # (Zoho value, its text in a cell)
    (None, ""),
    ("Lovelace", "Lovelace"),
    (True, "true"),
    (False, "false"),
    (5000, "5000"),
    (99.5, "99.5"),
    (1250.0, "1250"),
    (-0.25, "-0.25"),
    ({"name": "Analytical Engines", "id": "1"}, "Analytical Engines"),
    ({"id": "5725767000000500001"}, "5725767000000500001"),
    (["CRM", "Analytics"], "CRM; Analytics"),
    ([{"name": "Ada", "id": "1"}, {"name": "Grace", "id": "2"}], "Ada; Grace"),
    ({"street": "1 Main St", "city": "Lagos"}, "city: Lagos; street: 1 Main St"),
]
CSV_LINES = [
    # (cells, the CSV record)
    (["a", "b"], "a,b\r\n"),
    (["", ""], ",\r\n"),
    (["say \"hi\""], '"say ""hi"""\r\n'),
    (["1,5"], '"1,5"\r\n'),
    (["two\nlines", "cr\rhere"], '"two\nlines","cr\rhere"\r\n'),
    (["é ü 中"], "é ü 中\r\n"),
]
