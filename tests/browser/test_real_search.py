"""Search on the REAL site: every code and alias of the catalog comes first, in both languages.

Acceptance criterion: "Any code of the catalog, typed into search in either language, comes first".

Typing ~1,000 queries per language into the search box would take many minutes, so the bulk check
talks to material's own search worker, in the page, exactly as material's search box does: the
box posts ``{type: 2, data: <the typed text>}`` to the worker (material's query component sends the
raw input value; all query processing happens in the worker) and renders the groups of the answer
in order, the first group being the first result. The message goes through ``Worker.prototype.
postMessage``, which ``assets/errdocs.js`` patches, so the real query rewrite runs on it, and the
worker holds the real index of that language (the one material fetched for the page). An init
script only records which worker material created and counts the queries sent to it, so each
answer is matched to its query (answers come back in order). A few queries are also typed into
``input.md-search__input`` and the first rendered result link is read, as a user would see it.
"""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest

from generator.project import load_valid_project
from generator.site import urls
from generator.site.search import code_token

ROOT = Path(__file__).resolve().parents[2]

#: Recorded before any page script: material's search worker and the answers it sends.
CAPTURE = """
(() => {
  const Base = window.Worker;
  const post = Base.prototype.postMessage;
  Base.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === 2) {
      this.errdocsSent = (this.errdocsSent || 0) + 1;
      (this.errdocsSentQueries = this.errdocsSentQueries || []).push(message.data);
    }
    return post.call(this, message, ...rest);
  };
  window.errdocsWorkers = [];
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.errdocsResults = [];
      this.errdocsReady = new Promise(resolve => this.addEventListener("message", e => {
        if (e.data && e.data.type === 1) { resolve(); }
      }));
      this.addEventListener("message", e => {
        if (e.data && e.data.type === 3) { this.errdocsResults.push(e.data.data); }
      });
      window.errdocsWorkers.push(this);
    }
  };
})();
"""

#: Post each query to material's worker (through errdocs.js' rewrite); the page locations of the
#: first ``depth`` result groups, in order (a group is one page: its article or its sections).
RUN = """
async ([queries, depth]) => {
  const worker = window.errdocsWorkers[0];
  await worker.errdocsReady;
  const out = [];
  for (const query of queries) {
    worker.postMessage({type: 2, data: query});
    const n = worker.errdocsSent;
    while (worker.errdocsResults.length < n) {
      await new Promise(resolve => worker.addEventListener("message", resolve, {once: true}));
    }
    out.push(worker.errdocsResults[n - 1].items.slice(0, depth).map(group => {
      const doc = group[0];
      return (doc.parent ? doc.parent.location : doc.location).split("#")[0];
    }));
  }
  return out;
}
"""


@pytest.fixture(scope="module")
def catalog():
    """Spelling -> entry keys (several when a code exists in several families), url -> key."""
    project = load_valid_project(ROOT / "source")
    by_spelling: dict[str, set[str]] = {}
    for key, r in project.reconciliation.resolved.items():
        for spelling in r.entry.spellings:
            by_spelling.setdefault(spelling, set()).add(key)
    return project, by_spelling


def location(lang: str, key: str) -> str:
    """Search locations are relative to the language's search base (``zh/`` for Chinese)."""
    return urls.url_of(urls.entry(lang, key)).removeprefix(urls.prefix(lang))


@pytest.fixture
def search_page(browser, real_site_url):
    pages = []

    def open_(lang: str):
        context = browser.new_context()
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.add_init_script(CAPTURE)
        page.goto(real_site_url + urls.prefix(lang))
        page.wait_for_function("window.errdocsWorkers.length > 0")
        page.evaluate("() => window.errdocsWorkers[0].errdocsReady")
        pages.append(context)
        return page

    yield open_
    for context in pages:
        context.close()


