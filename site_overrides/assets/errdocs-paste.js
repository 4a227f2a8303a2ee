/* errdocs: "Paste an error". Finds the error codes and request/trace ids in pasted text and
   explains them from api/v1/lookup.<lang>.json (fetched once, a static file; the pasted text is
   never sent anywhere). Pasted text is data: it reaches the page through textContent only. */
(function () {
  "use strict";

  /* Where a code is expected: <Code>X</Code>, X-ErrNo: X, "code": X, 'Code': 'X', errno=X,
     Error Code: X, ErrorCode=X ... "Status Code" / "http code" name an HTTP status, not a code. */
  var XML_CODE = /<\s*((?:error)?code)\s*>\s*([^<\n]{1,100}?)\s*<\s*\/\s*\1\s*>/gi;
  var KEY_VALUE = new RegExp(
    "(^|[^A-Za-z0-9_])(x-errno|x-err-no|errno|err[_-]?no|err[_-]?code|error[ _-]?code|ret[_-]?code|" +
    "status[ _-]?code|http[ _-]?code|code)[\"']?\\s*[:=]\\s*" +
    "(?:\"([^\"\\n]{1,100})\"|'([^'\\n]{1,100})'|(-?\\d+)(?!\\w|\\.\\d)|([A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*))",
    "gi");
  /* Anywhere in the text: compound codes (NoSuchKey), whole tokens only. */
  var TOKEN = /[A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*/g;
  /* x-cos-request-id: V, <RequestId>V</RequestId>, "RequestId":"V", 'traceid': 'V', Trace ID: V ... */
  var IDS = /(?:x-(?:cos|ci)-)?(request|trace)[ _-]?id["']?\s*(?:[:=>])\s*["']?([A-Za-z0-9+\/=_-]{6,200})/gi;

  function lower(s) { return String(s).trim().toLowerCase(); }

  /* -> {codes: [{spelling, keys, index}], requestIds: [...], traceIds: [...]}, in order of appearance. */
  function extract(text, index) {
    var spellings = index.spellings, anywhere = {}, found = [], seen = {};
    (index.anywhere || []).forEach(function (s) { anywhere[s] = true; });
    text = String(text || "");

    function keysOf(value) {
      var v = lower(value);
      if (Object.prototype.hasOwnProperty.call(spellings, v)) { return [v, spellings[v]]; }
      if (/^\d+$/.test(v) && Object.prototype.hasOwnProperty.call(spellings, "-" + v)) {
        return ["-" + v, spellings["-" + v]];
      }
      return null;
    }
    function add(value, at, hit) {
      hit = hit || keysOf(value);
      if (!hit || Object.prototype.hasOwnProperty.call(seen, hit[0])) { return !!hit; }
      seen[hit[0]] = true;
      found.push({ spelling: String(value).trim(), keys: hit[1], index: at });
      return true;
    }

    var m;
    XML_CODE.lastIndex = 0;
    while ((m = XML_CODE.exec(text))) { add(m[2], m.index); }
    KEY_VALUE.lastIndex = 0;
    while ((m = KEY_VALUE.exec(text))) {
      if (/^(status|http)/i.test(m[2])) { continue; }
      var value = m[3] || m[4] || m[5] || m[6];
      add(value, m.index + m[1].length);
    }
    var offset = 0;
    text.split("\n").forEach(function (line) {
      if (line.trim()) { add(line, offset + line.length - line.replace(/^\s+/, "").length); }
      offset += line.length + 1;
    });
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text))) {
      var parts = [m[0]].concat(m[0].indexOf(".") !== -1 ? m[0].split(".") : []);
      for (var i = 0; i < parts.length; i += 1) {
        var hit = keysOf(parts[i]);
        if (hit && anywhere[hit[0]]) { add(parts[i], m.index, hit); break; }
      }
    }
    found.sort(function (a, b) { return a.index - b.index; });

    var requestIds = [], traceIds = [];
    IDS.lastIndex = 0;
    while ((m = IDS.exec(text))) {
      var list = lower(m[1]) === "trace" ? traceIds : requestIds;
      if (list.indexOf(m[2]) === -1) { list.push(m[2]); }
    }
    return { codes: found, requestIds: requestIds, traceIds: traceIds };
  }
  window.errdocsExtract = extract;

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
    var input = root.querySelector("[data-paste-input]");
    var state = root.querySelector("[data-paste-state]");
    var results = root.querySelector("[data-paste-results]");
    var idBox = root.querySelector("[data-paste-ids]");
    var idList = root.querySelector("[data-paste-id-list]");
    var siteRoot = root.getAttribute("data-site-root") || "./";
    var index = null;

    function card(entryKey, spelling) {
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
      if (lower(spelling) !== lower(e.code)) {
        box.appendChild(el("p", label("pasted") + ": " + spelling, "errdocs-muted"));
      }
      var facts = el("dl", null, "errdocs-facts");
      if (e.statuses.length) {
        facts.appendChild(el("dt", label("status")));
        var dd = el("dd");
        e.statuses.forEach(function (c, i) {
          if (i) { dd.appendChild(document.createTextNode("; ")); }
          dd.appendChild(el("span", String(c.status), "errdocs-status"));
          if (c.when) { dd.appendChild(el("span", " " + label("when") + ": " + c.when, "errdocs-when")); }
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
      open.href = link.href;
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
      var out = extract(text, index);
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
      state.textContent = out.codes.length ? label("found") + ": " + out.codes.length : label("none");
      var shown = {};
      out.codes.forEach(function (hit) {
        hit.keys.forEach(function (k) {
          if (!shown[k]) { shown[k] = true; results.appendChild(card(k, hit.spelling)); }
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
