/* errdocs: ranks the catalog's entries for what users type: codes in any form (as written, another
   case or spacing, a plural, pasted inside headers, XML, JSON or log lines, one or two typos) and
   the texts of entries (messages, descriptions, actions) in either language. It runs inside
   material's search worker (assets/javascripts/workers/errdocs-worker.js), beside lunr: these
   entries come first in every answer and lunr's other results after them. Data:
   api/v1/lookup.<lang>.json of both languages (the files the paste page reads).
   Exposes self.errdocsSearch(lang, root) -> {ready: Promise<engine | null>, answer(query, lunr)}. */
(function () {
  "use strict";

  var scope = self;  /* the search worker's global scope (or a page's window) */
  var LANG = "en", OTHER = "zh";  /* set by create() */

  /* Tiers: a code the query names always beats a text match, an exact spelling beats a near one. */
  var SCORE = {
    exact: 1000, extracted: 900, joined: 800, whole: 700, anywhere: 690, near1: 650, prefix: 600,
    phrase: 500, number: 495, near2: 480, all: 300, smallNumber: 290, some: 250
  };
  var MAX_RESULTS = 100;
  var NAME_BELOW = 5;       /* less than the gap between two tiers */
  var MAX_CODE_WORDS = 4;   /* longer queries are text, not a code typed with spaces and typos */
  var MAX_NUMBER_WORDS = 6; /* a number in a longer query is more likely a size, a count, a date */
  /* a number standing alone: Han characters, spaces or punctuation around it, not letters,
     digits, a decimal point or a date's dash before it */
  var NUMBER_WORD = /(^|[^\w.-])(-?\d+)(?![\w.])/g;
  var COMMON = 0.1;         /* a unit in more texts than this share only ranks, it does not select */

  var HAN = /\p{sc=Han}/u;
  var TOKEN = /\p{sc=Han}|(?:(?!\p{sc=Han})[\p{L}\p{N}])+/gu;
  var MARKUP = /`|\[([^\]]*)\]\([^)]*\)/g;

  /* Words (lower case, any punctuation dropped) and single Han characters, in order. */
  function tokens(text) {
    return String(text).normalize("NFKC").toLowerCase().replace(MARKUP, "$1").match(TOKEN) || [];
  }

  /* What presence is weighed on: words, Han characters and pairs of neighbouring Han characters. */
  function units(toks) {
    var out = [];
    for (var i = 0; i < toks.length; i += 1) {
      out.push(toks[i]);
      if (HAN.test(toks[i]) && i + 1 < toks.length && HAN.test(toks[i + 1])) { out.push(toks[i] + toks[i + 1]); }
    }
    return out;
  }

  function compact(text) {
    return String(text).normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  }

  /* Optimal string alignment distance, or limit + 1 as soon as it must exceed limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j += 1) { prev.push(j); }
    for (i = 1; i <= a.length; i += 1) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j += 1) {
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur.push(v);
        if (v < best) { best = v; }
      }
      if (best > limit) { return limit + 1; }
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  function firstLine(text) {
    return String(text || "").split(/\n/)[0].trim();
  }

  function Engine(lookups) {
    var page = lookups[LANG], other = lookups[OTHER];
    var self = this;
    this.lookup = page;
    this.entries = [];
    this.byKey = {};
    this.byLocation = {};
    this.texts = [];
    this.postings = {};
    this.compacts = {};
    var prefix = LANG === "en" ? "" : LANG + "/";
    Object.keys(page.entries).forEach(function (key, i) {
      var e = page.entries[key], o = other && other.entries[key];
      var texts = e.texts, alt = o ? o.texts : {};
      var entry = {
        index: i, key: key, code: e.code, family: page.families[e.family] || e.family,
        statuses: e.statuses.map(function (s) { return s.status; }),
        location: e.url.indexOf(prefix) === 0 ? e.url.slice(prefix.length) : e.url,
        description: firstLine(texts.description || texts.message || texts.action ||
                               alt.description || alt.message || "")
      };
      self.entries.push(entry);
      self.byKey[key] = entry;
      self.byLocation[entry.location] = entry;
      [[texts, LANG, e.unofficial || []], [alt, OTHER, (o && o.unofficial) || []]].forEach(function (pair) {
        Object.keys(pair[0]).forEach(function (kind) {
          self.addText(entry, pair[1], kind, pair[0][kind], pair[2].indexOf(kind) === -1);
        });
      });
    });
    /* A troubleshooting case is found by the message it answers and opens at its anchor (the same
       anchor in both languages, so the other language's cases count too). */
    var anchored = {};
    [[page, LANG], [other, OTHER]].forEach(function (pair) {
      ((pair[0] && pair[0].cases) || []).forEach(function (c) {
        var entry = self.byKey[c.key];
        if (!entry || anchored[c.key + "#" + c.anchor + "#" + c.message]) { return; }
        anchored[c.key + "#" + c.anchor + "#" + c.message] = true;
        self.addText(entry, pair[1], "case", c.message, true, c.anchor);
      });
    });
    Object.keys(page.spellings).forEach(function (spelling) {
      var c = compact(spelling);
      var list = self.compacts[c] || (self.compacts[c] = []);
      page.spellings[spelling].forEach(function (key) { if (list.indexOf(key) === -1) { list.push(key); } });
    });
    this.compactList = Object.keys(this.compacts);
    this.vocabulary = Object.keys(this.postings).sort();
  }

  Engine.prototype.addText = function (entry, lang, kind, text, official, anchor) {
    var toks = tokens(text);
    if (!toks.length) { return; }
    var id = this.texts.length, seen = {}, postings = this.postings;
    var us = units(toks);
    this.texts.push({ entry: entry, lang: lang, kind: kind, text: text, official: official, tokens: toks, units: us,
                      have: new Set(us), joined: toks.join(""), anchor: anchor || null });
    us.forEach(function (u) {
      if (!seen[u]) { seen[u] = true; (postings[u] || (postings[u] = [])).push(id); }
    });
  };

  Engine.prototype.weight = function (unit) {
    var df = (this.postings[unit] || []).length;
    return Math.log(1 + this.texts.length / (df + 1));
  };

  /* Words of the vocabulary the last, perhaps unfinished, query word starts. */
  Engine.prototype.completions = function (word) {
    var v = this.vocabulary, lo = 0, hi = v.length, out = [];
    while (lo < hi) { var mid = (lo + hi) >> 1; if (v[mid] < word) { lo = mid + 1; } else { hi = mid; } }
    for (var i = lo; i < v.length && v[i].indexOf(word) === 0 && out.length < 50; i += 1) { out.push(v[i]); }
    return out;
  };

  /* Entry key -> best {score, why, text}; keeps the better of two. */
  function note(hits, key, score, why, text) {
    var h = hits[key];
    if (!h || score > h.score) { hits[key] = { score: score, why: why, text: text || null }; }
  }

  /* found: the codes errdocsExtract read in the query (pasted headers, XML, JSON, log lines) */
  Engine.prototype.codes = function (query, hits, found) {
    var page = this.lookup, self = this;
    var words = query.trim().split(/\s+/);
    /* the entries spelled so; digits alone also as the negative code (46618 for -46618) */
    function spelledAs(s) {
      return page.spellings[s] || (/^\d+$/.test(s) && page.spellings["-" + s]) || null;
    }
    var spelled = words.join(" ").toLowerCase();
    var exact = spelledAs(spelled);
    /* an entry that only carries the spelling as a name (the string code beside a numeric code)
       comes after the entries spelled so, in every tier */
    function named(key, spelling) {
      var e = page.entries[key], s = compact(spelling);
      return !!e && compact(e.code) !== s &&
        (e.names || []).some(function (n) { return compact(n) === s; });
    }
    function below(key, spelling) { return named(key, spelling) ? NAME_BELOW : 0; }
    (exact || []).forEach(function (key) { note(hits, key, SCORE.exact - below(key, spelled), "code"); });
    /* a compound code inside a sentence ranks below the entry whose whole text is that sentence */
    found.forEach(function (hit, i) {
      var score = (hit.where === "anywhere" ? SCORE.anywhere : SCORE.extracted) - i;
      hit.keys.forEach(function (key) { note(hits, key, score - below(key, hit.spelling), "code"); });
    });
    if (exact || found.length) { return; }
    /* a numeric code as one word of a short query (-46618 signature, 错误码-164, upload failed
       1013): that entry, below a text holding the query as a phrase (texts hold numbers too: "to
       within 9999 pixels"). A negative number or one of 4+ digits is most likely a code; a shorter
       one ("error 12", but also "100 MB", "HTTP 403") is as often a size, a count or a status: it
       ranks below a text that has all the query's words. */
    if (words.length <= MAX_NUMBER_WORDS) {
      var m, i = 0;
      NUMBER_WORD.lastIndex = 0;
      while ((m = NUMBER_WORD.exec(query))) {
        var w = m[2], sure = /^-|\d{4}/.test(w);
        (spelledAs(w) || []).forEach(function (key) {
          note(hits, key, (sure ? SCORE.number : SCORE.smallNumber) - i, "code");
        });
        i += 1;
      }
    }
    if (HAN.test(query)) { return; }
    var c = compact(query);
    var forms = [c, c.replace(/e?s$/, ""), c.replace(/s$/, "")];
    if (/^\d+$/.test(c)) { forms.push("-" + c); }
    var joined = false;
    forms.forEach(function (f) {
      (self.compacts[f] || []).forEach(function (key) { joined = true; note(hits, key, SCORE.joined - below(key, f), "code"); });
    });
    if (joined || c.length < 3 || words.length > MAX_CODE_WORDS) { return; }
    var limit = c.length <= 5 ? 1 : 2;  /* two edits in a short code reach too many others */
    this.compactList.forEach(function (s) {
      if (s.length > c.length && s.indexOf(c) === 0) {
        self.compacts[s].forEach(function (key) {
          note(hits, key, SCORE.prefix - Math.min(40, s.length - c.length) - below(key, s), "code");
        });
      }
      var d = distance(c, s, limit);
      if (d <= limit) {
        self.compacts[s].forEach(function (key) {
          note(hits, key, (d === 1 ? SCORE.near1 : SCORE.near2) - Math.abs(s.length - c.length) - below(key, s), "code");
        });
      }
    });
  };

  /* Text: whole text > the query as a phrase (more of the text covered first) > all its words
     (in order first) > some of them, weighed by how rare each word is. */
  Engine.prototype.text = function (query, hits) {
    var q = tokens(query);
    if (!q.length) { return; }
    var qu = units(q), self = this, n = this.texts.length;
    var last = q[q.length - 1];
    var open = !HAN.test(last) && last.length >= 2 ? this.completions(last) : [];
    var candidates = {}, rarest = null;
    qu.forEach(function (u) {
      var list = self.postings[u] || [];
      if (list.length && (!rarest || list.length < rarest.length)) { rarest = list; }
      if (list.length <= Math.max(50, COMMON * n)) { list.forEach(function (t) { candidates[t] = true; }); }
    });
    open.forEach(function (w) {
      var list = self.postings[w];
      if (list.length <= Math.max(50, COMMON * n)) { list.forEach(function (t) { candidates[t] = true; }); }
    });
    (rarest || []).forEach(function (t) { candidates[t] = true; });
    var total = 0, weights = {};
    qu.forEach(function (u) { weights[u] = self.weight(u); total += weights[u]; });
    Object.keys(candidates).forEach(function (id) {
      var t = self.texts[id];
      var score = self.textScore(q, qu, weights, total, t, open);
      // Equal matches: the page's language first, then upstream's own wording before ours (the
      // same sentence can be an official text of one entry and our translation for another).
      if (score > 0) { note(hits, t.entry.key, score + (t.lang === LANG ? 0.5 : 0) + (t.official ? 0.25 : 0), "text", t); }
    });
  };

  function sameWord(qt, tt, isLast, open) {
    return qt === tt || (isLast && open.length && tt.length > qt.length && tt.indexOf(qt) === 0);
  }

  Engine.prototype.textScore = function (q, qu, weights, total, t, open) {
    var tt = t.tokens, i, j;
    for (i = 0; i + q.length <= tt.length; i += 1) {
      for (j = 0; j < q.length && sameWord(q[j], tt[i + j], j === q.length - 1, open); j += 1) { /* match */ }
      if (j === q.length) {
        var cover = q.length / tt.length;
        var whole = q[q.length - 1] === tt[i + q.length - 1];  /* the last word complete, not begun */
        /* a word still being typed (its beginning) counts less than a code it begins */
        return cover === 1 && whole ? SCORE.whole
          : SCORE.phrase + (whole ? 90 : 45) * cover + (i === 0 ? 5 : 0) + (whole ? 3 : 0);
      }
    }
    /* the same characters with words run together or split otherwise (SecretId / secret id) */
    var qj = q.join(""), at = t.joined.indexOf(qj);
    if (qj.length >= 4 && at !== -1) {
      return qj.length === t.joined.length ? SCORE.whole - 1
        : SCORE.phrase - 1 + 90 * qj.length / t.joined.length + (at === 0 ? 5 : 0);
    }
    var have = t.have;
    var got = 0, all = true;
    qu.forEach(function (u, k) {
      var present = have.has(u) || (k === qu.length - 1 && open.some(function (w) { return have.has(w); }));
      if (present) { got += weights[u]; } else { all = false; }
    });
    if (!got) { return 0; }
    if (all) {
      var pos = 0;
      for (i = 0; i < tt.length && pos < q.length; i += 1) {
        if (sameWord(q[pos], tt[i], pos === q.length - 1, open)) { pos += 1; }
      }
      return SCORE.all + (pos === q.length ? 50 : 0) + 40 * Math.min(1, qu.length / t.units.length);
    }
    return SCORE.some * got / total;
  };

  /* -> [{entry, score, why ("code" | "text"), text (the text matched) | null, terms}], best first.
     A pasted fragment's messages (<Message>X</Message>, "message": "X") are the text ranked: the
     markup's words around them would match every entry that says "message". */
  Engine.prototype.rank = function (query) {
    var hits = {}, self = this;
    if (!String(query || "").trim()) { return []; }
    var pasted = scope.errdocsExtract ? scope.errdocsExtract(query, this.lookup) : { codes: [], messages: [] };
    this.codes(query, hits, pasted.codes);
    var texts = pasted.messages.length ? pasted.messages : [query];
    var terms = {};
    texts.forEach(function (text) {
      self.text(text, hits);
      tokens(text).forEach(function (w) { terms[w] = true; });
    });
    return Object.keys(hits).map(function (key) {
      var h = hits[key];
      return { entry: self.byKey[key], score: h.score, why: h.why, text: h.text, terms: terms };
    }).sort(function (a, b) { return b.score - a.score || a.entry.index - b.entry.index; })
      .slice(0, MAX_RESULTS);
  };

  Engine.prototype.entryAt = function (location) {
    return this.byLocation[location] || null;
  };

  /* Terms of the rewritten lunr query that are errdocs.js' own (exact-spelling tokens, the Han
     tail character) never reach the screen: "Missing: code_the_20specified…" was shown. */
  var INTERNAL = /^code_|\u2E80/;

  function visibleTerms(terms) {
    var out = {};
    Object.keys(terms || {}).forEach(function (term) { if (!INTERNAL.test(term)) { out[term] = terms[term]; } });
    return out;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Upstream text as HTML (material inserts result text as HTML): escaped, Markdown marks
     dropped, the query's words marked. */
  var WORD = /\p{sc=Han}|(?:(?!\p{sc=Han})[\p{L}\p{N}])+/gu;
  function marked(text, terms) {
    text = String(text).replace(MARKUP, "$1");
    var out = "", pos = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (!terms[m[0].normalize("NFKC").toLowerCase()]) { continue; }
      out += escapeHtml(text.slice(pos, m.index)) + "<mark>" + escapeHtml(m[0]) + "</mark>";
      pos = m.index + m[0].length;
    }
    return out + escapeHtml(text.slice(pos));
  }

  /* One result as material renders it: the code, then family and status, then the first line of
     the description in the page's language, then the text that matched if it is another one. */
  function entryDoc(hit) {
    var e = hit.entry, terms = hit.terms || {};
    var facts = [e.family].concat(e.statuses.length ? ["HTTP " + e.statuses.join(", ")] : []).join(" · ");
    var text = '<p class="errdocs-search-facts">' + escapeHtml(facts) + "</p>";
    if (e.description) { text += "<p>" + marked(e.description, terms) + "</p>"; }
    if (hit.text && firstLine(hit.text.text) !== e.description) {
      text += '<p class="errdocs-search-match">' + marked(hit.text.text, terms) + "</p>";
    }
    var title = hit.why === "code" ? "<mark>" + escapeHtml(e.code) + "</mark>" : escapeHtml(e.code);
    var location = hit.text && hit.text.anchor ? e.location + "#" + hit.text.anchor : e.location;
    return { location: location, title: title, text: text, score: hit.score, terms: terms };
  }

  /* Material's answer {items: [[doc, ...sections], ...]} with the ranked entries first; lunr's
     other results follow, entries among them shown the same way. */
  Engine.prototype.answer = function (query, data, ranked) {
    var items = [], seen = {}, self = this;
    (ranked || this.rank(query)).forEach(function (hit) {
      seen[hit.entry.location] = true;
      items.push([entryDoc(hit)]);
    });
    (data.items || []).forEach(function (group) {
      var head = group[0];
      var location = (head.parent ? head.parent.location : head.location).split("#")[0];
      if (seen[location]) { return; }
      seen[location] = true;
      var entry = self.entryAt(location);
      items.push(entry ? [entryDoc({ entry: entry, score: head.score, terms: visibleTerms(head.terms), text: null })]
        : group.map(function (doc) { return Object.assign({}, doc, { terms: visibleTerms(doc.terms) }); }));
    });
    return Object.assign({}, data, { items: items });
  };

  function withoutInternalTerms(data) {
    return Object.assign({}, data, { items: (data.items || []).map(function (group) {
      return group.map(function (doc) { return Object.assign({}, doc, { terms: visibleTerms(doc.terms) }); });
    }) });
  }

  function create(lang, root) {
    LANG = lang === "zh" ? "zh" : "en";
    OTHER = LANG === "en" ? "zh" : "en";
    /* the page's language: its lookup (spellings, summaries, texts); the other: its texts alone
       (generator/site/api.py, texts_document) */
    function load(which) {
      var name = which === LANG ? "lookup." : "texts.";
      return fetch(root + "api/v1/" + name + which + ".json", { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); });
    }
    var ready = Promise.all([load(LANG), load(OTHER).catch(function () { return null; })])
      .then(function (both) {
        var lookups = {};
        lookups[LANG] = both[0];
        lookups[OTHER] = both[1];
        return new Engine(lookups);
      })
      .catch(function () { return null; });  /* lunr's results alone, as before */
    var api = {
      ready: ready,
      engine: null,  /* once ready */
      /* The ranking for a query when it names an entry surely (a code, or text as a phrase):
         then lunr, which would only add weaker results, need not run (on a large index its
         prefix queries cost most of an answer's time); else null. */
      sure: function (query) {
        var ranked = api.engine && query ? api.engine.rank(query) : [];
        return ranked.length && ranked[0].score >= SCORE.phrase ? ranked : null;
      },
      /* -> a promise of material's answer for the query as typed, given lunr's */
      answer: function (query, data) {
        return ready.then(function (engine) {
          return engine && query ? engine.answer(query, data) : withoutInternalTerms(data);
        });
      }
    };
    ready.then(function (engine) { api.engine = engine; });
    return api;
  }

  scope.errdocsSearch = create;
})();
