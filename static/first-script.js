// The page's first script, inlined by build.py (its hash is in the CSP's script-src).
// Zoho's answer in the fragment (it may hold an access token) leaves the address bar and the
// history at once, even where Python cannot start; the app's Python reads it from here and
// does every check. In another site's frame the app does not start (main.py reads
// zohoFramed), and the class "framed" makes the CSS show only a link to open it in its own tab.
// A page that will be signed out shows its sign-in card at once (the class "first-screen");
// a click on Sign in before Python runs is kept here, once, and carried out by Python. A page
// that will be signed in shows the tab's snapshot of its workspace, if any, until Python runs.
(() => {
  const root = document.documentElement;
  const fragment = location.hash;
  const answered = /(^#|&)(access_token|error|state)=/.test(fragment);
  if (answered) {
    history.replaceState(history.state, "", location.pathname + location.search);
    window.zohoCallbackFragment = fragment;
  }
  // Any ancestor of another origin counts, not only the top one: a site framed by a page of
  // this origin could otherwise frame the app.
  const framedByAnotherSite = () => {
    if (window.top === window.self) {
      return false;
    }
    const ancestors = location.ancestorOrigins;  // not in every browser (Firefox lacks it)
    if (ancestors) {
      return Array.from(ancestors).some((origin) => origin !== location.origin);
    }
    try {
      for (let ancestor = window.parent; ; ancestor = ancestor.parent) {
        if (ancestor.location.origin !== location.origin) {
          return true;
        }
        if (ancestor === window.top) {
          return false;
        }
      }
    } catch {
      return true;  // reading the address of another origin's page throws
    }
  };
  if (framedByAnotherSite()) {
    window.zohoFramed = true;
    root.dataset.app = "framed";
    root.classList.add("framed");
    return;
  }
  // MicroPython's wasm, its config and main.py are preloaded once the first frame is shown, not
  // with the page: Lighthouse's LCP estimate keeps every request that ended before the observed
  // first paint, and the wasm alone is about a second of its simulated mobile network, so a race
  // between that download and the first frame made its LCP 0.8 s or 2.7 s from run to run
  // (bench/README.md). PyScript usually asks for them later still; where it started first
  // (python-archive.js says so), it has asked for them itself, and a preload now would download
  // them again. Only a first visit waits: a page the service worker serves (a later visit) has
  // them in its cache, and a hidden tab draws no frame; they ask at once.
  let runtimePreloaded = false;
  const preloadRuntime = () => {
    if (runtimePreloaded || window.zohoPyScriptStarted) {
      return;
    }
    runtimePreloaded = true;
    for (const meta of document.querySelectorAll('meta[name="preload-after-paint"]')) {
      const preload = document.createElement("link");
      Object.assign(preload, {rel: "preload", as: "fetch", crossOrigin: "anonymous", href: meta.content});
      if (meta.dataset.type) {
        preload.type = meta.dataset.type;
      }
      document.head.append(preload);
    }
  };
  if (navigator.serviceWorker?.controller || document.visibilityState === "hidden"
      || !PerformanceObserver.supportedEntryTypes?.includes("paint")) {
    preloadRuntime();
  } else {
    new PerformanceObserver(preloadRuntime).observe({type: "paint", buffered: true});
    setTimeout(preloadRuntime, 1000);  // a frame that never comes (a browser that reports none)
  }
  // The names below are app/zoho/token.py's STORAGE_KEY and app/web/signin.py's pop-up windows.
  const storedSignIn = () => {
    try {
      return sessionStorage.getItem("zoho.token") !== null;
    } catch {
      return false;  // storage refused: Python keeps the sign-in in memory, so none is stored
    }
  };
  // A page that will be signed in makes its views at once: their archive (unpacked by
  // python-archive.js) is asked for now, beside the page's own files; else when first needed.
  if (storedSignIn() || /(^#|&)access_token=/.test(fragment)) {
    const preload = document.createElement("link");
    Object.assign(preload, {rel: "preload", as: "fetch", crossOrigin: "anonymous", id: "views-archive",
                            href: document.querySelector('meta[name="views-archive"]').content});
    document.head.append(preload);
  }
  // The workspace's snapshot: app/zoho/snapshot.py makes it and says what it holds; anything
  // not exactly of its shape is ignored (and removed). It is shown as text, never as markup,
  // inert and marked (data-paint="cache") until Python takes over (app/web/page.py).
  const PAINT_KEY = "zoho.paint";
  const VIEWS = ["records", "query", "console", "notebook"];
  const readSnapshot = () => {
    let data = null;
    try {
      data = JSON.parse(sessionStorage.getItem(PAINT_KEY));
    } catch {
      data = null;
    }
    const text = (value) => typeof value === "string" && [...value].length <= 200;  // code points, as the core counts them
    const texts = (value, most) => Array.isArray(value) && value.length <= most && value.every(text);
    const keys = (value, names) => value !== null && typeof value === "object" && !Array.isArray(value)
      && Object.keys(value).sort().join() === [...names].sort().join();
    const valid = keys(data, ["v", "view", "search", "header", "modules", "title", "head", "rows"])
      && data.v === 1 && VIEWS.includes(data.view)
      && typeof data.search === "string" && data.search.length <= 2000 && !data.search.includes("#")
      && (data.search === "" || data.search.startsWith("?"))
      && keys(data.header, ["user", "org", "dc"]) && Object.values(data.header).every(text)
      && texts(data.modules, 100) && text(data.title) && texts(data.head, 20)
      && Array.isArray(data.rows) && data.rows.length <= 50 && data.rows.every((row) => texts(row, data.head.length));
    if (!valid && data !== null) {
      try {
        sessionStorage.removeItem(PAINT_KEY);
      } catch {}
    }
    return valid ? data : null;
  };
  const paintSnapshot = (snapshot) => {
    const part = (testid) => document.querySelector(`[data-testid="${testid}"]`);
    const make = (tag, text) => {
      const node = document.createElement(tag);
      node.textContent = text;
      return node;
    };
    // Each change is marked, so Python undoes exactly these (app/web/page.py).
    const fill = (element, ...nodes) => {
      element.replaceChildren(...nodes);
      element.setAttribute("data-snapshot", "");
    };
    const reveal = (element) => {
      if (element.hidden) {
        element.hidden = false;
        element.setAttribute("data-snapshot-shown", "");
      }
    };
    fill(part("current-user"), snapshot.header.user);
    fill(part("org-name"), snapshot.header.org);
    fill(part("data-centre-name"), snapshot.header.dc);
    const link = part("nav-" + snapshot.view);
    link.setAttribute("aria-current", "page");
    link.setAttribute("data-snapshot-current", "");
    for (const element of [document.getElementById("session"), document.getElementById("views-nav")]) {
      reveal(element);
    }
    if (snapshot.search === location.search) {  // the same place: its view too
      reveal(document.querySelector(`section[data-view="${snapshot.view}"]`));
      if (snapshot.view === "records") {
        fill(part("modules"), ...snapshot.modules.map((name) => {
          const item = document.createElement("li");
          item.append(make("button", name));
          item.lastChild.className = "link";
          return item;
        }));
        if (snapshot.head.length) {
          reveal(document.getElementById("records-area"));
          fill(part("module-title"), snapshot.title);
          const head = document.createElement("tr");
          head.append(...snapshot.head.map((heading) => make("th", heading)));
          const body = snapshot.rows.map((row) => {
            const line = document.createElement("tr");
            line.append(...row.map((cell, at) => {
              const node = make("td", cell);
              node.setAttribute("data-label", snapshot.head[at]);
              return node;
            }));
            return line;
          });
          const thead = document.createElement("thead");
          const tbody = document.createElement("tbody");
          thead.append(head);
          tbody.append(...body);
          fill(part("records"), thead, tbody);
        }
      }
    }
    for (const element of [document.querySelector("main"), document.getElementById("session"),
                           document.getElementById("views-nav")]) {
      element.inert = true;
      element.setAttribute("aria-busy", "true");
      element.setAttribute("data-snapshot-inert", "");
    }
    root.dataset.paint = "cache";
    performance.mark("zoho: snapshot painted");
  };
  const appWindow = window.name === "zoho-renewal" || window.name === "zoho-sign-in";
  if (answered || appWindow) {
    return;  // Python decides what this page shows
  }
  if (storedSignIn()) {
    // Python decides what this page shows; until it runs, the workspace as this tab last showed
    // it (app/zoho/snapshot.py), once the page is parsed and before the page's modules run.
    const snapshot = readSnapshot();
    if (snapshot) {
      document.addEventListener("readystatechange", () => paintSnapshot(snapshot), {once: true});
    }
    return;
  }
  root.classList.add("first-screen");
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element && event.target.closest('[data-testid="sign-in"]');
    if (!button || !root.classList.contains("first-screen")) {
      return;
    }
    event.stopImmediatePropagation();  // Python's own handler, if attached already, waits its turn
    if (!window.zohoSignInClicked) {
      window.zohoSignInClicked = true;
      button.dataset.label = button.textContent;
      button.textContent = "Getting ready…";
      button.setAttribute("aria-busy", "true");
    }
  }, true);
})();
