"""The built site in a real browser: search ranking, language switch, pages, filters."""

from __future__ import annotations

import pytest

EN_QUERIES = [
    ("NoSuchKey", ["cos-xml-api/NoSuchKey/"]),
    ("nosuchkey", ["cos-xml-api/NoSuchKey/"]),
    ("-46618", ["ci-download/-46618/"]),
    ("46618", ["ci-download/-46618/"]),
    ("1013", ["ci-media-numeric/1013/"]),
    ("InternalErrror", ["cos-xml-api/InternalError/"]),
    ("Access Denied", ["cos-xml-api/AccessDenied/", "ci-media-api/AccessDenied/"]),
    ("NoSuch", ["cos-xml-api/NoSuchKey/", "cos-xml-api/NoSuchBucket/"]),
    ("InvalidAuth", ["ci-media-api/InvalidAuthorization/"]),
]
ZH_QUERIES = [
    ("NoSuchKey", ["zh/cos-xml-api/NoSuchKey/"]),
    ("-46618", ["zh/ci-download/-46618/"]),
    ("46618", ["zh/ci-download/-46618/"]),
    ("1013", ["zh/ci-media-numeric/1013/"]),
    ("签名校验", ["zh/ci-download/-46618/"]),
]
#: Words: the top hit must be an entry page whose text holds the word.
WORDS = [("", "signature"), ("", "bucket"), ("zh/", "签名"), ("zh/", "存储桶"), ("zh/", "拒绝")]


def top_hit(page, site_url, start, query):
    page.goto(site_url + start)
    page.wait_for_load_state("networkidle")  # the search index is fetched and handed to the worker
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    box.press("End")  # Han characters arrive as text input without keyup; material reads on keyup
    # Results come per key release, so the list first shown may answer a prefix ("101" of "1013"):
    # read the first link once it has stayed the same for 300 ms after the last key (the fixture's
    # queries take a few milliseconds).
    return page.wait_for_function("""() => {
        const a = document.querySelector(".md-search-result__list > li a");
        if (a === null) { return false; }
        const now = performance.now();
        if (window.errdocsFirstHit !== a.href) {
            window.errdocsFirstHit = a.href;
            window.errdocsFirstHitSince = now;
            return false;
        }
        return now - window.errdocsFirstHitSince >= 300 && a.href; }""", polling=50, timeout=10000).json_value()


@pytest.mark.parametrize("query,expected", EN_QUERIES)
def test_english_search_top_hit(page, site_url, query, expected):
    href = top_hit(page, site_url, "", query)
    assert href.split("#")[0].split("?")[0] in [site_url + e for e in expected], href
    assert not page.errors


@pytest.mark.parametrize("query,expected", ZH_QUERIES)
def test_chinese_search_top_hit(page, site_url, query, expected):
    href = top_hit(page, site_url, "zh/", query)
    assert href.split("#")[0].split("?")[0] in [site_url + e for e in expected], href
    assert not page.errors


@pytest.mark.parametrize("start,word", WORDS)
def test_word_search_finds_entry(page, site_url, start, word):
    href = top_hit(page, site_url, start, word).split("?")[0]
    assert href.count("/") == site_url.count("/") + len(start.split("/")) + 1, href
    page.goto(href)
    assert word in page.locator("article").inner_text().lower()


def test_language_switch_keeps_page(page, site_url):
    page.goto(site_url + "ci-download/-46618/")
    link = page.locator("a[data-errdocs-lang=zh]")
    assert link.evaluate("a => a.href") == site_url + "zh/ci-download/-46618/"
    page.goto(link.evaluate("a => a.href"))
    back = page.locator("a[data-errdocs-lang=en]").evaluate("a => a.href")
    assert back == site_url + "ci-download/-46618/"
    assert page.locator("html").get_attribute("lang") == "zh"


def test_entry_page_shows_status_texts_history(page, site_url):
    page.goto(site_url + "cos-xml-api/InternalError/")
    body = page.locator("article").inner_text()
    for text in ["InternalError", "500", "Internal error of the server occurs", "InternalErrror",
                 "cos-errors.cn.zh.2016-12-07", "500 Internal Server", "lacks the word Error"]:
        assert text in body
    assert not page.errors


def test_alias_url_lands_on_entry(page, site_url):
    page.goto(site_url + "cos-xml-api/InternalErrror/")
    page.wait_for_url(site_url + "cos-xml-api/InternalError/")
    page.goto(site_url + "zh/cos-xml-api/Access~20Denied/")
    page.wait_for_url(site_url + "zh/cos-xml-api/AccessDenied/")


def test_family_table_filters_and_sorts(page, site_url):
    page.goto(site_url + "cos-xml-api/")
    rows = page.locator("table[data-sortable] tbody tr")
    assert rows.count() == 5
    page.fill("[data-filter-text]", "nosuch")
    assert page.locator("table[data-sortable] tbody tr:visible").count() == 2
    page.fill("[data-filter-text]", "")
    page.select_option("[data-filter-status]", "500")
    assert page.locator("table[data-sortable] tbody tr:visible").count() == 1
    assert page.locator("[data-filter-count]").inner_text() == "1"
    page.select_option("[data-filter-status]", "")
    page.locator("table[data-sortable] th").first.click()
    first = rows.first.inner_text()
    assert first.startswith("AccessDenied")
    assert not page.errors
