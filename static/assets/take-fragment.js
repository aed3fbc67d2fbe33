// First thing on the page, before anything else loads: Zoho's answer in the fragment (it may
// hold an access token) leaves the address bar and the history at once, even where Python
// cannot start. The app's Python reads it from here and does every check; this script only
// moves it out of the URL.
(() => {
  const fragment = location.hash;
  if (/(^#|&)(access_token|error|state)=/.test(fragment)) {
    history.replaceState(history.state, "", location.pathname + location.search);
    window.zohoCallbackFragment = fragment;
  }
})();
