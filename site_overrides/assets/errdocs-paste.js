/* errdocs: "Paste an error". Finds the error codes and request/trace ids in pasted text and
   explains them from api/v1/lookup.<lang>.json (fetched once, a static file; the pasted text is
   never sent anywhere). Pasted text is data: it reaches the page through textContent only. */
(function () {
  "use strict";

  function lower(s) { return String(s).trim().toLowerCase(); }

  /* Upstream text: plain text, `code` spans and http(s) links, built with DOM calls only. */
  var SEGMENT = /\[([^\]\n]+)\]\(\s*([^)\s]+)\s*\)|`([^`\n]+)`/g;
  function appendText(parent, text) {
    var pos = 0, m;
    SEGMENT.lastIndex = 0;
    while ((m = SEGMENT.exec(text))) {
      if (m.index > pos) { parent.appendChild(document.createTextNode(text.slice(pos, m.index))); }
      if (m[3] !== undefined) {
        parent.appendChild(el("code", m[3]));
      } else if (/^https?:\/\//i.test(m[2])) {
        var a = el("a", m[1]);
        a.href = m[2];
        a.rel = "noopener noreferrer";
        a.target = "_blank";
        parent.appendChild(a);
      } else {
        parent.appendChild(document.createTextNode(m[0]));
      }
      pos = SEGMENT.lastIndex;
    }
    if (pos < text.length) { parent.appendChild(document.createTextNode(text.slice(pos))); }
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function setup(root) {
    var label = function (name) { return root.getAttribute("data-label-" + name) || ""; };
    var colon = root.getAttribute("data-label-colon") || ": ";  /* "：" on Chinese pages */
    var input = root.querySelector("[data-paste-input]");
    var state = root.querySelector("[data-paste-state]");
    var results = root.querySelector("[data-paste-results]");
    var idBox = root.querySelector("[data-paste-ids]");
    var idList = root.querySelector("[data-paste-id-list]");
    var siteRoot = root.getAttribute("data-site-root") || "./";
    var index = null;
    /* Troubleshooting cases (templates/_case.j2): a pasted code and message together lead to the one
       case that answers them, on its entry page. Longest message first: the most specific wins. */
    var caseData = document.querySelector("[data-paste-cases]");  /* beside the box, not in it */
    var cases = caseData ? JSON.parse(caseData.textContent) : [];
    cases.forEach(function (c) { c.re = new RegExp(c.pattern, "i"); });
    cases.sort(function (a, b) { return b.message.length - a.message.length; });

    function unescapeXml(text) {
      return text.replace(/&apos;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    }

    function caseFor(entryKey, text) {
      for (var i = 0; i < cases.length; i++) {
        if (cases[i].key === entryKey && cases[i].re.test(text)) { return cases[i]; }
      }
      return null;
    }

    function card(entryKey, spelling, found) {
      var e = index.entries[entryKey];
      var box = el("article", null, "errdocs-paste-entry");
      box.setAttribute("data-key", entryKey);
      var head = el("h3");
      var link = el("a");
      link.href = siteRoot + e.url;
      link.appendChild(el("code", e.code));
      head.appendChild(link);
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", index.families[e.family] || e.family, "errdocs-muted"));
      box.appendChild(head);
      if (found) {
        link.href = siteRoot + e.url + "#" + found.anchor;  /* straight to the case */
        var match = el("p", null, "errdocs-paste-case");
        match.setAttribute("data-case", found.anchor);
        match.appendChild(el("strong", label("case") + " "));
        match.appendChild(el("code", found.message));
        match.appendChild(document.createTextNode(" "));
        var go = el("a", label("open-case"));
        go.href = link.href;
        match.appendChild(go);
        box.appendChild(match);
      }
      if (lower(spelling) !== lower(e.code)) {
        box.appendChild(el("p", label("pasted") + colon + spelling, "errdocs-muted"));
      }
      var facts = el("dl", null, "errdocs-facts");
      if (e.statuses.length) {
        facts.appendChild(el("dt", label("status")));
        var dd = el("dd");
        e.statuses.forEach(function (c, i) {
          if (i) { dd.appendChild(document.createTextNode("; ")); }
          dd.appendChild(el("span", String(c.status), "errdocs-status"));
          if (c.when) { dd.appendChild(el("span", " " + label("when") + colon + c.when, "errdocs-when")); }
        });
        facts.appendChild(dd);
      }
      ["description", "action", "message"].forEach(function (kind) {
        if (!Object.prototype.hasOwnProperty.call(e.texts, kind)) { return; }
        facts.appendChild(el("dt", label(kind)));
        var d = el("dd", null, "errdocs-text-" + kind);
        appendText(d, e.texts[kind]);
        if (e.unofficial.indexOf(kind) !== -1) {
          d.appendChild(document.createTextNode(" "));
          d.appendChild(el("span", label("unofficial"), "errdocs-unofficial"));
        }
        facts.appendChild(d);
      });
      if (e.names.length) {
        facts.appendChild(el("dt", label("names")));
        facts.appendChild(el("dd", e.names.join(", ")));
      }
      box.appendChild(facts);
      var more = el("p");
      var open = el("a", label("open"));
      open.href = siteRoot + e.url;
      more.appendChild(open);
      box.appendChild(more);
      return box;
    }

    function show() {
      results.textContent = "";
      idList.textContent = "";
      var text = input.value;
      if (!text.trim()) { state.textContent = ""; idBox.hidden = true; return; }
      if (!index) { return; }
      var out = window.errdocsExtract(text, index);  /* assets/errdocs-extract.js, shared with search */
      [["request", out.requestIds], ["trace", out.traceIds]].forEach(function (pair) {
        pair[1].forEach(function (id) {
          idList.appendChild(el("dt", label(pair[0])));
          var dd = el("dd");
          dd.appendChild(el("code", id));
          dd.setAttribute("data-id-kind", pair[0]);
          idList.appendChild(dd);
        });
      });
      idBox.hidden = !(out.requestIds.length || out.traceIds.length);
      state.textContent = out.codes.length ? label("found") + colon + out.codes.length : label("none");
      var shown = {};
      var plain = unescapeXml(text);
      out.codes.forEach(function (hit) {
        hit.keys.forEach(function (k) {
          if (!shown[k]) { shown[k] = true; results.appendChild(card(k, hit.spelling, caseFor(k, plain))); }
        });
      });
    }

    input.addEventListener("input", show);
    state.textContent = label("loading");
    fetch(root.getAttribute("data-lookup"), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (data) {
        index = data;
        root.setAttribute("data-ready", "");
        state.textContent = "";
        show();
      })
      .catch(function () { state.textContent = label("unavailable"); });
  }

  function init() {
    [].forEach.call(document.querySelectorAll("[data-errdocs-paste]"), setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
