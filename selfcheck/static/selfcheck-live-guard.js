/* The live site's REPL runs, by itself, the code its address carries (?code=…). Only the
   course's own live quiz may run that way: any other code in the address is dropped before
   JupyterLite reads it, so a link from elsewhere cannot start a program on the course's site,
   where the learner's answers and learning record are kept. (Code the reader types into the
   REPL still runs: that is the reader's own doing.) tools/lite.py loads this script first in
   lite/repl/index.html; selfcheck/sphinx_ext/live_site.py writes the code it allows. */
(function () {
  "use strict";

  // live_code() in live_site.py, for a quiz id of core/model.py's ID_FORMAT.
  var ALLOWED = /^from selfcheck\.live import quiz\nquiz\("[a-z0-9]+(?:-[a-z0-9]+)*"\)$/;

  /* The query without its code, or null when it may stay as it is. */
  function cleanedQuery(search) {
    var params = new URLSearchParams(search);
    var codes = params.getAll("code");
    if (codes.length === 0 || (codes.length === 1 && ALLOWED.test(codes[0]))) return null;
    params.delete("code");
    return params.toString();
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { ALLOWED: ALLOWED, cleanedQuery: cleanedQuery };
    return;
  }
  var query = cleanedQuery(window.location.search);
  if (query !== null) {
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }
})();
