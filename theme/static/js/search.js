/* Site search, run in the browser from the index built with the site (search-index.js sets
   window.SEARCH_INDEX). Nothing is fetched, so it works from file:// as well as on a server.
   Without JavaScript the search page lists every page; this script swaps that list for results. */
(function () {
  "use strict";

  var SNIPPET_BEFORE = 60;
  var SNIPPET_LENGTH = 220;

  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var listTitle = document.getElementById("search-list-title");
  var input = document.getElementById("search-q");
  if (!list || !status || !input || !window.lunr || !window.SEARCH_INDEX) {
    return;
  }

  var index = window.lunr.Index.load(window.SEARCH_INDEX.index);
  var docs = window.SEARCH_INDEX.docs;
  var root = list.getAttribute("data-site-root") || ".";

  // The reader's words become lunr clauses directly: typed text is never parsed as lunr query
  // syntax, where "HAI: pump" or "5-FU" would be an error instead of a search.
  function words(text) {
    return window.lunr.tokenizer(text).map(function (token) {
      return token.toString();
    }).filter(function (word) {
      return word && window.lunr.stopWordFilter(word) !== undefined;
    });
  }

  function search(text) {
    var terms = words(text);
    if (!terms.length) {
      return [];
    }
    return index.query(function (query) {
      terms.forEach(function (term) {
        query.term(term, { boost: 10 });
        // Half-typed words ("abla") still find "ablation".
        if (term.length >= 3) {
          query.term(term, { usePipeline: false, wildcard: window.lunr.Query.wildcard.TRAILING });
        }
      });
    });
  }

  function indexTerm(token) {
    var trimmed = window.lunr.trimmer(token.clone());
    return trimmed ? window.lunr.stemmer(trimmed).toString() : "";
  }

  // The stretches of `text` whose index term is one the result matched.
  function matches(text, matched) {
    return window.lunr.tokenizer(text).filter(function (token) {
      return matched[indexTerm(token)];
    }).map(function (token) {
      var position = token.metadata.position;
      return { start: position[0], end: position[0] + position[1] };
    });
  }

  function snippet(text, matched) {
    var found = matches(text, matched);
    var start = found.length ? Math.max(0, found[0].start - SNIPPET_BEFORE) : 0;
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    // Whole words only at the cut ends.
    if (start > 0) {
      start = text.indexOf(" ", start) + 1;
    }
    if (end < text.length) {
      end = Math.max(text.lastIndexOf(" ", end), start);
    }
    var paragraph = document.createElement("p");
    paragraph.className = "search-snippet";
    var cursor = start;
    if (start > 0) {
      paragraph.appendChild(document.createTextNode("… "));
    }
    found.forEach(function (match) {
      if (match.start < cursor || match.end > end) {
        return;
      }
      paragraph.appendChild(document.createTextNode(text.slice(cursor, match.start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(match.start, match.end);
      paragraph.appendChild(mark);
      cursor = match.end;
    });
    paragraph.appendChild(document.createTextNode(text.slice(cursor, end) + (end < text.length ? " …" : "")));
    return paragraph;
  }

  function render(query, results) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    results.forEach(function (result) {
      var doc = docs[result.ref];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + "/" + doc.url;
      link.textContent = doc.title;
      item.appendChild(link);
      item.appendChild(snippet(doc.text, result.matchData.metadata));
      list.appendChild(item);
    });
    listTitle.textContent = "Results for “" + query + "”";
    status.textContent = results.length === 0
      ? "No pages found for “" + query + "”. Try another word, or browse all topics from the home page."
      : results.length + (results.length === 1 ? " page" : " pages") + " found for “" + query + "”.";
  }

  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  if (query) {
    input.value = query;
    render(query, search(query));
  }
}());
