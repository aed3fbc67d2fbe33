// The page's first script, inlined by build.py (its hash is in the CSP's script-src).
// Zoho's answer in the fragment (it may hold an access token) leaves the address bar and the
// history at once, even where Python cannot start; the app's Python reads it from here and
// does every check. In another site's frame the app does not start (main.py reads
// zohoFramed), and the class "framed" makes the CSS show only a link to open it in its own tab.
// A page that will be signed out shows its sign-in card at once (the class "first-screen");
// a click on Sign in before Python runs is kept here, once, and carried out by Python.
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
  // The names below are app/zoho/token.py's STORAGE_KEY and app/web/signin.py's pop-up windows.
  const storedSignIn = () => {
    try {
      return sessionStorage.getItem("zoho.token") !== null;
    } catch {
      return false;  // storage refused: Python keeps the sign-in in memory, so none is stored
    }
  };
  const appWindow = window.name === "zoho-renewal" || window.name === "zoho-sign-in";
  if (answered || appWindow || storedSignIn()) {
    return;  // Python decides what this page shows
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
