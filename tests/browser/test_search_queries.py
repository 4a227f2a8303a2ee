"""Search on the real site for what users actually type, in the header box, in both languages.

Each kind of query of issue 16 (codes in other forms, typos, pasted fragments, message and
description text, text in the other language) is typed key by key into material's search box and
the first result read as a user sees it; text pasted with the mouse (an ``input`` event with no key
event at all) and an IME committing its text must search too. The results show the entry's family,
status and description and never an internal token; a Chinese query on the English site offers the
Chinese site's search.
"""

from __future__ import annotations

import pytest

#: (query, entry key the first result must be) on both sites.
QUERIES = [
    # codes in other forms and with typos (one or two edits), exact always first
    ("no such key", "cos-xml-api/NoSuchKey"),
    ("NoSuchKeys", "cos-xml-api/NoSuchKey"),
    ("NOSUCHBUCKET", "cos-xml-api/NoSuchBucket"),
    ("NoSuchKye", "cos-xml-api/NoSuchKey"),
    ("SignatureDoesNotMach", "cos-xml-api/SignatureDoesNotMatch"),
    ("InternalErrror", "cos-xml-api/InternalError"),  # an upstream misspelling: exact alias
    # a typo of a code another entry carries as a name (cos-sdk-client 10002 is named BadRequest)
    ("BadReqest", "cos-xml-api/BadRequest"),
    # what users paste
    ("X-ErrNo: -46618", "ci-download/-46618"),
    ("<Code>NoSuchBucket</Code>", "cos-xml-api/NoSuchBucket"),
    ('{"code": "QueuePaused", "message": "queue paused"}', "ci-media-api/QueuePaused"),
    ("2024-05-13 08:21:09 WARN thumbnail failed errno=-164 size=1007", "ci-download/-164"),
    ("Error Code: 其他", "ci-moderation/Other"),  # a bare value in any script
    ("X-ErrNo: Request has expired", "cos-xml-api/AccessDenied"),  # an alias with spaces, unquoted
    ("Status Code: 403 Error Code: NoSuchBucket.", "cos-xml-api/NoSuchBucket"),  # a key inside a value
    # a code among a few words, as typed (no ':' or '=')
    ("errno -46618", "ci-download/-46618"),
    ("upload failed 1013", "ci-media-numeric/1013"),
    # typed with a Chinese input method: full-width colon
    ("错误码：-164", "ci-download/-164"),
    # a message pasted without its code: its words, not the markup's ("message" is in many texts)
    ("<Message>The request URL format is incorrect.</Message>", "ci-media-api/InvalidUrl"),
    ('"message": "Frequency control is triggered."', "ci-download/-29214"),
    # message and description text, any case and punctuation, whole or a fragment
    ("The specified key does not exist.", "cos-xml-api/NoSuchKey"),
    ("the specified bucket does not exist", "cos-xml-api/NoSuchBucket"),
    ("Please top up your", "ci-download/-162"),
    # Chinese descriptions and fragments, with or without punctuation
    ("签名校验失败。", "ci-download/-46618"),
    ("该文档超过100MB无法解析", "ci-download/-3075"),
    ("存储桶不存在", "cos-xml-api/NoSuchBucket"),
]


