/* errdocs: the exact-spelling token of a code, for the page (errdocs.js rewrites queries with it)
   and the search worker (errdocs-worker.js rebuilds each entry document's "code" field with it).
   The same encoding as code_token() in generator/site/search.py, which writes the index:
   lower-cased, whitespace runs read as one space, UTF-8 bytes, a-z0-9 kept and every other byte
   written _xx, so lunr keeps the token whole in both languages. */
(function () {
  "use strict";

  self.errdocsCodeToken = function (text) {  /* NoSuchKey -> code_nosuchkey, -46618 -> code__2d46618 */
    var bytes = new TextEncoder().encode(String(text).toLowerCase().trim().split(/\s+/).join(" "));
    var out = "code_";
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      out += (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) ? String.fromCharCode(b)
        : "_" + (b < 16 ? "0" : "") + b.toString(16);
    }
    return out;
  };
})();
