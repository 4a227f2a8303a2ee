/* errdocs: code-aware search queries and sortable, filterable family tables. No dependencies. */
(function () {
  "use strict";

  /* Search. Material sends {type: 2, data: query} to its lunr worker. Before it goes:
     - "-46618" -> "46618": lunr reads a leading "-" as "must not"; the index holds 46618.
     - a code-like term t becomes "t^1000 t": the exact term outranks longer codes that
       only match the prefix query material builds from the second copy (t*); a term of one or
       two characters becomes "t^1000" alone (no prefix query). */
  var QUERY = 2;
  var CODE = /^[A-Za-z0-9_.]+$/;
  var SHORTEST_PREFIX = 3;

  /* Exact spelling (a ranking fix; see CODE_FIELD in generator/site/search.py): each entry
     document has a "code" field holding one token per spelling, encoded by code_token() there and
     by errdocs-token.js here, the same way. The whole typed query, read as a spelling, is added as
     "code_…^10" (no wildcard: material leaves boosted terms alone). Only the entry spelled exactly
     so (any case) has that token, so it comes first even where the tokenizer makes spellings equal
     (-1103 and 1103 both index as 1103), drops a stop word (Other) or Han characters (其他 in the
     English index). Several words also count as a spelling without the spaces, weighed less than
     the exact one: "access denied" finds AccessDenied, "signature expired" SignatureExpired.
     Queries using lunr syntax (+a -b, a*, a~1, title:a, "a b") get no exact token. */
  var CODE_PREFIX = "code_";
  /* Chinese words (a ranking fix): material's worker cuts each Han run of the query into words
     of its index (query/segment), but never tries a word that ends at the run's last character,
     so the last word was lost: 存储桶 was searched as 存储* (storage: InvalidObjectState came
     first, not a bucket entry), 签名校验 as 签名*. One extra Han character after the run (a rare
     radical, never looked up, never part of a word) lets the last word be found whole. */
  var HAN = /\p{sc=Han}+/gu;
  var HAN_TAIL = "\u2E80";
  var SYNTAX = /[+~^:*"]|(^|\s)-(?!\d)/;

  var codeToken = self.errdocsCodeToken;  /* assets/errdocs-token.js, loaded before this file */

  /* one term without "-": one or two characters are searched exactly only. As a prefix (1*, n*)
     they match much of a large index (hundreds of ms at 50,000 entries, while the next key waits)
     and rank nothing useful. */
  function term(part) {
    if (!CODE.test(part)) { return part; }
    return part.length < SHORTEST_PREFIX ? part + "^1000" : part + "^1000 " + part;
  }

  function rewrite(query) {
    /* a colon ending a word is a header's or a label's (X-ErrNo: -46618, Error Code: X), not
       lunr's field syntax, which needs a word after it */
    query = query.replace(/([^\s:]):+(?=\s|$)/g, "$1");
    var terms = query.trim().split(/\s+/).map(function (t) {
      if (/^[+~^:*"]|[~^:*"]/.test(t.slice(1))) { return t; }
      /* lunr splits a term at "-" itself (X-ErrNo is x and errno): split it first, so that each
         part gets the rule above (X-E as x* e* matched the whole index at 50,000 entries: 10 s) */
      return t.replace(/^-(?=\d)/, "").split(/-+/).filter(Boolean).map(term).join(" ");
    }).join(" ");
    if (!SYNTAX.test(query.trim())) {
      var words = query.trim().split(/\s+/);
      terms = codeToken(query) + "^10 " + (words.length > 1 ? codeToken(words.join("")) + "^5 " : "") + terms;
    }
    return terms.replace(HAN, function (run) { return run.length > 1 ? run + HAN_TAIL : run; });
  }
  window.errdocsRewriteQuery = rewrite;

  /* Latest query wins. Material posts a query on every key release and its worker answers them
     in order, so typing 1013 queued 1*, 10*, 101* before it: on a 50,000-entry index each short
     prefix takes hundreds of milliseconds and the complete query waited for all of them. While a
     query is out, only the newest typed one is kept and sent when the answer comes (or after
     STALE ms, should an answer never come). */
  var RESULT = 3;
  var STALE = 3000;
  var post = Worker.prototype.postMessage;

  function send(worker, message, rest) {
    var state = worker.errdocsQueries;
    state.sentAt = Date.now();
    state.last = message.data;
    /* raw: the text as typed, which the worker's own ranking reads (errdocs-worker.js) */
    return post.apply(worker, [{ type: QUERY, data: rewrite(message.data), raw: message.data }].concat(rest));
  }

  Worker.prototype.postMessage = function (message) {
    var rest = [].slice.call(arguments, 1);
    if (!(message && message.type === QUERY)) {
      return post.apply(this, [message].concat(rest));
    }
    var worker = this;
    watch(worker);
    if (!(typeof message.data === "string" && message.data.trim())) {
      worker.errdocsQueries.last = "";
      return post.apply(this, [message].concat(rest));
    }
    var state = worker.errdocsQueries;
    if (state.sentAt && Date.now() - state.sentAt < STALE) {
      state.pending = { message: message, rest: rest };  /* replaces an older pending query */
      return undefined;
    }
    return send(worker, message, rest);
  };

  var searchWorker = null;  /* material's, once it has posted a query */

  function watch(worker) {
    searchWorker = worker;
    if (!worker.errdocsQueries) {
      worker.errdocsQueries = { sentAt: 0, pending: null };
      worker.addEventListener("message", function (event) {
        var state = worker.errdocsQueries;
        if (!event.data || event.data.type !== RESULT) { return; }
        state.sentAt = 0;
        offerOtherLanguage(state.last);
        if (state.pending) {
          var next = state.pending;
          state.pending = null;
          send(worker, next.message, next.rest);
        }
      });
    }
  }

  /* A query in Chinese on the English site: the line that counts the results offers the Chinese
     site's search with the same text (material opens search with ?q=). */
  var ROOT = document.currentScript.src.replace(/assets\/errdocs\.js([?#].*)?$/, "");

  function offerOtherLanguage(query) {
    var meta = document.querySelector(".md-search-result__meta");
    if (!meta || !query || document.documentElement.lang === "zh" || !/\p{sc=Han}/u.test(query)) { return; }
    var link = document.createElement("a");
    link.className = "errdocs-search-other";
    link.lang = "zh";
    link.href = ROOT + "zh/?q=" + encodeURIComponent(query.trim());
    link.textContent = "在中文站点搜索 (search the Chinese site)";
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(link);
  }

  /* Material reads the box on key release only: text pasted with the mouse, committed by an IME,
     filled in by the browser or some phone keyboards raised no search. Any input (once an IME has
     committed its text) is handed to material as a key release. */
  function followInput() {
    var box = document.querySelector("input.md-search__input");
    if (!box) { return; }
    function release() { box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true })); }
    box.addEventListener("input", function (event) { if (!event.isComposing) { release(); } });
    box.addEventListener("compositionend", release);
    /* the worker fetches its ranking's data when search is about to be used (errdocs-worker.js) */
    box.addEventListener("focus", function () {
      if (searchWorker) { post.call(searchWorker, { type: "errdocs-warm" }); }
    });
  }

  /* Family tables: filter by text and status, sort by clicking a header. */
  function setupTable(form) {
    var table = form.parentNode.querySelector("table[data-sortable]");
    if (!table) { return; }
    var body = table.tBodies[0];
    var rows = [].slice.call(body.rows);
    var text = form.querySelector("[data-filter-text]");
    var status = form.querySelector("[data-filter-status]");
    var count = form.querySelector("[data-filter-count]");
    var dropped = form.querySelector("[data-filter-dropped]");

    function apply() {
      var needle = (text.value || "").trim().toLowerCase().replace(/^-(?=\d)/, "");
      var wanted = status ? status.value : "";
      var shown = 0;
      rows.forEach(function (row) {
        var hay = (row.getAttribute("data-spellings") + " " + row.textContent).toLowerCase();
        var ok = (!needle || hay.indexOf(needle) !== -1) &&
          (!wanted || (" " + row.getAttribute("data-status") + " ").indexOf(" " + wanted + " ") !== -1) &&
          (!dropped || !dropped.checked || row.hasAttribute("data-dropped"));
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = String(shown);
      remember();
    }

    /* The filters live in the address (?filter=…&status=…): a link can open the table filtered
       ("Other entries with HTTP 409"), and a filtered table can be shared or reloaded. */
    function remember() {
      var params = new URLSearchParams(location.search);
      var pairs = [["filter", text.value.trim()], ["status", status ? status.value : ""]];
      pairs.forEach(function (pair) {
        if (pair[1]) { params.set(pair[0], pair[1]); } else { params.delete(pair[0]); }
      });
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function restore() {
      var params = new URLSearchParams(location.search);
      if (params.has("filter")) { text.value = params.get("filter"); }
      if (status && params.has("status")) {
        var wanted = params.get("status");
        var known = [].some.call(status.options, function (o) { return o.value === wanted; });
        status.value = known ? wanted : "";
      }
    }

    function sortBy(th, index) {
      var kind = th.getAttribute("data-sort");
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      [].forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      var key = function (row) {
        var value = row.cells[index].textContent.trim();
        if (!value) { return null; }
        if (kind === "number" || (kind === "code" && /^-?\d+$/.test(value))) {
          return parseFloat(value);
        }
        return value.toLowerCase();
      };
      /* an empty cell (an entry without a status) sorts last whichever the direction */
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === null || y === null) { return (x === null) - (y === null); }
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }

    text.addEventListener("input", apply);
    if (status) { status.addEventListener("change", apply); }
    if (dropped) { dropped.addEventListener("change", apply); }
    [].forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(th, index); });
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sortBy(th, index); } });
    });
    restore();
    apply();
  }

  function init() {
    followInput();
    [].forEach.call(document.querySelectorAll("form[data-errdocs-filter]"), setupTable);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
