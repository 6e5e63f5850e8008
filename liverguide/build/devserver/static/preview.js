// Development only: served by `make devserver` (liverguide/build/devserver/server.py) from its own
// address, never written into the site. Listens to the server's event stream: after a good build
// the page reloads; after a broken one the problems (file, line, message) are shown over this page,
// the last good version, until a build succeeds.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="devserver-build"]');
  var shown = meta ? meta.getAttribute("content") : null;  // the build this page comes from
  var panel = null;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function show(problems) {
    hide();
    panel = element("section", "devserver-problems");
    panel.id = "devserver-problems";
    panel.setAttribute("role", "alert");
    panel.setAttribute("aria-labelledby", "devserver-problems-title");
    var title = element("h2", "", problems.length === 1 ? "The build stopped: 1 problem"
                                                         : "The build stopped: " + problems.length + " problems");
    title.id = "devserver-problems-title";
    panel.appendChild(title);
    var list = element("ul");
    problems.forEach(function (problem) {
      var item = element("li");
      if (problem.file) {
        item.appendChild(element("code", "devserver-where", problem.file + (problem.line ? ":" + problem.line : "")));
      }
      item.appendChild(element("span", "devserver-message", problem.message));
      list.appendChild(item);
    });
    panel.appendChild(list);
    panel.appendChild(element("p", "", "Below is the last version that built. Fix the line and save: " +
                                       "this page reloads by itself."));
    document.body.insertBefore(panel, document.body.firstChild);
  }

  function hide() {
    if (panel) { panel.parentNode.removeChild(panel); panel = null; }
  }

  var events = new EventSource("/__devserver__/events");
  events.onopen = function () { document.documentElement.setAttribute("data-devserver", "listening"); };
  events.onmessage = function (event) {
    var state = JSON.parse(event.data);
    if (shown !== null && String(state.build) !== shown) {
      window.location.reload();
      return;
    }
    shown = String(state.build);
    if (state.problems.length) { show(state.problems); } else { hide(); }
  };
})();
