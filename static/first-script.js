// The page's first script, inlined by build.py (its hash is in the CSP's script-src).
// Zoho's answer in the fragment (it may hold an access token) leaves the address bar and the
// history at once, even where Python cannot start; the app's Python reads it from here and
// does every check. In another site's frame the app does not start (main.py reads
// zohoFramed), and the class "framed" makes the CSS show only a link to open it in its own tab.
(() => {
  const fragment = location.hash;
  if (/(^#|&)(access_token|error|state)=/.test(fragment)) {
    history.replaceState(history.state, "", location.pathname + location.search);
    window.zohoCallbackFragment = fragment;
  }
  const framedByAnotherSite = () => {
    if (window.top === window.self) {
      return false;
    }
    try {
      return !window.top.location.href;  // readable: the parent is a page of this origin
    } catch {
      return true;  // reading the address of another origin's page throws
    }
  };
  if (framedByAnotherSite()) {
    window.zohoFramed = true;
    document.documentElement.dataset.app = "framed";
    document.documentElement.classList.add("framed");
  }
})();
