"""One small fixture pair per change kind (tests/fixtures/diff/<case>_base.md / _revision.md)."""

from __future__ import annotations

from pathlib import Path


from generator.diff import RULES, diff_revisions
from generator.diff.textdiff import diff, same_text
from generator.importers import import_file

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "diff"


def pair(case):
    return diff_revisions(import_file(FIXTURES / f"{case}_base.md"), import_file(FIXTURES / f"{case}_revision.md"))


def keys(report):
    return [c.key() for c in report.changes]


def test_rules_table_is_complete_and_stable():
    ids = [r.id for r in RULES if r.scope == "revision"]
    assert ids == ["section-added", "section-removed", "section-renamed", "code-added", "code-removed",
                   "code-renamed", "moved", "status-changed", "status-reformatted", "text-changed",
                   "duplicate-added", "duplicate-removed", "reordered",
                   "case-added", "case-removed", "step-added", "step-removed"]  # the last four: guides
    for r in RULES:
        assert r.severity in ("major", "minor", "info")
        assert set(r.label) == set(r.description) == {"en", "zh"}


def test_noise_is_no_change():
    # CRLF, padding, doubled spaces, full-width comma and parentheses, a trailing period, heading case
    assert pair("noise").changes == []


def test_code_added_and_removed():
    assert keys(pair("codes")) == [
        ("code-removed", "4XX Errors", "MissingHost", "MissingHost", None),
        ("code-added", "4XX Errors", "NoSuchBucket", None, "NoSuchBucket"),
    ]


def test_sections_matched_by_title_then_codes():
    # "**3XX errors**" = "### 3xx errors", "4XX Errors" = "4xx errors" (normalised titles);
    # "Error Codes upon Download" = "Download errors" (same codes); Other Errors gone; 5XX new.
    assert keys(pair("sections")) == [
        ("section-renamed", "Download errors", None, "Error Codes upon Download", "Download errors"),
        ("section-removed", "Other Errors", None, "Other Errors", None),
        ("section-added", "5XX Errors", None, None, "5XX Errors"),
    ]
    added = pair("sections").changes[2]
    assert added.codes == ["InternalError", "SlowDown"]


def test_renames_from_similarity_and_status_or_place():
    assert keys(pair("renamed")) == [
        ("code-renamed", "4XX Errors", "AccountProblem", "AccoountProblem", "AccountProblem"),
        ("code-renamed", "4XX Errors", "IncorrectNumberOfFilesInPostRequest",
         "IncorrectNumberOfFilesInPsotRequest", "IncorrectNumberOfFilesInPostRequest"),
        ("text-changed", "4XX Errors", "IncorrectNumberOfFilesInPostRequest",
         "Only one file per POST request", "Only one object per POST request"),
        ("code-renamed", "4XX Errors", "RequestTimeout", "RequestTimeOut", "RequestTimeout"),
        # too far apart to be one spelling: a removal and an addition
        ("code-removed", "4XX Errors", "MethodMotAllowed", "MethodMotAllowed", None),
        ("code-added", "4XX Errors", "MethodNotAllowedHere", None, "MethodNotAllowedHere"),
        # a typo introduced is a rename too
        ("code-renamed", "5XX Errors", "InternalErrror", "InternalError", "InternalErrror"),
    ]
    rename = pair("renamed").changes[0]
    assert rename.codes == ["AccoountProblem", "AccountProblem"]


def test_status_changed_and_reformatted():
    assert keys(pair("status")) == [
        ("status-changed", "4XX Errors", "ExpiredToken", "403 Forbidden", "400 Bad Request"),
        ("status-reformatted", "4XX Errors", "PreconditionFailed", "412 Precondition", "412 Precondition Failed"),
        ("status-changed", "4XX Errors", "ObjectNotAppendable", "400 Bad Request", "409 ObjectNotAppendale"),
        ("status-reformatted", "5XX Errors", "SlowDown", "503 Slow Down", "503 Service Unavailable"),
    ]


