/* errdocs: code-aware search queries and sortable, filterable family tables. No dependencies. */
(function () {
  "use strict";

  /* Search. Material sends {type: 2, data: query} to its lunr worker. Before it goes:
     - "-46618" -> "46618": lunr reads a leading "-" as "must not"; the index holds 46618.
     - a code-like term t becomes "t^1000 t": the exact term outranks longer codes that
       only match the prefix query material builds from the second copy (t*). */
  var QUERY = 2;
  var CODE = /^[A-Za-z0-9_.]+$/;

  function rewrite(query) {
    return query.trim().split(/\s+/).map(function (term) {
      if (/^[+~^:*"]|[~^:*"]/.test(term.slice(1))) { return term; }
      var bare = term.replace(/^-(?=\d)/, "");
      return CODE.test(bare) ? bare + "^1000 " + bare : bare;
    }).join(" ");
  }
  window.errdocsRewriteQuery = rewrite;

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string" && message.data.trim()) {
      message = { type: QUERY, data: rewrite(message.data) };
    }
    return post.apply(this, [message].concat([].slice.call(arguments, 1)));
  };

  /* Family tables: filter by text and status, sort by clicking a header. */
  function setupTable(form) {
    var table = form.parentNode.querySelector("table[data-sortable]");
    if (!table) { return; }
    var body = table.tBodies[0];
    var rows = [].slice.call(body.rows);
    var text = form.querySelector("[data-filter-text]");
    var status = form.querySelector("[data-filter-status]");
    var count = form.querySelector("[data-filter-count]");

    function apply() {
      var needle = (text.value || "").trim().toLowerCase().replace(/^-(?=\d)/, "");
      var wanted = status ? status.value : "";
      var shown = 0;
      rows.forEach(function (row) {
        var hay = (row.getAttribute("data-spellings") + " " + row.textContent).toLowerCase();
        var ok = (!needle || hay.indexOf(needle) !== -1) &&
          (!wanted || (" " + row.getAttribute("data-status") + " ").indexOf(" " + wanted + " ") !== -1);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = String(shown);
    }

    function sortBy(th, index) {
      var kind = th.getAttribute("data-sort");
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      [].forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      var key = function (row) {
        var value = row.cells[index].textContent.trim();
        if (kind === "number" || (kind === "code" && /^-?\d+$/.test(value))) {
          return parseFloat(value) || 0;
        }
        return value.toLowerCase();
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }

    text.addEventListener("input", apply);
    if (status) { status.addEventListener("change", apply); }
    [].forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(th, index); });
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sortBy(th, index); } });
    });
    apply();
  }

  function init() {
    [].forEach.call(document.querySelectorAll("form[data-errdocs-filter]"), setupTable);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