def _open(browser, base, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(base + ("zh/" if lang == "zh" else ""))
    page.click("input.md-search__input")
    return page


def _first_is(page, base, lang, key, timeout=10000):
    """Wait until the first result links to ``key``'s page; else fail with what came first."""
    url = base + ("zh/" if lang == "zh" else "") + key + "/"
    try:
        page.wait_for_function("""url => { const a = document.querySelector('.md-search-result__list > li a');
            return !!a && decodeURIComponent(a.href).split(/[?#]/)[0] === url; }""", arg=url, timeout=timeout)
    except Exception:
        first = page.evaluate("() => { const a = document.querySelector('.md-search-result__list > li a');"
                              " return a ? decodeURIComponent(a.href) : null; }")
        raise AssertionError(f"{lang}: first result {first!r}, expected {url!r}") from None


def _clear(page):
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("Backspace")


@pytest.fixture
def real_page(browser, real_site_url):
    pages = []

    def open_(lang):
        page = _open(browser, real_site_url, lang)
        pages.append(page)
        return page

    yield open_
    for page in pages:
        assert not page.errors
        page.context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_kind_of_query_typed(real_page, real_site_url, lang):
    page = real_page(lang)
    box = page.locator("input.md-search__input")
    for query, key in QUERIES:
        box.press_sequentially(query, delay=5)
        _first_is(page, real_site_url, lang, key)
        _clear(page)


def test_english_message_on_the_chinese_site_and_chinese_text_on_the_english_one(real_page, real_site_url):
    zh = real_page("zh")
    zh.locator("input.md-search__input").press_sequentially("The specified key does not exist.", delay=5)
    _first_is(zh, real_site_url, "zh", "cos-xml-api/NoSuchKey")
    en = real_page("en")
    en.locator("input.md-search__input").press_sequentially("签名过期", delay=5)  # one description: -46619
    _first_is(en, real_site_url, "en", "ci-download/-46619")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_pasted_with_the_mouse_searches_without_a_key(real_page, real_site_url, lang):
    """A paste by mouse (or autofill) changes the box with an ``input`` event and no key event."""
    page = real_page(lang)
    page.evaluate("""() => {
        window.errdocsKeys = 0;
        for (const type of ['keydown', 'keyup', 'keypress']) {
            document.addEventListener(type, e => { if (e.isTrusted) window.errdocsKeys += 1; }, true);
        }
        const box = document.querySelector('input.md-search__input');
        box.value = '<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>';
        box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
    }""")
    _first_is(page, real_site_url, lang, "cos-xml-api/NoSuchKey")
    assert page.evaluate("window.errdocsKeys") == 0
    # and again with other text: the list follows the box
    page.evaluate("""() => { const box = document.querySelector('input.md-search__input');
        box.value = 'X-ErrNo: -46618'; box.dispatchEvent(new InputEvent('input', {bubbles: true})); }""")
    _first_is(page, real_site_url, lang, "ci-download/-46618")


def test_ime_commit_searches_and_composition_does_not(real_page, real_site_url):
    """An IME sends input events while composing (pinyin) and the text on compositionend, no key."""
    page = real_page("zh")
    page.evaluate("""() => { const box = document.querySelector('input.md-search__input');
        box.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true}));
        box.value = 'qianming';
        box.dispatchEvent(new InputEvent('input', {bubbles: true, isComposing: true}));
        box.value = '签名过期';
        box.dispatchEvent(new InputEvent('input', {bubbles: true, isComposing: true}));
        box.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: '签名过期'})); }""")
    _first_is(page, real_site_url, "zh", "ci-download/-46619")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_results_show_family_status_and_description_and_no_internal_token(real_page, real_site_url, lang):
    page = real_page(lang)
    page.locator("input.md-search__input").press_sequentially("the specified key does not", delay=5)
    _first_is(page, real_site_url, lang, "cos-xml-api/NoSuchKey")
    first = page.locator(".md-search-result__list > li").first
    text = first.inner_text()
    assert "NoSuchKey" in text and "HTTP 404" in text, text
    assert ("COS XML API error codes" if lang == "en" else "COS XML API 错误码") in text, text
    assert ("The specified object key does not exist" if lang == "en" else "指定的对象键不存在") in text, text
    listing = page.locator(".md-search-result").inner_text()
    assert "code_" not in listing and "\u2e80" not in listing
    # an exact code's result describes it too
    _clear(page)
    page.locator("input.md-search__input").press_sequentially("-46618", delay=5)
    _first_is(page, real_site_url, lang, "ci-download/-46618")
    text = page.locator(".md-search-result__list > li").first.inner_text()
    assert ("Signature verification failed" if lang == "en" else "签名校验失败") in text, text
    # the words found are marked in the result
    _clear(page)
    page.locator("input.md-search__input").press_sequentially("specified key", delay=5)
    page.locator(".md-search-result__list > li mark").first.wait_for()


def test_chinese_query_on_the_english_site_offers_the_chinese_search(real_page, real_site_url):
    page = real_page("en")
    page.locator("input.md-search__input").press_sequentially("存储桶不存在", delay=5)
    link = page.locator(".md-search-result__meta a.errdocs-search-other")
    link.wait_for()
    assert "zh/?q=" in link.get_attribute("href")
    link.click()
    page.wait_for_url("**/zh/?q=*")
    assert page.locator("input.md-search__input").input_value() == "存储桶不存在"
    _first_is(page, real_site_url, "zh", "cos-xml-api/NoSuchBucket")


def test_keyboard_still_walks_the_results(real_page, real_site_url):
    page = real_page("en")
    page.locator("input.md-search__input").press_sequentially("The specified key does not exist.", delay=5)
    _first_is(page, real_site_url, "en", "cos-xml-api/NoSuchKey")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cos-xml-api/NoSuchKey/**")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("query", ["You are denied by bucket referer rule", "denied by bucket referer"])
def test_a_guide_case_is_found_by_its_message_and_opens_at_its_anchor(real_page, real_site_url, lang, query):
    """The 403 guide's referer-rule case: its message (whole or a fragment) finds AccessDenied, and
    the result opens the page at that case, where the case's heading is the message."""
    page = real_page(lang)
    page.locator("input.md-search__input").press_sequentially(query, delay=5)
    _first_is(page, real_site_url, lang, "cos-xml-api/AccessDenied")
    href = page.evaluate("() => decodeURIComponent(document.querySelector('.md-search-result__list > li a').href)")
    assert href.endswith("#case-cos-403-you-are-denied-by-bucket-referer-rule"), href
    page.goto(href)
    heading = page.locator("#case-cos-403-you-are-denied-by-bucket-referer-rule h3")
    assert "You are denied by bucket referer rule" in heading.inner_text()
