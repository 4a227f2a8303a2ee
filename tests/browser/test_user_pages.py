"""The user pages of the real site as a user in a hurry meets them (issue 18): filtered family tables
opened from a link, sorting, the paste page's order, labels in the page's language."""

from __future__ import annotations

import re

ROWS = "table[data-sortable] tbody tr"


def test_status_link_opens_the_family_table_filtered(page, real_site_url):
    page.goto(real_site_url + "cos-xml-api/BucketAlreadyExists/")
    link = page.locator("dt:has-text('Other entries with HTTP 409') + dd a").first
    assert re.fullmatch(r"\d+ in this family", link.inner_text())
    expected = int(link.inner_text().split()[0]) + 1  # the others and this one
    link.click()
    page.wait_for_url(re.compile(r"/cos-xml-api/\?status=409$"))
    assert page.locator("[data-filter-status]").input_value() == "409"
    visible = page.locator(ROWS + ":visible")
    assert visible.count() == expected
    assert all("409" in s.split() for s in visible.evaluate_all("rows => rows.map(r => r.dataset.status)"))
    # clearing the filter takes it out of the address, so a reload shows every entry
    page.select_option("[data-filter-status]", "")
    assert "status=" not in page.url
    page.fill("[data-filter-text]", "nosuch")
    page.wait_for_url(re.compile(r"\?filter=nosuch$"))
    page.reload()
    assert page.locator("[data-filter-text]").input_value() == "nosuch"
    assert page.locator(ROWS + ":visible").count() == int(page.locator("[data-filter-count]").inner_text())
    assert not page.errors


def test_entries_without_status_sort_last_both_ways(page, real_site_url):
    page.goto(real_site_url + "cos-xml-api/")
    hint = page.locator(".errdocs-sort-hint")
    assert hint.is_visible() and "sort" in hint.inner_text()
    sign = page.locator("th[data-sort=number]").evaluate("th => getComputedStyle(th, '::after').content")
    assert "⇅" in sign  # sortable before any click
    status = page.locator("th[data-sort=number]")
    for _ in range(2):  # ascending, then descending
        status.click()
        values = page.locator(ROWS).evaluate_all("rows => rows.map(r => r.dataset.status)")
        empty = [i for i, v in enumerate(values) if not v]
        assert empty, "the family has entries without a status"
        assert empty == list(range(len(values) - len(empty), len(values))), status.get_attribute("aria-sort")
        numbers = [int(v.split()[0]) for v in values if v]
        assert numbers == sorted(numbers, reverse=status.get_attribute("aria-sort") == "descending")
    assert not page.errors


def test_paste_explains_codes_before_the_ids_above_the_fold_on_a_phone(browser, real_site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for root, found in (("", "Codes found: 1"), ("zh/", "找到的错误码：1")):
        page.goto(real_site_url + root + "paste/")
        page.wait_for_selector("[data-ready]")
        page.fill("#errdocs-paste-input", "<Error><Code>NoSuchKey</Code>"
                  "<RequestId>NWE3ZTVhMzRfOWFiZjM1MjBfN2I5Nl8xYzQ3OTI=</RequestId></Error>")
        card = page.locator("[data-paste-results] h3").first
        card.wait_for()
        ids = page.locator("[data-paste-ids]")
        assert ids.is_visible()
        assert card.bounding_box()["y"] < ids.bounding_box()["y"]
        assert card.bounding_box()["y"] + card.bounding_box()["height"] <= 844, "explanation below the fold"
        assert page.locator("[data-paste-state]").inner_text() == found
    context.close()


def test_labels_follow_the_page_language(page, real_site_url):
    page.goto(real_site_url + "cos-xml-api/MissingAppid/")
    upstream = page.locator("dt:has-text('Upstream documentation') + dd").inner_text()
    assert "Tencent Cloud documentation page" in upstream  # the link is only in the Chinese text
    assert page.locator("dt:has-text('Upstream documentation') + dd [lang=zh]").count() == 1
    page.goto(real_site_url + "cos-xml-api/SignatureDoesNotMatch/")
    # the English wording's own links (restored from an older English wording): English labels
    upstream = page.locator("dt:has-text('Upstream documentation') + dd").inner_text()
    assert "Request Signatures" in upstream and not re.search(r"[\u4e00-\u9fff]", upstream)
    provenance = page.locator(".errdocs-text-description .errdocs-provenance").inner_text()
    assert provenance.startswith("Wording of the international English page, 2026-06-02")
    page.goto(real_site_url + "zh/cos-xml-api/InternalError/")
    decisions = page.locator(".errdocs-conflict").all_inner_texts()
    assert all("决定：" in d for d in decisions), decisions  # the spelling one too, full-width colon
    assert page.locator(".md-header__topic").first.inner_text() == "腾讯云 COS 与数据万象错误码"
    assert "Made with" not in page.locator("footer").inner_text()
    page.goto(real_site_url + "ci-download/-46618/")
    last = page.locator(".errdocs-history tbody tr").last.locator(".errdocs-history-changes").inner_text()
    assert "Text changed (Description)" in last and "Text changed (Action)" in last
    assert last.count("2023-07-10 → 2026-06-02") == 1
    assert not page.errors


def test_no_keyboard_hint_on_a_touch_screen(browser, real_site_url):
    for touch, lang in ((True, ""), (True, "zh/"), (False, "")):
        context = browser.new_context(viewport={"width": 390 if touch else 1280, "height": 844},
                                      is_mobile=touch, has_touch=touch)
        page = context.new_page()
        page.goto(real_site_url + lang)
        text = page.locator("article").inner_text()
        assert (("Press /" in text or "按 /" in text) is not touch), (touch, lang)
        context.close()
