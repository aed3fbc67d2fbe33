"""Repeat visits: the service worker serves the versioned files from its cache, and a new
build is picked up by the first page load after it."""

import build

from .conftest import wait_ready

CACHING_SITE_PORT = 8715


def _config(directory, scopes):
    path = directory / "caching.toml"
    path.write_text("[zoho]\n"
                    'client_id = "1000.CACHINGTEST"\n'
                    'accounts_url = "http://127.0.0.1:8711"\n'
                    'api_domains = ["http://127.0.0.1:8712"]\n'
                    f"scopes = {scopes!r}\n".replace("'", '"'))
    return build.load_config(path)


def _app_files_requested(responses):
    return [r for r in responses if "/app/" in r.url or "/runtime/" in r.url]


def test_repeat_visit_comes_from_the_service_worker_and_a_new_build_is_seen_at_once(browser, tmp_path):
    site = tmp_path / "site"
    build.build(_config(tmp_path, ["ZohoCRM.users.READ"]), site)
    with build.SiteServer(site, CACHING_SITE_PORT) as server:
        context = browser.new_context(service_workers="allow")
        page = context.new_page()
        page.goto(server.url)
        wait_ready(page)
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")  # installed and active

        responses = []
        page.on("response", lambda response: responses.append(response))
        page.reload()
        wait_ready(page)
        repeat = _app_files_requested(responses)
        assert repeat and all(r.from_service_worker for r in repeat), [r.url for r in repeat
                                                                         if not r.from_service_worker]
        assert "Read your Zoho CRM users" in page.locator("#scopes").inner_text()

        # A new build (another scope) replaces the site: the next load shows it.
        build.build(_config(tmp_path, ["ZohoCRM.org.READ"]), site)
        responses.clear()
        page.reload()
        wait_ready(page)
        assert "Read your Zoho CRM organisation details" in page.locator("#scopes").inner_text()
        new_app = {r.url.split("/app/")[1].split("/")[0] for r in responses if "/app/" in r.url}
        assert len(new_app) == 1 and (site / "app" / new_app.pop()).is_dir()
        context.close()
