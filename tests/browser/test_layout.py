"""Every page kind of the real site, in both languages, on a phone (390 px) and a desktop (1280 px):
no sideways page scroll, no word or code split across two lines, and no text of the other language
in the page's own chrome (headings, labels, link texts, header, navigation, footer). Upstream data
shown as data may be in either language when it is marked with its ``lang``.
"""

from __future__ import annotations

import re

import pytest

#: page kind -> path under the language's root.
KINDS = {
    "home": "",
    "family-string": "cos-xml-api/",
    "family-numeric": "ci-download/",
    "entry-upstream-link": "cos-xml-api/SignatureDoesNotMatch/",
    "entry-decisions": "cos-xml-api/InternalError/",
    "entry-history-changes": "ci-download/-46618/",
    "entry-long-history": "wx-plugin/-1886/",
    "entry-long-code": "cos-xml-api/IllegalVersioningConfigurationException/",
    "alias": "cos-xml-api/InternalErrror/",
    "paste": "paste/",
    "status-index": "status/",
    "errata": "errata/",
    "revisions": "revisions/",
    "revision": "revisions/cos-errors.intl.en.2026-06-02/",
    # troubleshooting cases (a table of messages), a snapshot named by a 45-character file
    "revision-cases": "revisions/cos-post-object-guide.intl.en.2021-08-18.2/",
    "changes": "changes/",
    "change": "changes/cos-errors.intl.en.2023-07-10..cos-errors.intl.en.2026-06-02/",
}
WIDTHS = {390: {"width": 390, "height": 844, "mobile": True}, 1280: {"width": 1280, "height": 800, "mobile": False}}

#: Words split over two lines. Every Latin word or code (letters, digits, _ . - / :) of the visible
#: text is measured with a Range; in short labels (headings, table headings, terms, buttons, form
#: labels) a run of Han characters counts as one word too ("HTT/P 状/态码").
BROKEN_WORDS = r"""() => {
  /* Chinese wraps between any two characters; short labels should not (a heading wraps whole) */
  const LABELS = "th, dt, label, button";
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  ONSCREEN
  const lines = (range) => {
    const tops = new Set();
    for (const r of range.getClientRects()) { if (r.width > 0.5) { tops.add(Math.round(r.top)); } }
    return tops.size;
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !onScreen(el) || el.closest("script, style, textarea, .md-search, [hidden]")) { continue; }
    const pattern = el.closest(LABELS) ? /[A-Za-z0-9_.:\/-]{2,}|\p{sc=Han}{2,}/gu : /[A-Za-z0-9_.:\/-]{2,}/g;
    for (const m of node.data.matchAll(pattern)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      if (lines(range) > 1) { out.push(m[0] + " in <" + el.tagName.toLowerCase() + " class=" + el.className + ">"); }
    }
  }
  return out.slice(0, 20);
}"""

#: Boxes that scroll sideways (a table wider than its wrapper): part of them is out of sight.
INNER_SCROLL = r"""() => [...document.querySelectorAll("article *")]
  .filter((el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1
    && el.checkVisibility() && !el.closest("pre"))
  .map((el) => `<${el.tagName.toLowerCase()} class=${el.className}> ${el.scrollWidth} > ${el.clientWidth}`)"""

#: Text of the other language in the chrome: on an English page any Han character, on a Chinese
#: page a run of three or more Latin words of which two are lowercase words ("Made with Material
#: for MkDocs", "Line 12 of", "1 entries"), outside an element marked with the other language.
OTHER_LANGUAGE = r"""(lang) => {
  const CHROME = "h1, h2, h3, h4, h5, th, dt, label, button, option, a, .md-header, .md-nav, .md-footer, "
    + ".errdocs-muted, .errdocs-sort-hint, .errdocs-filter, [data-paste-state], .errdocs-crumbs";
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  ONSCREEN
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !el.closest(CHROME) || !onScreen(el)) { continue; }
    if (el.closest("script, style, code, pre, textarea, .md-search, [hidden]")) { continue; }
    const marked = el.closest("[lang]");
    if (marked && marked.getAttribute("lang") !== lang) { continue; }
    const text = node.data.trim();
    if (!text) { continue; }
    if (lang === "en" && /\p{sc=Han}/u.test(text)) { out.push(text.slice(0, 60)); }
    if (lang === "zh") {
      for (const m of text.matchAll(/[A-Za-z0-9][\w'’-]*(?:\s+[A-Za-z0-9][\w'’-]*){2,}/g)) {
        if (m[0].split(/\s+/).filter((w) => /^[a-z]{2,}$/.test(w)).length >= 2) { out.push(m[0].slice(0, 60)); }
      }
    }
  }
  return [...new Set(out)].slice(0, 20);
}"""


#: Shown and within the screen's width: a phone's navigation drawer waits off screen, closed.
_ONSCREEN = """const onScreen = (el) => {
    if (!el.checkVisibility({visibilityProperty: true})) { return false; }
    const r = el.getBoundingClientRect();
    return r.right > 0 && r.left < innerWidth;
  };"""
BROKEN_WORDS = BROKEN_WORDS.replace("ONSCREEN", _ONSCREEN)
OTHER_LANGUAGE = OTHER_LANGUAGE.replace("ONSCREEN", _ONSCREEN)


@pytest.fixture(scope="module")
def layout_context(browser):
    """One context per width; pages are opened in it per test."""
    contexts = {width: browser.new_context(viewport={"width": spec["width"], "height": spec["height"]},
                                           is_mobile=spec["mobile"], has_touch=spec["mobile"])
                for width, spec in WIDTHS.items()}
    yield contexts
    for context in contexts.values():
        context.close()


def _open(contexts, real_site_url, real_site, lang, path, width):
    page = contexts[width].new_page()
    url = real_site_url + ("zh/" if lang == "zh" else "") + path
    if path.endswith("InternalErrror/"):
        # an alias page sends the browser on at once: read the page itself, without its refresh
        html = (real_site / ("zh" if lang == "zh" else "") / path / "index.html").read_text(encoding="utf-8")
        page.route(url, lambda route: route.fulfill(
            content_type="text/html", body=re.sub(r'<meta http-equiv="refresh"[^>]*>', "", html)))
    response = page.goto(url)
    assert response.ok, url
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", list(KINDS.values()), ids=list(KINDS))
def test_page_layout(layout_context, real_site_url, real_site, lang, path, width):
    page = _open(layout_context, real_site_url, real_site, lang, path, width)
    try:
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"the page is {scroll} px wide on a {width} px screen"
        assert page.evaluate(INNER_SCROLL) == [], "content hidden in a box that scrolls sideways"
        assert page.evaluate(BROKEN_WORDS) == [], "words split across lines"
        assert page.evaluate(OTHER_LANGUAGE, lang) == [], "other-language text in the chrome"
    finally:
        page.close()