@pytest.mark.parametrize("lang", urls.LANGS)
def test_every_code_and_alias_comes_first(search_page, catalog, lang, record_property):
    """Every spelling (584 codes and every alias), as written and in lower case, in / and /zh/.

    For a code several families share (AccessDenied, -3006, 3), the first result is one of its
    entries and all of them are the first results.
    """
    _, by_spelling = catalog
    queries = sorted(by_spelling) + sorted({s.lower() for s in by_spelling} - set(by_spelling))
    wanted = {q: {location(lang, k) for s, keys in by_spelling.items() if s.lower() == q.lower()
                  for k in keys} for q in queries}
    page = search_page(lang)
    started = time.monotonic()
    results = page.evaluate(RUN, [queries, 12])
    took = time.monotonic() - started
    failures = [(q, sorted(wanted[q]), top[:5]) for q, top in zip(queries, results)
                if not top or top[0] not in wanted[q] or set(top[:len(wanted[q])]) != wanted[q]]
    first = sum(1 for q, top in zip(queries, results) if top and top[0] in wanted[q])
    entries = sum(len(keys) for keys in by_spelling.values())
    summary = (f"{lang}: {len(queries)} queries ({len(by_spelling)} distinct spellings of {entries} "
               f"entry spellings, plus lower case), {first} first, {len(failures)} failing, {took:.1f} s")
    print(summary)
    record_property("search", summary)
    assert not failures, summary + "\n" + "\n".join(map(repr, failures[:40]))
    assert not page.errors


def test_code_token_is_the_same_in_python_and_javascript(search_page, catalog):
    """errdocs.js' codeToken and search.py's code_token encode every spelling alike."""
    _, by_spelling = catalog
    spellings = sorted(by_spelling) + ["  Access   Denied ", "ÄÖÜ", "a_b.c-d", "其他 签名"]
    page = search_page("en")
    tokens = page.evaluate("list => list.map(s => window.errdocsCodeToken(s))", spellings)
    assert tokens == [code_token(s) for s in spellings]


#: (query, what the first result must be): an entry key, or a test on the entry key.
CODE_QUERIES = [
    ("nosuchkey", "cos-xml-api/NoSuchKey"),
    ("NoSuchKey", "cos-xml-api/NoSuchKey"),
    ("46618", "ci-download/-46618"),
    ("-46618", "ci-download/-46618"),
    ("1013", "ci-media-numeric/1013"),
    ("InternalErrror", "cos-xml-api/InternalError"),
    ("Other", "ci-moderation/Other"),
    ("NoSuch", lambda key: key.split("/")[1].startswith("NoSuch")),
    ("InvalidAuth", lambda key: key.split("/")[1].startswith("InvalidAuth")),
]
WORDS = {"en": ["signature", "bucket"], "zh": ["签名", "存储桶", "签名校验"]}


def typed_top_hit(page, base, lang, query):
    """Type into material's search box and read the first result link, as a user would."""
    page.goto(base + urls.prefix(lang))
    page.evaluate("() => window.errdocsWorkers[0].errdocsReady")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=10)
    box.press("End")  # Han characters arrive as text input without keyup; material reads on keyup
    # Each keyup sends the value so far: read the list only once the worker answered the last one
    # (else the first link may still be the one for "101" while "1013" is on its way).
    page.wait_for_function("""() => { const w = window.errdocsWorkers[0];
        return w.errdocsSent > 0 && w.errdocsResults.length === w.errdocsSent; }""")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    first = page.locator(".md-search-result__list > li a").first
    first.wait_for(timeout=10000)
    return first.evaluate("a => a.href").split("?")[0].split("#")[0]


def key_of(href: str, base: str, lang: str, catalog) -> str | None:
    project, _ = catalog
    path = href.removeprefix(base)
    for key in project.reconciliation.resolved:
        if urls.url_of(urls.entry(lang, key)) == path:
            return key
    return None


@pytest.mark.parametrize("lang", urls.LANGS)
def test_typed_codes_and_prefixes(search_page, real_site_url, catalog, lang):
    page = search_page(lang)
    for query, expected in CODE_QUERIES:
        key = key_of(typed_top_hit(page, real_site_url, lang, query), real_site_url, lang, catalog)
        ok = expected(key) if callable(expected) else key == expected
        assert key and ok, (lang, query, key)
    assert not page.errors


