"""The paste-an-error page in a real browser: real error texts in, entries and ids out,
nothing pasted ever leaves the page, pasted markup never runs."""

from __future__ import annotations

import pytest

REQUEST_ID = "NjQ1YjQ4ZTJfMjQ4OGY3MGFfMjZhNl8xNjAzNGI5ZQ=="
TRACE_ID = ("OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OTBj"
            "YzE2MjAxN2M1MzJiOTdkZjMxMDVlYTZjN2FiMmI0NTk0YzQ4NjI0ZDI5ZGZkMGQ2ZjA3Y2Y5NGY3NjAyMDI=")

XML_BODY = f"""<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchKey</Code>
  <Message>The specified key does not exist.</Message>
  <Resource>examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/photos/2024/cat.jpg</Resource>
  <RequestId>{REQUEST_ID}</RequestId>
  <TraceId>{TRACE_ID}</TraceId>
</Error>"""

HEADERS = """HTTP/1.1 404 Not Found
Content-Type: application/xml
Content-Length: 0
Connection: keep-alive
Date: Mon, 13 May 2024 08:21:07 GMT
Server: tencent-ci
X-ErrNo: -46618
x-ci-request-id: NjQ1YjQ4ZTJfY2lfMjZhNl8xNjAzNGI5ZQ==
x-cos-request-id: NjQ1YjQ4ZTJfOTlmOTg0MDlfYjE1Y18xYzM0ZDk=
x-cos-trace-id: OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVm"""

SDK_JSON = ('{"Code":"AccessDenied","Message":"Access Denied.","Resource":"examplebucket-1250000000.cos.'
            'ap-guangzhou.myqcloud.com/secret.txt","RequestId":"NjQ1YjVmMDRfYmE0ZTI4MDlfMWI1OF8xYjI0YmE5",'
            '"TraceId":"OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2"}')

PYTHON_SDK = ("qcloud_cos.cos_exception.CosServiceError: {'code': 'NoSuchBucket', 'message': 'The specified "
              "bucket does not exist.', 'resource': 'examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/', "
              "'requestid': 'NjQ1YjU4MzdfMjA5ZTI4MDlfMTEzYV8xOTc1ODE0', "
              "'traceid': 'OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0'}")

JAVA_SDK = ("com.qcloud.cos.exception.CosServiceException: The specified key does not exist. (Status Code: 404; "
            "Error Code: NoSuchKey; Request ID: NjQ1YjVhZjBfOTVmOTg0MDlfMTg4ZF8xYmY5; Trace ID: OGVmYzZiMmQzYjA2)")

LOG_LINE = ("2024-05-13T08:21:07.123Z ERROR [uploader-3] put_object photos/2024/cat.jpg failed: "
            "INTERNALerrror (http 500) after 3 retries, elapsed=1013ms port=1018 "
            "request_id=NjQ1YjQ4ZTJfbG9nXzI2YTZfMTYwMzRi")

ERRNO_LOG = "2024-05-13 08:21:09 WARN ci-download: thumbnail failed errno=-164 size=1007 code: 200"

HOSTILE = ("<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"
           "<Code>NoSuchKey</Code><RequestId><b>NjQ1YjQ4ZTJfaG9zdGlsZQ</b></RequestId>")

CASES = [
    # (text, entry keys in order, request ids, trace ids)
    (XML_BODY, ["cos-xml-api/NoSuchKey"], [REQUEST_ID], [TRACE_ID]),
    (HEADERS, ["ci-download/-46618"],
     ["NjQ1YjQ4ZTJfY2lfMjZhNl8xNjAzNGI5ZQ==", "NjQ1YjQ4ZTJfOTlmOTg0MDlfYjE1Y18xYzM0ZDk="],
     ["OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVm"]),
    # the entries spelled AccessDenied, then the media-processing code that gives it as its string code
    (SDK_JSON, ["cos-xml-api/AccessDenied", "ci-media-api/AccessDenied", "ci-media-numeric/1018"],
     ["NjQ1YjVmMDRfYmE0ZTI4MDlfMWI1OF8xYjI0YmE5"], ["OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2"]),
    (PYTHON_SDK, ["cos-xml-api/NoSuchBucket"], ["NjQ1YjU4MzdfMjA5ZTI4MDlfMTEzYV8xOTc1ODE0"],
     ["OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0"]),
    (JAVA_SDK, ["cos-xml-api/NoSuchKey"], ["NjQ1YjVhZjBfOTVmOTg0MDlfMTg4ZF8xYmY5"], ["OGVmYzZiMmQzYjA2"]),
    # the typo InternalErrror is an alias of the COS entry only (ci-media-api/InternalError never had it)
    (LOG_LINE, ["cos-xml-api/InternalError"], ["NjQ1YjQ4ZTJfbG9nXzI2YTZfMTYwMzRi"], []),
    (ERRNO_LOG, ["ci-download/-164"], [], []),
    ("46618", ["ci-download/-46618"], [], []),
    ("  1013 \n", ["ci-media-numeric/1013"], [], []),
    ("Access Denied", ["cos-xml-api/AccessDenied"], [], []),
    ("<Code>NoSuchKey</Code> then later\nX-ErrNo: -103", ["cos-xml-api/NoSuchKey", "ci-download/-103"], [], []),
    # unquoted values: an alias with spaces and what follows it, a key inside another key's value
    ("ErrorCode: Access Denied (after 3 retries)", ["cos-xml-api/AccessDenied"], [], []),
    ("Status Code: 404 Error Code: NoSuchKey.", ["cos-xml-api/NoSuchKey"], [], []),
    ("errno=-46618&retry=2", ["ci-download/-46618"], [], []),
    # typed with a Chinese input method: a Chinese key, full-width colon and quotes
    ("上传失败，错误码：-164（已重试 2 次）", ["ci-download/-164"], [], []),
    ("{“Code”：“NoSuchKey”}", ["cos-xml-api/NoSuchKey"], [], []),
]
LANGS = {"en": "", "zh": "zh/"}


