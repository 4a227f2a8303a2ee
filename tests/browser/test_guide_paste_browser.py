"""Pasting a response whose code and message a troubleshooting guide answers leads to that case, in the
real site (every revision, the whole catalog), in a real browser."""

from __future__ import annotations

import pytest

REFERER = "<Code>AccessDenied</Code>\n<Message>You are denied by bucket referer rule</Message>"
REFERER_CASE = "case-cos-403-you-are-denied-by-bucket-referer-rule"
POST_QAK = ("<Error><Code>AccessDenied</Code><Message>Condition key q-ak doesn&apos;t match the value "
            "AKIDexample123</Message><RequestId>NjQ1YjQ4ZTJfcG9zdA==</RequestId></Error>")
LANGS = {"en": "", "zh": "zh/"}


@pytest.fixture
def real_page(browser, real_site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("request", lambda req: req.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            or page.errors.append("third-party request: " + req.url))
    yield page
    context.close()


def paste(page, base, lang, text):
    page.goto(base + LANGS[lang] + "paste/")
    page.locator("[data-errdocs-paste][data-ready]").wait_for(timeout=10000)
    page.fill("[data-paste-input]", text)
    return page.locator('.errdocs-paste-entry[data-key="cos-xml-api/AccessDenied"]')


@pytest.mark.parametrize("lang", LANGS)
def test_referer_rule_response_lands_on_its_case(real_page, real_site_url, lang):
    card = paste(real_page, real_site_url, lang, REFERER)
    assert card.locator("[data-case]").get_attribute("data-case") == REFERER_CASE
    card.locator("h3 a").click()
    real_page.wait_for_url(f"**#{REFERER_CASE}")
    assert real_page.url.split("#")[0].endswith(LANGS[lang] + "cos-xml-api/AccessDenied/")
    target = real_page.locator(f"#{REFERER_CASE}")
    assert "You are denied by bucket referer rule" in target.locator("h3").inner_text()
    box = target.bounding_box()
    assert 0 <= box["y"] < 900  # scrolled into view, below the header
    assert real_page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") \
        == REFERER_CASE
    assert real_page.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_code_and_message_together_pick_the_case(real_page, real_site_url, lang):
    # an XML-escaped message with the value a real request had where upstream wrote XXXXXX
    card = paste(real_page, real_site_url, lang, POST_QAK)
    assert card.locator("[data-case]").get_attribute("data-case") == \
        "case-cos-post-object-condition-key-q-ak-doesn-t-match-the-value-xxxxxx"
    # the code alone, or with a message no guide answers: the entry, no case
    card = paste(real_page, real_site_url, lang, "<Code>AccessDenied</Code><Message>Something else</Message>")
    assert card.count() == 1 and card.locator("[data-case]").count() == 0
    # the message alone names no code: nothing is guessed
    paste(real_page, real_site_url, lang, "You are denied by bucket referer rule")
    assert real_page.locator("[data-case]").count() == 0
    assert real_page.errors == []
