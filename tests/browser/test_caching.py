"""Repeat visits: the service worker serves the versioned files from its cache, a new build is
picked up by the first page load after it, and only the bytes the build made are ever served."""

import build

from .harness import wait_ready

CACHING_SITE_PORT = 0  # any free port
# The app under a sub-path, as a project site on GitHub Pages: another path of the same origin
# is another project, outside the app's service worker scope.
SHARED_ORIGIN_PORT = 0  # any free port
APP_PATH = "/zoho-pyscript/"
OTHER_PROJECT_PATH = "/another-project/"


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
        # Served by the service worker, the page preloads the runtime at once (first-script.js: only
        # a first visit waits for the first frame), and each file is asked for once.
        preloaded = page.evaluate("""[...document.querySelectorAll('link[rel="preload"]')]
                                     .map((link) => link.href.split("/").pop())""")
        assert {"micropython.wasm", "micropython.json", "main.py"} <= set(preloaded), preloaded
        assert [r.url.split("/")[-1] for r in repeat].count("micropython.wasm") == 1

        # A new build (another scope) replaces the site: the next load shows it.
        build.build(_config(tmp_path, ["ZohoCRM.org.READ"]), site)
        responses.clear()
        page.reload()
        wait_ready(page)
        assert "Read your Zoho CRM organisation details" in page.locator("#scopes").inner_text()
        new_app = {r.url.split("/app/")[1].split("/")[0] for r in responses if "/app/" in r.url}
        assert len(new_app) == 1 and (site / "app" / new_app.pop()).is_dir()
        context.close()


# What a page of another project on the origin can do: put its own code in front of a cached
# PyScript chunk (the page loads it with no integrity attribute) in every cache of the origin.
POISON_CACHED_CHUNKS = r"""async (poison) => {
  const poisoned = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (/\/pyscript\/core-[^/]+\.js$/.test(request.url)) {
        const genuine = await (await cache.match(request)).text();
        await cache.put(request, new Response(poison + genuine, {headers: {"Content-Type": "text/javascript"}}));
        poisoned.push(request.url);
      }
    }
  }
  return poisoned;
}"""
POISON = "globalThis.poisonedCodeRan = true;\n"


def _app_with_its_service_worker(browser, server):
    context = browser.new_context(service_workers="allow")
    app = context.new_page()
    app.goto(server.url)
    wait_ready(app)
    # Installed (the first screen's files cached), active, and answering this page's requests.
    app.evaluate("""() => navigator.serviceWorker.controller !== null || new Promise(
        (resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, {once: true}))""")
    return context, app


def test_a_cached_file_poisoned_by_another_page_of_the_origin_is_never_served(browser, tmp_path):
    site = tmp_path / "site"
    build.build(_config(tmp_path, ["ZohoCRM.users.READ"]), site)
    with build.SiteServer(site, SHARED_ORIGIN_PORT, prefix=APP_PATH) as server:
        context, app = _app_with_its_service_worker(browser, server)
        other_project = context.new_page()
        other_project.goto(server.url.replace(APP_PATH, OTHER_PROJECT_PATH))  # a 404 page, same origin
        poisoned = other_project.evaluate(POISON_CACHED_CHUNKS, POISON)
        assert poisoned

        responses = []
        app.on("response", lambda response: responses.append(response))
        app.reload()
        wait_ready(app)
        assert app.evaluate("globalThis.poisonedCodeRan") is None
        served = {response.url: response for response in responses if response.url in poisoned}
        assert set(served) == set(poisoned)
        for url, response in served.items():
            assert response.from_service_worker
            assert response.body() == (site / url.removeprefix(server.url)).read_bytes(), url
        # The worker has put the genuine file back in place of the poisoned one.
        cached = other_project.evaluate(
            "async (urls) => Promise.all(urls.map(async (url) => (await caches.match(url)).text()))", poisoned)
        assert not [text for text in cached if text.startswith(POISON)]
        context.close()


def test_a_file_the_server_too_serves_changed_is_refused(browser, tmp_path):
    site = tmp_path / "site"
    build.build(_config(tmp_path, ["ZohoCRM.users.READ"]), site)
    with build.SiteServer(site, SHARED_ORIGIN_PORT, prefix=APP_PATH) as server:
        context, app = _app_with_its_service_worker(browser, server)
        [app_files] = (site / "app").iterdir()
        # Files the first screen does not load, so that neither cache holds them yet.
        changed, unchanged = app_files / "pyodide.json", app_files / "py" / "scratch" / "worker.py"
        changed.write_text(changed.read_text().replace("pyodide.mjs", "elsewhere.mjs"))
        outcomes = app.evaluate("""async (urls) => Promise.all(urls.map(
            (url) => fetch(url).then((response) => response.text(), (error) => error.name)))""",
                                [server.url + path.relative_to(site).as_posix() for path in (changed, unchanged)])
        assert outcomes == ["TypeError", unchanged.read_text()]
        context.close()
