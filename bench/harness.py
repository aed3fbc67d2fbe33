"""What the benchmarks share to run: the site built with the local sandbox as its Zoho and served
as GitHub Pages serves it, Chromium launched as the tests launch it, and a signed-in token."""

from __future__ import annotations

import contextlib
import json
import tempfile
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import build
from devsupport import SETTINGS, browser_executable, token_record

from bench.pages_server import PagesServer, ServerLog

HOST = "127.0.0.1"
TIMEOUTS = SETTINGS["timeouts_ms"]
SCOPES = ("ZohoCRM.users.READ", "ZohoCRM.org.READ", "ZohoCRM.settings.READ", "ZohoCRM.modules.ALL")

# Stores a token record in sessionStorage of every tab of the site's origin before its page
# runs (sessionStorage is per tab, so a repeat visit's new tab needs it too).
STORE_TOKEN_AT_START = """
((origin, record) => {
  if (location.origin === origin && !sessionStorage.getItem("zoho.token")) {
    sessionStorage.setItem("zoho.token", JSON.stringify(record));
  }
})(%s, %s);
"""


@dataclass(frozen=True)
class Bench:
    """One benchmark's ports (the site's, the sandbox's accounts and API) and its client id."""

    site_port: int
    accounts_port: int
    api_port: int
    client_id: str

    @property
    def site_url(self) -> str:
        return f"http://{HOST}:{self.site_port}/"

    @property
    def accounts_origin(self) -> str:
        return f"http://{HOST}:{self.accounts_port}"

    @property
    def api_origin(self) -> str:
        return f"http://{HOST}:{self.api_port}"

    def config(self, directory: Path) -> build.SiteConfig:
        """The site's config: the local sandbox as its Zoho."""
        path = directory / "bench.toml"
        path.write_text(f'[zoho]\nclient_id = "{self.client_id}"\naccounts_url = "{self.accounts_origin}"\n'
                        f'api_domains = ["{self.api_origin}"]\nscopes = {json.dumps(list(SCOPES))}\n')
        return build.load_config(path)

    @contextlib.contextmanager
    def served(self, log: ServerLog | None = None, add_pages: Callable[[Path], None] | None = None,
               records: tuple[tuple[str, int], ...] = ()) -> Iterator[Path]:
        """Build the site into a temp dir, let ``add_pages`` put reference pages beside it, and serve
        it (bench/pages_server.py, answers logged in ``log``) with the sandbox running (seeded with
        ``records``, pairs of module and count, when given); yields the site's folder."""
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            config = self.config(Path(tmp))
            site = build.build(config, Path(tmp) / "site")
            if add_pages is not None:
                add_pages(site)
            with build.start_sandbox_for(config, [self.site_url], records), \
                    PagesServer(site, self.site_port, log or ServerLog()):
                yield site

    def token_record(self, scopes: tuple[str, ...] = SCOPES) -> dict:
        """The stored-token record of a token the sandbox mints for the bench's client."""
        body = json.dumps({"scopes": list(scopes), "lifetime": 3600, "client_id": self.client_id}).encode()
        request = urllib.request.Request(self.api_origin + "/_sandbox/tokens", data=body, method="POST",
                                         headers={"Content-Type": "application/json", "X-Sandbox-Control": "1"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            return token_record(json.load(answer), scopes, self.accounts_origin)

    def store_token_at_start(self, context, record: dict) -> None:
        """Every tab of the site that ``context`` opens starts signed in with ``record``."""
        context.add_init_script(STORE_TOKEN_AT_START % (json.dumps(self.site_url.rstrip("/")), json.dumps(record)))


def launch(playwright):
    """Headless Chromium, the executable and flags of playwright.config.json."""
    return playwright.chromium.launch(executable_path=browser_executable(), args=SETTINGS["browser"]["args"])


def launch_with_profile(playwright, profile: str, **options):
    """The same Chromium with a profile on disk (its disk cache kept between tabs)."""
    return playwright.chromium.launch_persistent_context(
        profile, executable_path=browser_executable(), args=SETTINGS["browser"]["args"], headless=True, **options)
