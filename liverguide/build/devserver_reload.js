// Development only: served by `make devserver` (liverguide/build/devserver.py), never written into the
// site. Asks the server which build it has every second and reloads the page when a newer
// build has been swapped in.
(function () {
  "use strict";
  var seen = null;
  function check() {
    fetch("/__devserver__/build", { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (build) {
        if (seen !== null && build !== seen) { window.location.reload(); }
        seen = build;
      })
      .catch(function () { /* server restarting: try again next time */ })
      .then(function () { window.setTimeout(check, 1000); });
  }
  check();
})();