@pytest.mark.parametrize("lang", urls.LANGS)
def test_typed_words_land_on_an_entry_about_them(search_page, real_site_url, real_site, catalog, lang):
    page = search_page(lang)
    for word in WORDS[lang]:
        href = typed_top_hit(page, real_site_url, lang, word)
        key = key_of(href, real_site_url, lang, catalog)
        assert key, (lang, word, href)
        article = (real_site / href.removeprefix(real_site_url) / "index.html").read_text(encoding="utf-8")
        article = article.split('<article', 1)[1].split("</article>", 1)[0]
        text = html.unescape(re.sub(r"<[^>]+>", " ", article)).lower()
        assert word in text, (lang, word, key)


def test_queries_typed_while_one_is_out_are_not_queued(search_page, catalog):
    """Keys released faster than the worker answers (1, 10, 101, 1013 at once): the first goes out,
    the ones in between are dropped, the newest is sent when the first is answered and its answer
    is what the page shows. On a large index queued prefixes made the full query wait for all."""
    page = search_page("en")
    top = page.evaluate("""async () => {
      const worker = window.errdocsWorkers[0];
      await worker.errdocsReady;
      while (worker.errdocsResults.length < (worker.errdocsSent || 0)) {  // material's own first query
        await new Promise(resolve => worker.addEventListener("message", resolve, {once: true}));
      }
      const sent = (worker.errdocsSentQueries || []).length, answered = worker.errdocsResults.length;
      for (const q of ["1", "10", "101", "1013"]) { worker.postMessage({type: 2, data: q}); }
      while (worker.errdocsResults.length < answered + 2) {
        await new Promise(resolve => worker.addEventListener("message", resolve, {once: true}));
      }
      await new Promise(resolve => setTimeout(resolve, 200));  // nothing else may arrive
      const doc = worker.errdocsResults[answered + 1].items[0][0];
      return {sent: worker.errdocsSentQueries.slice(sent), results: worker.errdocsResults.length - answered,
              top: (doc.parent ? doc.parent.location : doc.location).split("#")[0]};
    }""")
    assert len(top["sent"]) == 2 and top["results"] == 2, top
    assert "code_1^10" in top["sent"][0] and "code_1013^10" in top["sent"][1], top["sent"]
    assert top["top"] == location("en", "ci-media-numeric/1013")
    assert not page.errors


def test_one_or_two_characters_are_searched_exactly_longer_terms_also_as_prefixes(search_page):
    page = search_page("en")
    rewritten = page.evaluate("qs => qs.map(q => window.errdocsRewriteQuery(q))", ["1", "-1", "No", "101", "NoSuch"])
    assert rewritten == ["code_1^10 1^1000", "code__2d1^10 1^1000", "code_no^10 No^1000",
                         "code_101^10 101^1000 101", "code_nosuch^10 NoSuch^1000 NoSuch"]


def test_a_hyphenated_term_is_split_as_lunr_splits_it_and_a_label_colon_is_not_field_syntax(search_page):
    """lunr cuts X-E into x and e; as x* e* the second part matched the whole index at 50,000
    entries (10 s while the next key waited). Each part now gets the one-or-two-character rule,
    and 'X-ErrNo:' (a header's colon) is no longer read as a field name."""
    page = search_page("en")
    rewritten = page.evaluate("qs => qs.map(q => window.errdocsRewriteQuery(q))",
                              ["X-E", "X-ErrNo: -46618", "title:NoSuchKey"])
    assert rewritten[0].endswith(" X^1000 E^1000"), rewritten
    assert rewritten[1].endswith(" X^1000 ErrNo^1000 ErrNo 46618^1000 46618"), rewritten
    assert "code_" in rewritten[1]  # no lunr syntax left: the exact-spelling token is added
    assert rewritten[2] == "title:NoSuchKey"  # lunr's own field syntax is kept
    assert not page.errors
