/* errdocs: finds error codes and request/trace ids in text as users paste it (an XML error body,
   response headers, an SDK's JSON error or exception string, a log line). One extractor for the
   paste page (errdocs-paste.js) and the site search (errdocs-search.js, in the search worker): both
   call self.errdocsExtract(text, index) with index = api/v1/lookup.<lang>.json ({spellings, anywhere}).
   Also the messages such text carries (<Message>X</Message>, "message": "X", ErrorMessage=X): the
   search ranks entries by those words rather than by the markup around them. */
(function () {
  "use strict";

  /* Where a code is expected: <Code>X</Code>, X-ErrNo: X, "code": X, 'Code': 'X', errno=X,
     Error Code: X, ErrorCode=X, 错误码: X ... "Status Code" / "http code" name an HTTP status, not a code. */
  var XML_CODE = /<\s*((?:error)?code)\s*>\s*([^<\n]{1,100}?)\s*<\s*\/\s*\1\s*>/gi;
  var CODE_KEYS = "x-errno|x-err-no|errno|err[_-]?no|err[_-]?code|error[ _-]?code|ret[_-]?code|" +
    "错误码|错误代码|错误编码|返回码";
  var KEY_VALUE = new RegExp(
    "(^|[^A-Za-z0-9_])(" + CODE_KEYS + "|status[ _-]?code|http[ _-]?code|code)[\"']?\\s*[:=]\\s*" +
    "(?:\"([^\"\\n]{1,100})\"|'([^'\\n]{1,100})'|([^\\s\"'<>,;&][^\\n\"'<>,;&]{0,99}))",
    "gi");
  /* The same names followed by a space only (errno -46618, Error Code NoSuchKey, as typed into a
     search box or left by a log format): the one word after it. Not after a bare "code", which
     prose puts before any word. */
  var KEY_SPACE = new RegExp("(^|[^A-Za-z0-9_])(" + CODE_KEYS + ")\\s+([-\\w.]{1,100})", "gi");
  /* An unquoted value runs to the end of its clause and may hold spaces (X-ErrNo: Request has
     expired) or any script (Error Code: 其他): its longest run of leading words that is a spelling
     is the code, each run tried as written and without the punctuation that may follow it. */
  var MAX_WORDS = 8;
  var TRAILING = /[\p{P}\p{S}]+$/u;
  /* Where a message is: <Message>X</Message>, "message": "X", 'message': 'X', Message: X,
     ErrorMessage=X, errmsg=X, msg: X ... An unquoted value ends at the line's end, ; & < > or the
     next ", Key:" (Go's "(Message: X, RequestId: Y)"). */
  var XML_MESSAGE = /<\s*((?:error)?message|err[_-]?msg|msg)\s*>\s*([^<]{1,500}?)\s*<\s*\/\s*\1\s*>/gi;
  var KEY_MESSAGE = new RegExp(
    "(^|[^A-Za-z0-9_])((?:error|err)?[ _-]?(?:message|msg))[\"']?\\s*[:=]\\s*" +
    "(?:\"((?:[^\"\\\\\\n]|\\\\.){1,500})\"|'([^'\\n]{1,500})'|([^\\s\"'<>;&][^\\n<>;&]{0,499}))",
    "gi");
  var NEXT_KEY = /,\s*[A-Za-z][\w -]{0,30}[:=]|\)\s*$/;
  /* Anywhere in the text: compound codes (NoSuchKey), whole tokens only. */
  var TOKEN = /[A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*/g;
  /* x-cos-request-id: V, <RequestId>V</RequestId>, "RequestId":"V", 'traceid': 'V', Trace ID: V ... */
  var IDS = /(?:x-(?:cos|ci)-)?(request|trace)[ _-]?id["']?\s*(?:[:=>])\s*["']?([A-Za-z0-9+\/=_-]{6,200})/gi;

  /* Chinese input methods type full-width punctuation (错误码：-46618, “code”：“X”): read as
     ASCII, one character for one, so that positions in the text stay those of the original. */
  var QUOTES = { "\u201C": "\"", "\u201D": "\"", "\u2018": "'", "\u2019": "'" };
  function halfWidth(text) {
    return text.replace(/[\uFF01-\uFF5E\u201C\u201D\u2018\u2019]/g, function (c) {
      return QUOTES[c] || String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    });
  }

  function lower(s) { return String(s).trim().toLowerCase(); }

  /* -> {codes: [{spelling, keys, index, where}], requestIds: [...], traceIds: [...], messages: [...]}, in order of
     appearance; where: "xml", "key" (X-ErrNo:, errno=, "code": ...), "line" (alone on a line) or
     "anywhere" (a compound code inside other text). */
  function extract(text, index) {
    var spellings = index.spellings, anywhere = {}, found = [], seen = {};
    (index.anywhere || []).forEach(function (s) { anywhere[s] = true; });
    text = halfWidth(String(text || ""));

    function keysOf(value) {
      var v = lower(value);
      if (Object.prototype.hasOwnProperty.call(spellings, v)) { return [v, spellings[v]]; }
      if (/^\d+$/.test(v) && Object.prototype.hasOwnProperty.call(spellings, "-" + v)) {
        return ["-" + v, spellings["-" + v]];
      }
      return null;
    }
    function add(value, at, where, hit) {
      hit = hit || keysOf(value);
      if (!hit || Object.prototype.hasOwnProperty.call(seen, hit[0])) { return !!hit; }
      seen[hit[0]] = true;
      found.push({ spelling: String(value).trim(), keys: hit[1], index: at, where: where });
      return true;
    }

    var m;
    XML_CODE.lastIndex = 0;
    while ((m = XML_CODE.exec(text))) { add(m[2], m.index, "xml"); }
    KEY_VALUE.lastIndex = 0;
    while ((m = KEY_VALUE.exec(text))) {
      /* the next key may stand inside an unquoted value (Status Code: 403 Error Code: NoSuchKey) */
      if (m[5]) { KEY_VALUE.lastIndex = m.index + m[0].length - m[5].length; }
      if (/^(status|http)/i.test(m[2])) { continue; }
      var at = m.index + m[1].length;
      if (m[3] || m[4]) { add(m[3] || m[4], at, "key"); continue; }
      var words = m[5].trim().split(/\s+/).slice(0, MAX_WORDS), n;
      for (n = words.length; n > 0; n -= 1) {
        var run = words.slice(0, n).join(" "), bare = run.replace(TRAILING, "");
        if (keysOf(run) ? add(run, at, "key") : bare && add(bare, at, "key")) { break; }
      }
      /* else a code that runs straight into other text: -164(已重试 2 次), NoSuchKey,retry */
      var lead = n ? null : /^-?[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*/.exec(m[5].trim());
      if (lead) { add(lead[0], at, "key"); }
    }
    KEY_SPACE.lastIndex = 0;
    while ((m = KEY_SPACE.exec(text))) { add(m[3].replace(TRAILING, ""), m.index + m[1].length, "key"); }
    var offset = 0;
    text.split("\n").forEach(function (line) {
      if (line.trim()) { add(line, offset + line.length - line.replace(/^\s+/, "").length, "line"); }
      offset += line.length + 1;
    });
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text))) {
      var parts = [m[0]].concat(m[0].indexOf(".") !== -1 ? m[0].split(".") : []);
      for (var i = 0; i < parts.length; i += 1) {
        var hit = keysOf(parts[i]);
        if (hit && anywhere[hit[0]]) { add(parts[i], m.index, "anywhere", hit); break; }
      }
    }
    found.sort(function (a, b) { return a.index - b.index; });

    var requestIds = [], traceIds = [];
    IDS.lastIndex = 0;
    while ((m = IDS.exec(text))) {
      var list = lower(m[1]) === "trace" ? traceIds : requestIds;
      if (list.indexOf(m[2]) === -1) { list.push(m[2]); }
    }
    var messages = [];
    function message(value) {
      value = String(value).trim();
      if (value && messages.indexOf(value) === -1) { messages.push(value); }
    }
    XML_MESSAGE.lastIndex = 0;
    while ((m = XML_MESSAGE.exec(text))) { message(m[2]); }
    KEY_MESSAGE.lastIndex = 0;
    while ((m = KEY_MESSAGE.exec(text))) {
      if (m[3]) { message(m[3].replace(/\\(.)/g, "$1")); continue; }
      if (m[4]) { message(m[4]); continue; }
      var cut = m[5].search(NEXT_KEY);
      message(cut === -1 ? m[5] : m[5].slice(0, cut));
    }
    return { codes: found, requestIds: requestIds, traceIds: traceIds, messages: messages };
  }
  self.errdocsExtract = extract;  /* the page's window, or the search worker */
})();
