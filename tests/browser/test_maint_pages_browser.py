"""The maintainer pages in a real browser: no sideways scrolling on a phone, dates that never
wrap, and the change-page filters (client-side, offline; without JavaScript everything shows)."""

from __future__ import annotations

import re

import pytest

from generator.site import urls

#: The largest pair of the real history (hundreds of changes), and a pair without any.
BIG = "changes/cos-errors.intl.en.2023-07-10..cos-errors.intl.en.2026-06-02/"
EMPTY = "changes/ci-errors.intl.zh.2020-05-19..ci-errors.intl.zh.2021-08-31/"
PAGES = ["changes/", BIG, EMPTY, "revisions/", "revisions/cos-errors.intl.en.2023-07-10/", "errata/", "status/"]
PREFIX = {"en": "", "zh": "zh/"}


@pytest.fixture
def phone(browser, real_site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.base = real_site_url
    yield page
    context.close()


@pytest.mark.parametrize("lang", urls.LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_overflow_on_a_phone(phone, lang, path):
    phone.goto(phone.base + PREFIX[lang] + path)
    width, inner = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, (path, width, inner)
    # and no table wider than the screen hidden in its own scroll box
    wide = phone.evaluate("""() => [...document.querySelectorAll('.errdocs-page table')]
        .filter(t => !t.closest('details:not([open])'))
        .filter(t => t.getBoundingClientRect().right > window.innerWidth + 1).length""")
    # no code (a spelling, a date, an id) broken across lines, folded evidence opened too; a path
    # may break after a slash
    phone.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    broken = phone.evaluate("""() => [...document.querySelectorAll('.errdocs-page code, .errdocs-nowrap')]
        .filter(c => !/[\\s/]/.test(c.textContent.trim()) && c.getClientRects().length > 1).map(c => c.textContent)""")
    assert not broken, (path, broken[:5])
    assert wide == 0, path


@pytest.mark.parametrize("lang", urls.LANGS)
def test_dates_of_the_changes_list_stay_on_one_line(phone, lang):
    phone.goto(phone.base + PREFIX[lang] + "changes/")
    heights = phone.evaluate("""() => [...document.querySelectorAll('.errdocs-pair-dates .errdocs-nowrap')]
        .map(s => [s.textContent, s.getClientRects().length])""")
    assert len(heights) > 100
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) and rects == 1 for d, rects in heights), heights[:5]


def test_filter_by_severity_and_kind(browser, real_site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(real_site_url + BIG)
    total = page.locator("li.change").count()
    major = page.locator('li.change[data-severity="major"]').count()
    assert total > 200 and 0 < major < total
    page.uncheck("#errdocs-filter-severity-minor")
    page.uncheck("#errdocs-filter-severity-info")
    assert page.locator("li.change:visible").count() == major
    assert page.locator("li.change:visible").evaluate_all("ls => ls.every(l => l.dataset.severity === 'major')")
    assert page.locator(".errdocs-filter-status").text_content() == f"{major} of {total} changes shown"
    # kind on top of severity: only major respellings
    kinds = page.locator(".errdocs-change-filter input[data-group=kind]")
    for i in range(kinds.count()):
        if kinds.nth(i).get_attribute("value") != "code-renamed":
            kinds.nth(i).uncheck()
    renamed = page.locator('li.change[data-severity="major"][data-kind="code-renamed"]').count()
    assert page.locator("li.change:visible").count() == renamed > 0
    # a section left without a visible change hides its heading too
    assert page.locator("h3.diff-section:visible").count() <= page.locator("li.change:visible").count()
    context.close()


def test_without_javascript_every_change_shows(browser, real_site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_site_url + "zh/" + BIG)
    assert page.locator("li.change:visible").count() == page.locator("li.change").count() > 200
    assert page.locator(".errdocs-change-filter").is_hidden()
    context.close()


#: Names that are the same in both languages (protocols, products, header names, module names).
SHARED = {"HTTP", "git", "intl", "cn", "ID", "JSON", "ErrNo", "URI", "Content", "Length", "MD5", "API", "COS", "XML",
          "SDK", "CDN", "CI", "Trace", "X",
          "Access", "Httpsvr", "OCR", "PROXY", "CGI", "OSS", "CMD", "cmd", "proxy"}  # in zh family titles


@pytest.mark.parametrize("path", PAGES + ["changes/cos-v4-call-errors.cn.zh.2016-08-11..cos-v4-call-errors.cn.zh.2016-09-30/"])
def test_chinese_pages_speak_chinese(phone, path):
    """The page's own words (labels, headings, links, notes) are Chinese with full-width colons;
    upstream data is marked (code, lang, translate=no) or an id, and left out of the check, like the
    catalog's own sentences on the errata (summaries and reasons, which name codes) and the
    troubleshooting cases (a guide's own text, product names and responses included)."""
    phone.goto(phone.base + "zh/" + path)
    text = phone.evaluate("""() => { const c = document.querySelector('.errdocs-page').cloneNode(true);
        c.querySelectorAll('code, [lang]:not([lang^=zh]), [translate=no], .errdocs-conflict > p, '
          + 'a[href*="revisions/"], a[href*="changes/"], .diff-summary, .errdocs-filter-option, .change-detail, '
          + '.errdocs-case, .errdocs-status-case a').forEach(e => e.remove());
        return c.innerText; }""")
    words = set(re.findall(r"[A-Za-z][A-Za-z-]{2,}", text)) - SHARED
    assert not {w for w in words if not all(part in SHARED for part in w.split("-"))}, (path, sorted(words)[:20])
    assert not re.search(r"[^\x00-\x7f][ ]?: ", text), re.findall(r".{0,15}[^\x00-\x7f][ ]?: .{0,10}", text)[:5]


@pytest.mark.parametrize("lang", urls.LANGS)
def test_english_plurals(phone, lang):
    for path in PAGES:
        phone.goto(phone.base + PREFIX[lang] + path)
        text = phone.locator(".errdocs-page").inner_text()
        assert not re.search(r"(?<![\d.])1 (changes|revisions|entries|disagreements|rows|codes)\b", text), path