def test_text_changed_word_level():
    report = pair("text")
    # NoSuchKey loses only its trailing period; KeyTooLong loses a link target: neither counts
    assert keys(report) == [("text-changed", "4XX Errors", "NoSuchBucket", "The specified bucket does not exist",
                             "The specified bucket is not found")]
    assert report.changes[0].field == "description"
    assert report.changes[0].diff == [["=", "The specified bucket"], ["-", " does"], ["+", " is"], ["=", " not"],
                                      ["-", " exist"], ["+", " found"]]


def test_text_changed_character_level_for_chinese():
    report = pair("textzh")
    s = "图片下载错误码"
    assert keys(report) == [
        # spaces around Latin words are noise; the full stop that became a comma is not
        ("text-changed", s, "-104", "无效的 APPID。URL 中包含的 APPID 无效", "无效的APPID，URL中包含的APPID无效。"),
        ("text-changed", s, "-154", "下载原图失败，因为图片开启了原图保护", "原图保护机制禁止该 URL 下载"),
        ("text-changed", s, "-901", "转码超时", "压缩超时"),
        # "-" and "N/A" are empty cells; an action that appears is a change
        ("text-changed", s, "-901", None, "请稍后重试"),
    ]
    assert report.changes[0].diff == [["=", "无效的APPID"], ["-", "。"], ["+", "，"], ["=", "URL中包含的APPID无效"]]
    assert report.changes[2].diff == [["-", "转码"], ["+", "压缩"], ["=", "超时"]]
    assert report.changes[3].field == "action"


def test_moved():
    assert keys(pair("moved")) == [("moved", "5XX Errors", "ServiceUnavailable", "4XX Errors", "5XX Errors")]


def test_reordered_once_per_section():
    report = pair("reordered")
    assert keys(report) == [("reordered", "4XX Errors", None, None, None)]
    assert report.changes[0].codes == ["BadDigest", "NoSuchUpload"]


def test_duplicates():
    # NoSuchUpload: 400 and 404 rows -> the 404 row stays; InvalidObjectState gains a 409 row
    assert keys(pair("duplicates")) == [
        ("duplicate-removed", "4XX Errors", "NoSuchUpload", 2, 1),
        ("duplicate-added", "4XX Errors", "InvalidObjectState", 1, 2),
    ]


def test_noise_helpers():
    assert same_text("a  b\r\n", "a b")
    assert same_text("请检查签名（或权限）。", "请检查签名(或权限)")
    assert not same_text("URL", "Url")
    assert diff("a b c", "a x c") == [["=", "a"], ["-", " b"], ["+", " x"], ["=", " c"]]


def test_cross_language_compares_codes_and_statuses_only(tmp_path):
    en = tmp_path / "page.intl.en.2020-01-01.md"
    zh = tmp_path / "page.intl.zh.2020-01-01.md"
    en.write_text("### 4XX Errors\n\n| Error Code | Description | HTTP Status Code |\n| --- | --- | --- |\n"
                  "| AccessDenied | Access denied | 403 Forbidden |\n| NoSuchKey | No such key | 404 Not Found |\n"
                  "| OnlyEnglish | Only here | 400 Bad Request |\n", encoding="utf-8")
    zh.write_text("### 4XX 类型错误\n\n| 错误码 | 描述 | HTTP 状态码 |\n| --- | --- | --- |\n"
                  "| NoSuchKey | 对象不存在 | 404 Not Found |\n| AccessDenied | 拒绝访问 | 400 Bad Request |\n",
                  encoding="utf-8")
    report = diff_revisions(import_file(en), import_file(zh))
    assert report.cross_language
    # in the new page's order: OnlyEnglish sat after NoSuchKey, which comes first in zh
    assert keys(report) == [
        ("code-removed", "4XX 类型错误", "OnlyEnglish", "OnlyEnglish", None),
        ("status-changed", "4XX 类型错误", "AccessDenied", "403 Forbidden", "400 Bad Request"),
    ]