def open_paste(page, site_url, lang):
    sent = []
    page.on("request", lambda req: sent.append((req.url, req.post_data or "")))
    page.goto(site_url + LANGS[lang] + "paste/")
    page.locator("[data-errdocs-paste][data-ready]").wait_for(timeout=10000)
    return sent


def paste(page, text):
    page.fill("[data-paste-input]", text)
    return {
        "keys": page.eval_on_selector_all(".errdocs-paste-entry", "els => els.map(e => e.dataset.key)"),
        "request": page.eval_on_selector_all("[data-id-kind=request] code", "els => els.map(e => e.textContent)"),
        "trace": page.eval_on_selector_all("[data-id-kind=trace] code", "els => els.map(e => e.textContent)"),
        "state": page.locator("[data-paste-state]").inner_text(),
    }


def assert_private(sent, text):
    """No request carries the pasted text, or any line or id of it."""
    pieces = [text] + [line.strip() for line in text.splitlines() if len(line.strip()) >= 6]
    for url, body in sent:
        for piece in pieces:
            assert piece not in url and piece not in body, (url, piece)
    assert all(url.startswith(("http://127.0.0.1", "data:", "blob:")) for url, _ in sent), sent


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text,keys,request_ids,trace_ids", CASES,
                         ids=["xml", "headers", "sdk-json", "python-sdk", "java-sdk", "log-alias",
                              "errno-log", "number-alone", "number-line", "text-alias", "two",
                              "alias-with-spaces", "key-in-value", "query-string", "zh-key-full-width",
                              "full-width-quotes"])
def test_paste_finds_entries_and_ids(page, site_url, lang, text, keys, request_ids, trace_ids):
    sent = open_paste(page, site_url, lang)
    got = paste(page, text)
    assert got["keys"] == keys
    assert got["request"] == request_ids
    assert got["trace"] == trace_ids
    assert_private(sent, text)
    assert not page.errors


def test_entry_card_in_page_language(page, site_url):
    open_paste(page, site_url, "en")
    paste(page, XML_BODY)
    card = page.locator(".errdocs-paste-entry").first
    text = card.inner_text()
    assert "NoSuchKey" in text and "404" in text and "COS XML API error codes" in text
    assert "Description" in text and "HTTP status" in text
    assert card.locator("a").first.evaluate("a => a.href") == page.url.replace("paste/", "cos-xml-api/NoSuchKey/")
    page.goto(site_url + "zh/paste/")
    page.locator("[data-errdocs-paste][data-ready]").wait_for(timeout=10000)
    paste(page, XML_BODY)
    card = page.locator(".errdocs-paste-entry").first
    text = card.inner_text()
    assert "COS XML API 错误码" in text and "描述" in text and "指定的对象键在存储桶中不存在" in text
    assert "非官方译文" in text  # the project's own translation is marked, as on the entry page
    assert card.locator("a").first.evaluate("a => a.href") == site_url + "zh/cos-xml-api/NoSuchKey/"
    assert "请求 ID" in page.locator("[data-paste-ids]").inner_text()
    assert not page.errors


def test_alias_shows_what_was_pasted(page, site_url):
    open_paste(page, site_url, "en")
    paste(page, "code=InternalErrror")
    first = page.locator(".errdocs-paste-entry").first.inner_text()
    assert "InternalError" in first and "you pasted: InternalErrror" in first


def test_numbers_in_a_log_are_not_codes(page, site_url):
    open_paste(page, site_url, "en")
    got = paste(page, "took 1013 ms, 1007 bytes, port 1018, -46618 offset, HTTP 200, status_code=1013, "
                      "Status Code: 1018, NoSuchKeys, xNoSuchKey, Other")
    assert got["keys"] == []
    assert got["state"] == "No known error code found in the text."
    got = paste(page, "")
    assert got["keys"] == [] and got["state"] == ""
    assert not page.errors


@pytest.mark.parametrize("lang", LANGS)
def test_pasted_markup_never_runs(page, site_url, lang):
    sent = open_paste(page, site_url, lang)
    got = paste(page, HOSTILE)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    box = page.locator("[data-errdocs-paste]")
    assert box.locator("script, img, b").count() == 0
    assert got["keys"] == ["cos-xml-api/NoSuchKey"]
    assert_private(sent, HOSTILE)
    assert not any(url.endswith("/x") for url, _ in sent)
    assert not page.errors


def test_upstream_text_in_cards_is_text(page, site_url):
    """Catalog text with markup (the fixture's Evil.Text_1) is shown as text too."""
    open_paste(page, site_url, "en")
    paste(page, "<Code>Evil.Text_1</Code>")
    card = page.locator(".errdocs-paste-entry")
    assert card.count() == 1
    assert "<script>alert(1)</script>" in card.inner_text()
    assert card.locator("script, b").count() == 0
    assert card.locator("a[href^=javascript]").count() == 0
    assert card.locator("a[href='https://example.com/a?b=1&c=2']").count() == 1
    assert page.evaluate("window.__pwned") is None
    assert not page.errors


def test_paste_page_in_nav_both_languages(page, site_url):
    page.goto(site_url)
    assert page.locator("nav a", has_text="Paste an error").count() >= 1
    page.goto(site_url + "zh/")
    assert page.locator("nav a", has_text="粘贴错误信息").count() >= 1
    page.goto(site_url + "paste/")
    assert page.locator("a[data-errdocs-lang=zh]").evaluate("a => a.href") == site_url + "zh/paste/"
