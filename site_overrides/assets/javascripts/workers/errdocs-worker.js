/* errdocs: material's search worker with errdocs' ranking around it (main.html points material's
   "search" setting here, ?lang=en|zh). Material's own worker script runs unchanged inside; every
   query the page posts ({type: 2, data: the lunr query errdocs.js rewrote, raw: as typed}) is
   answered by lunr and then by errdocs-search.js, which puts the entries it ranks for the raw
   text first; a query that surely names entries (a code, a phrase of their text) is answered
   without lunr. Answers leave the worker already merged, so every listener in the page
   (material's result list, and anything else) sees one answer per query, in order.
   The ranking's data is fetched when the search box first gets focus ({type: WARM}) or the first
   query comes, not on every page load: most pages are read, not searched from. */
(function () {
  "use strict";

  var SETUP = 0, QUERY = 2, RESULT = 3, WARM = "errdocs-warm";
  var lang = new URL(self.location.href).searchParams.get("lang") === "zh" ? "zh" : "en";
  var root = new URL("../../../", self.location.href).href;  /* assets/javascripts/workers/ */
  importScripts(root + "assets/errdocs-token.js", root + "assets/errdocs-extract.js",
                root + "assets/errdocs-search.js");

  var search = null;
  function ranking() { return search || (search = self.errdocsSearch(lang, root)); }

  /* Entry documents come without what the build can derive (generator/site/search.py, _compact):
     the "<code>CODE</code> " their text opens with (CODE opens the title, before " · ") and the
     "code" field, one code_token() per tag (a spelling, HTML-escaped by material). Restored
     here, before material's handler builds the lunr index, so lunr indexes what it always did. */
  var ENTITY = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };
  function unescape(text) { return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, function (e) { return ENTITY[e]; }); }
  function restore(docs) {
    docs.forEach(function (doc) {
      if (doc.location.indexOf("#") >= 0 || !(doc.tags && doc.tags.length)) { return; }
      doc.text = "<code>" + doc.title.split(" \u00b7 ")[0] + "</code> " + doc.text;
      doc.code = doc.tags.map(function (tag) { return self.errdocsCodeToken(unescape(tag)); }).join(" ");
    });
  }

  var asked = [];       /* raw texts of the queries lunr is answering, oldest first */
  var sent = Promise.resolve();
  self.addEventListener("message", function (event) {
    var type = event.data && event.data.type;
    if (type === SETUP && event.data.data && event.data.data.docs) { restore(event.data.data.docs); return; }
    if (type === WARM) {
      event.stopImmediatePropagation();  /* ours: material's handler never sees it */
      ranking();
      return;
    }
    if (type !== QUERY) { return; }
    var query = String(event.data.raw || "");
    var started = performance.now();
    var ranked = query.trim() ? ranking().sure(query) : null;
    if (!ranked) { asked.push(query); return; }
    event.stopImmediatePropagation();  /* material's handler, registered after this one, skips it */
    sent = sent.then(function () {
      var data = search.engine.answer(query, { items: [] }, ranked);
      data.errdocsMs = performance.now() - started;
      post({ type: RESULT, data: data });
    });
  });

  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (!(message && message.type === RESULT)) { return post(message); }
    var query = asked.shift() || "";
    var started = performance.now();
    sent = sent
      .then(function () { return query.trim() ? ranking().answer(query, message.data) : message.data; })
      .then(function (data) {
        data.errdocsMs = performance.now() - started;
        post({ type: RESULT, data: data });
      }, function () { post(message); });
    return undefined;
  };

  importScripts(root + "assets/javascripts/workers/search.a7633da7.min.js");
})();
