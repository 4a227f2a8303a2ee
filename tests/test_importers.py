"""Importers: real upstream snapshots and hand-made variations."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.importers import detect_format, import_file, import_text
from generator.importers.common import clean_cell, clean_title, parse_status, repair_mojibake
from generator.model import Revision

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM = ROOT / "source" / "upstream"
SNAPSHOTS = sorted(p for p in UPSTREAM.iterdir() if p.name != "INDEX.md")


def load(name: str):
    return import_file(UPSTREAM / name)


def sections(result) -> dict[str, int]:
    return dict(Counter(row.section for row in result.rows))


def row_at(result, line: int):
    [row] = [r for r in result.rows if r.line == line]
    return row


def rev(fmt: str = "markdown", path: str = "t.md") -> Revision:
    return Revision(id="t", page="p", edition="e", language="en", date="2020-01-01", path=path, format=fmt)


def imp(text: str, fmt: str | None = None):
    return import_text(text, rev(fmt or detect_format(text)))


# --------------------------------------------------------------------------- real files

# Row counts per file, counted by hand from the table lines of each file.
EXPECTED_TOTALS = {
    "ci-errors.cn.zh.2018-02-08.md": 24,
    "ci-errors.cn.zh.2018-06-15.md": 40,
    "ci-errors.cn.zh.2019-05-10.md": 58,
    "ci-errors.cn.zh.2020-05-20.md": 65,
    "ci-errors.intl.en.2020-01-06.md": 58,
    "ci-errors.intl.en.2020-08-04.md": 59,
    "ci-errors.intl.en.2023-01-18.md": 105,
    "ci-errors.intl.zh.2023-07-10.md": 105,
    "ci-media-errors.intl.en.2021-12-31.md": 29,
    "ci-media-errors.intl.zh.2021-12-31.md": 29,
    "cos-errors.cn.en.2017-03-08.md": 53,
    "cos-errors.cn.en.2017-09-07.md": 71,
    "cos-errors.cn.zh.2016-12-07.md": 53,
    "cos-errors.cn.zh.2017-04-20.md": 71,
    "cos-errors.cn.zh.2017-07-26.md": 71,
    "cos-errors.cn.zh.2018-11-30.md": 70,
    "cos-errors.cn.zh.2019-08-19.md": 71,
    "cos-errors.cn.zh.2020-03-10.md": 130,
    "cos-errors.intl.en.2019-04-30.md": 70,
    "cos-errors.intl.en.2019-10-23.md": 71,
    "cos-errors.intl.en.2020-12-21.md": 131,
    "cos-errors.intl.en.2022-04-06.md": 210,
    "cos-errors.intl.en.2023-07-10.md": 210,
    "cos-errors.intl.en.2026-06-02.txt": 247,
    "cos-errors.intl.zh.2023-07-10.md": 210,
    "wanxiang-errors.cn.zh.2016-08-02.md": 104,
    "wanxiang-errors.cn.zh.2017-05-27.md": 274,
}


#: The first 27 snapshots, whose rows and warnings were counted by hand; the harvested ones are held
#: to what is true of every snapshot (below) rather than to numbers copied from today's output.
HAND_COUNTED = [p for p in SNAPSHOTS if p.name in EXPECTED_TOTALS]

#: Kinds of warning the importers emit, by the start of their message.
WARNING_KINDS = ("text after the last column ignored", "repaired mojibake", "column ", "table skipped",
                 "cells in another order than the header", "name written before its code",
                 "list line has no error code", "a quoted cell held a pipe")


def _registered_files() -> list[str]:
    from generator.revision import load_revisions
    return sorted(Path(r.path).name for r in load_revisions(ROOT / "source"))


def test_every_snapshot_is_listed():
    assert sorted(EXPECTED_TOTALS) == [p.name for p in HAND_COUNTED]
    assert _registered_files() == [p.name for p in SNAPSHOTS]  # every file registered, every registered file here


@pytest.mark.parametrize("path", SNAPSHOTS, ids=lambda p: p.name)
def test_snapshot_imports_cleanly(path):
    result = import_file(path)
    assert not [w for w in result.warnings if "cannot be read" in w.message]
    assert all(w.level == "warning" for w in result.warnings)
    if path.name in EXPECTED_TOTALS:
        assert len(result.rows) == EXPECTED_TOTALS[path.name]
    elif result.revision.format == "guide":  # a troubleshooting guide (issue 15): cases, never rows
        assert result.cases and not result.rows
    else:  # every other harvested snapshot is an error-code page: it has rows, unless upstream published it empty
        assert result.rows or not path.read_bytes().strip()
    assert all(w.message.startswith(WARNING_KINDS) for w in result.warnings)
    assert all(r.code and r.code == r.code.strip() for r in result.rows)
    assert all(r.revision == result.revision.id for r in result.rows)
    # index counts 0.. within each section, in file order
    seen: dict[str, int] = {}
    for r in result.rows:
        assert r.index == seen.get(r.section, 0)
        seen[r.section] = r.index + 1
    lines = path.read_bytes().decode("utf-8").splitlines()
    span = 3 if path.suffix == ".txt" else 1  # page text: the row starts at its first cell
    for r in result.rows:
        near = "\n".join(lines[r.line - 1 : r.line - 1 + span]).replace("**", "")
        assert r.code in " ".join(near.split())  # cells are read with white space folded


def test_real_file_warnings_are_only_the_known_ones():
    found = []
    for path in HAND_COUNTED:
        for w in import_file(path).warnings:
            found.append((path.name, w.line, w.message.split(":")[0]))
    assert found == [
        ("ci-errors.intl.en.2020-01-06.md", 30, "text after the last column ignored"),
        ("ci-errors.intl.en.2020-08-04.md", 35, "repaired mojibake (UTF-8 read as cp1252)"),
    ]


def test_revision_derived_from_file_name():
    result = load("cos-errors.intl.en.2026-06-02.txt")
    r = result.revision
    assert (r.id, r.page, r.edition, r.language, r.date, r.format) == (
        "cos-errors.intl.en.2026-06-02",
        "cos-errors",
        "intl",
        "en",
        "2026-06-02",
        "pagetext",
    )


def test_cos_zh_2016_imcomplete_boady():
    result = load("cos-errors.cn.zh.2016-12-07.md")
    assert sections(result) == {"3XX类型错误": 3, "4XX类型错误": 45, "5XX类型错误": 4, "其他类型错误": 1}
    row = row_at(result, 56)
    assert row.code == "ImcompleteBoady"  # upstream typo, kept
    assert (row.status, row.status_text) == (400, "400 Bad Request")
    assert row.texts == {"description": "文件大小与Content-Length不一致"}
    assert row.section == "4XX类型错误" and row.index == 3
    other = row_at(result, 112)
    assert (other.code, other.status, other.status_text) == ("InvaildAddressingHeader", None, "N/A")
    slow = row_at(result, 106)
    assert (slow.code, slow.status, slow.status_text) == ("SlowDown", 503, "503 Slow Down")
    pre = row_at(result, 96)
    assert (pre.code, pre.status, pre.status_text) == ("PreconditionFailed", 412, "412 Precondition")
    # the XML node table (元素名称) gives no rows
    assert not [r for r in result.rows if r.code in ("Error", "Code", "Message")]
    # NoSuchBucket is listed twice in this revision
    assert [r.line for r in result.rows if r.code == "NoSuchBucket"] == [87, 89]


def test_cos_intl_en_2022_crlf_and_ci_tables():
    path = UPSTREAM / "cos-errors.intl.en.2022-04-06.md"
    assert b"\r\n" in path.read_bytes()
    result = import_file(path)
    assert sections(result) == {
        "4xx errors": 124,
        "5xx errors": 6,
        "Image download errors": 50,
        "Image persistence processing errors": 16,
        "File preview errors": 4,
        "Content moderation errors": 10,
    }
    assert result.warnings == []
    row = row_at(result, 165)
    assert (row.code, row.status, row.status_text) == ("ObjectNotAppendable", 409, "409 ObjectNotAppendale")
    assert row.texts == {"description": "The specified object is not appendable"}
    assert not any("\r" in v for r in result.rows for v in [r.code, r.status_text or "", *r.texts.values()])
    # -3006 stands in two tables with different texts
    both = [r for r in result.rows if r.code == "-3006"]
    assert [(r.section, r.line) for r in both] == [("Image download errors", 217), ("File preview errors", 269)]
    assert both[0].texts == {"description": "The file is encrypted and cannot be parsed"}
    assert both[1].texts == {"description": "The file is encrypted", "action": "Use a decrypted file"}
    # stray "-" after the last pipe is ignored
    r206 = row_at(result, 206)
    assert r206.code == "-164"
    assert r206.texts["action"].startswith("Reduce the request frequency or [submit a ticket](https://")
    # no space after the leading pipe
    assert row_at(result, 199).code == "-113"
    # a code with spaces is kept as written
    assert row_at(result, 125).code == "Request has expired"
    other = row_at(result, 288)
    assert (other.code, other.section, other.texts) == (
        "Other",
        "Content moderation errors",
        {"description": "Internal error"},
    )
    first = result.rows[0]
    assert (first.line, first.code, first.status_text, first.section) == (
        47,
        "ActionAccelerateNotSupported",
        "400 Bad Request",
        "4xx errors",
    )
    assert row_at(result, 52).texts["description"] == (
        "The bucket name is too long. For more information, please see Naming Conventions in "
        "[Bucket Overview](https://intl.cloud.tencent.com/document/product/436/13312)"
    )


def test_ci_intl_en_2020_08_mojibake_repaired():
    result = load("ci-errors.intl.en.2020-08-04.md")
    [w] = result.warnings
    assert w.line == 35 and w.level == "warning" and "mojibake" in w.message
    assert str(w).startswith(str(UPSTREAM / "ci-errors.intl.en.2020-08-04.md") + ":35:")
    row = row_at(result, 35)
    assert row.code == "-902"
    assert "developer’s origin server" in row.texts["description"]
    assert "â€" not in json.dumps([r.as_dict() for r in result.rows], ensure_ascii=False)
    assert sections(result) == {"Error Codes upon download": 43, "Error codes in persistence processing": 16}


def test_ci_intl_en_2020_01_stray_cell_warns():
    result = load("ci-errors.intl.en.2020-01-06.md")
    [w] = result.warnings
    assert w.line == 30 and "N/A" in w.message
    assert row_at(result, 30).code == "-441"
    assert "N/A" not in row_at(result, 30).texts.values()


def test_wanxiang_2016_no_outer_pipes_plain_titles():
    result = load("wanxiang-errors.cn.zh.2016-08-02.md")
    assert sections(result) == {
        "图片下载错误": 22,
        "图片插件错误码说明": 16,
        "文件缓存错误码说明": 18,
        "cmd错误码说明": 17,
        "proxy错误码说明": 31,
    }
    assert result.warnings == []
    r = row_at(result, 9)  # "-100\t|未知错误…"
    assert (r.code, r.status, r.status_text) == ("-100", None, None)
    assert r.texts == {"description": "未知错误，某些场景或者逻辑未定义"}
    r = row_at(result, 53)
    assert (r.section, r.code, r.index, r.texts) == ("文件缓存错误码说明", "-300", 0, {"description": "服务过载"})
    assert row_at(result, 128).code == "-64"


def test_wanxiang_2017_ten_sections():
    result = load("wanxiang-errors.cn.zh.2017-05-27.md")
    assert sections(result) == {
        "人脸识别": 42,
        "图片鉴黄": 28,
        "OCR识别": 36,
        "人脸核身": 45,
        "图片处理": 19,
        "图片下载": 22,
        "图片插件": 16,
        "文件缓存": 18,
        "cmd": 17,
        "proxy": 31,
    }
    # small codes are reused per section
    assert [r.section for r in result.rows if r.code == "3"] == ["人脸识别", "图片鉴黄", "OCR识别", "人脸核身"]
    r = row_at(result, 5)
    assert (r.code, r.texts, r.status_text) == ("3", {"description": "错误的请求"}, None)


def test_status_first_cn_2020():
    result = load("cos-errors.cn.zh.2020-03-10.md")
    assert sections(result) == {"4XX 类型错误": 124, "5XX 类型错误": 6}
    r = row_at(result, 46)
    assert (r.code, r.status, r.status_text, r.texts) == (
        "ActionAccelerateNotSupported",
        400,
        "400 Bad Request",
        {"description": "加速域名不支持该操作"},
    )


def test_media_table_message_column():
    result = load("ci-errors.intl.en.2023-01-18.md")
    r = row_at(result, 119)
    assert (r.section, r.code, r.texts) == (
        "Media processing errors",
        "1007",
        {"description": "Internal error", "message": "InternalError"},
    )
    r = row_at(result, 21)  # "-" action omitted
    assert (r.code, r.texts) == ("-110", {"description": "The image is blocked."})


# --------------------------------------------------------------------------- page text

TXT = "cos-errors.intl.en.2026-06-02.txt"


def test_pagetext_sections():
    result = load(TXT)
    assert result.revision.format == "pagetext"
    assert sections(result) == {
        "4XX Error Codes": 128,
        "5XX Error Codes": 6,
        "Image Download Processing Error Codes": 50,
        "Image Persistence Processing Error Codes": 16,
        "Document Preview Error Codes": 6,
        "Content Moderation Error Codes": 16,
        "MPS Error Codes": 25,
    }
    assert result.warnings == []
    # node tables and chrome give nothing
    assert not [r for r in result.rows if r.code in ("Error", "Code", "Unduh", "TraceId")]
    assert not [r for r in result.rows if r.line < 74 or r.line > 895]


def test_pagetext_rows():
    result = load(TXT)
    first = result.rows[0]
    assert (first.line, first.code, first.status, first.status_text, first.texts) == (
        74,
        "ActionAccelerateNotSupported",
        400,
        "400 Bad Request",
        {"description": "This operation is not supported for accelerated domains."},
    )
    split = row_at(result, 451)
    assert (split.code, split.status, split.status_text) == ("MirrorFailed", 424, "424 Failed Dependency")
    assert split.texts == {"description": "The mirror source site returns 403."}
    slow = row_at(result, 482)
    assert (slow.code, slow.status, slow.section, slow.index) == ("SlowDown", 503, "5XX Error Codes", 5)
    assert slow.texts["description"] == (
        "Traffic control is triggered when the access bandwidth exceeds the threshold. "
        "Error message: Connection refused due to traffic overload.\n"
        "Frequency control is triggered when the access frequency exceeds the threshold. "
        "Error message: Message: Reduce your request rate."
    )
    ats = row_at(result, 385)
    assert (ats.code, ats.status, ats.status_text) == ("AccessTimeNotSupported", 405, "405 AccessTimeNotSupported")
    expired = row_at(result, 313)
    assert (expired.code, expired.status) == ("Request has expired", 403)
    maz = row_at(result, 218)
    assert maz.texts["description"].endswith("\nThe multiple availability zones operation is not supported by single availability zone bucket")
    r = row_at(result, 512)
    assert (r.code, r.texts.keys() == {"description"}) == ("-109", True)
    r = row_at(result, 494)
    assert r.texts == {
        "description": "Invalid request. The request message cannot be recognized.",
        "action": "Please check the request content.",
    }
    mps = row_at(result, 821)
    assert (mps.section, mps.code, mps.texts) == (
        "MPS Error Codes",
        "1007",
        {"message": "InternalError", "description": "Internal error."},
    )
    assert [r.line for r in result.rows if r.code == "-3006"] == [572, 704]


def test_pagetext_content_moderation_variants():
    result = load(TXT)
    r = row_at(result, 737)
    assert r.code == "-65003" and r.section == "Content Moderation Error Codes" and r.index == 2
    assert r.texts == {"name": "InvalidArgument", "message": "invalid params", "description": "Invalid parameter."}
    assert r.variants == [
        {"message": "missing Object", "description": "Missing value for Object."},
        {"message": "invalid DetectType", "description": "Incorrect DetectType value."},
        {"message": "Param CallbackVersion is illegal", "description": "Incorrect CallbackVersion parameter value."},
        {"message": "No such bucket", "description": "The bucket does not exist."},
        {"message": "The image is empty file", "description": "The image content is empty."},
        {"message": "Param is illegal", "description": "Incorrect parameter value."},
    ]
    assert r.as_dict()["variants"] == r.variants
    assert row_at(result, 765).variants == [{"message": "url unreachable"}]
    assert row_at(result, 770).variants == [
        {"message": "File is too large or empty"},
        {
            "name": "ImageTooLarge",
            "message": "Input image's size exceeded limit",
            "description": "The image is too large and cannot be audited.",
        },
    ]
    slow = row_at(result, 757)
    assert slow.texts == {"name": "SlowDown", "message": "RequestLimitExceeded", "description": "Request frequency is too high."}
    assert slow.variants == []
    assert row_at(result, 808).variants == [
        {
            "name": "ImageTooLarge",
            "message": "Input image's width or height exceeded limit",
            "description": "The image width or height exceeds the limit.",
        }
    ]


def test_pagetext_other_chrome_words(tmp_path):
    text = (UPSTREAM / TXT).read_text(encoding="utf-8")
    text = text.replace("Unduh", "Download").replace("Mode fokus", "Focus mode")
    text = text.replace("Bantuan dan Dukungan", "Help and Support").replace("Apakah halaman ini membantu?", "Was this page helpful?")
    text = "Docs\nProducts\nConsole\n\n" + text + "\nContact us\nSitemap\n"
    p = tmp_path / "page.txt"
    p.write_text(text, encoding="utf-8")
    result = import_file(p)
    base = load(TXT)
    assert result.revision.format == "pagetext"
    assert [(r.section, r.code, r.line - 4) for r in result.rows] == [(r.section, r.code, r.line) for r in base.rows]
    assert result.warnings == []


# --------------------------------------------------------------------------- variations

def test_detect_format():
    assert detect_format("| 错误码 | 含义 |\n| --- | --- |\n| -1 | x |\n") == "markdown"
    assert detect_format("Title\n\nError Code\nDescription\n-1\nbad\n") == "pagetext"
    assert detect_format("") == "markdown"
    assert detect_format("just prose\n") == "markdown"


def test_code_first_status_last_and_bold_headers():
    text = (
        "## 错误码列表\n\n**4XX类型错误**\n\n"
        "| **错误码** | **描述** | **HTTP状态码** |\n"
        "| :--- | :---: | ---: |\n"
        "| **NoSuchKey** | 对象`不存在`<br>请检查 | 404 Not Found |\n"
        "| Other | 其他错误 | - |\n"
    )
    result = imp(text)
    assert result.warnings == []
    a, b = result.rows
    assert (a.section, a.code, a.status, a.status_text, a.line, a.index) == ("4XX类型错误", "NoSuchKey", 404, "404 Not Found", 7, 0)
    assert a.texts == {"description": "对象不存在\n请检查"}
    assert (b.code, b.status, b.status_text) == ("Other", None, "-")


def test_status_first_four_columns():
    text = (
        "# Errors\n\n### Client\n\n"
        "| HTTP Status Code | Error Code | Error Message | Description |\n"
        "|---|---|---|---|\n"
        "| 412 Precondition | PreconditionFailed | precondition failed | The precondition failed |\n"
        "| 503 Slow Down | SlowDown | slow down | Reduce your rate |\n"
    )
    result = imp(text)
    a, b = result.rows
    assert (a.section, a.code, a.status, a.status_text) == ("Client", "PreconditionFailed", 412, "412 Precondition")
    assert a.texts == {"message": "precondition failed", "description": "The precondition failed"}
    assert (b.code, b.status, b.index) == ("SlowDown", 503, 1)


def test_swapped_cells_are_recognised(tmp_path):
    text = (
        "### 4XX\n\n"
        "| Error Code | Description | HTTP Status Code |\n"
        "| --- | --- | --- |\n"
        "| NoSuchKey | The key does not exist | 404 Not Found |\n"
        "| 400 Bad Request | The request is bad | BadRequest |\n"
        "| The bucket is gone | NoSuchBucket | 404 Not Found |\n"
    )
    p = tmp_path / "swapped.md"
    p.write_text(text, encoding="utf-8")
    result = import_file(p)
    ok, swapped, described = result.rows
    assert (ok.code, ok.status) == ("NoSuchKey", 404)
    assert (swapped.code, swapped.status, swapped.status_text, swapped.texts) == (
        "BadRequest",
        400,
        "400 Bad Request",
        {"description": "The request is bad"},
    )
    assert (described.code, described.status, described.texts) == (
        "NoSuchBucket",
        404,
        {"description": "The bucket is gone"},
    )
    assert [(w.line, w.level) for w in result.warnings] == [(6, "warning"), (7, "warning")]
    assert all("another order" in w.message for w in result.warnings)
    assert str(result.warnings[0]).startswith(f"{p}:6:1: warning: ")


def test_two_column_swapped_code_and_description():
    text = "| 错误码 | 含义 |\n| --- | --- |\n| -6101 | 图片不存在 |\n| 图片涉嫌违禁 | -5062 |\n"
    result = imp(text)
    assert [(r.code, r.texts["description"]) for r in result.rows] == [("-6101", "图片不存在"), ("-5062", "图片涉嫌违禁")]
    [w] = result.warnings
    assert w.line == 4


def test_no_outer_pipes_tabs_and_plain_titles():
    text = (
        "## 1 图片下载错误\n"
        "图片下载失败时，返回包headers中的X-ErrNo字段错误码说明。\n\n"
        "错误码|\t含义\n---------|---------\n-6101|\t图片不存在\n-100\t|未知错误\n"
        "\n3 文件缓存错误码说明\n\n"
        "错误码|\t含义\n---------|---------\n-300\t|服务过载\n"
    )
    result = imp(text)
    assert [(r.section, r.code, r.texts["description"], r.line, r.index) for r in result.rows] == [
        ("图片下载错误", "-6101", "图片不存在", 6, 0),
        ("图片下载错误", "-100", "未知错误", 7, 1),
        ("文件缓存错误码说明", "-300", "服务过载", 13, 0),
    ]
    assert result.warnings == []


def test_crlf_and_bom(tmp_path):
    text = "\ufeff## Errors\r\n\r\n| Error Code | Description |\r\n| --- | --- |\r\n| -1 | bad |\r\n"
    p = tmp_path / "crlf.md"
    p.write_bytes(text.encode("utf-8"))
    result = import_file(p)
    [r] = result.rows
    assert (r.section, r.code, r.texts, r.line) == ("Errors", "-1", {"description": "bad"}, 5)
    assert result.warnings == []


def test_stray_trailing_text_and_extra_empty_cells():
    text = (
        "| Error Code | Description | Solution |\n| --- | --- | --- |\n"
        "| -164 | Too frequent | Slow down | - \n"
        "| -165 | Restricted | - | |\n"
        "| -166 | Bad format | - | really stray\n"
    )
    result = imp(text)
    assert [(r.code, r.texts) for r in result.rows] == [
        ("-164", {"description": "Too frequent", "action": "Slow down"}),
        ("-165", {"description": "Restricted"}),
        ("-166", {"description": "Bad format"}),
    ]
    [w] = result.warnings
    assert w.line == 5 and "really stray" in w.message


def test_short_row_and_unreadable_line():
    text = (
        "### Errors\n\n"
        "| HTTP Status Code | Error Code | Description |\n| --- | --- | --- |\n"
        "| 400 Bad Request | BadDigest |\n"
        "| lonely |\n"
        "| 404 Not Found | NoSuchKey | gone |\n"
    )
    result = imp(text)
    assert [(r.code, r.status, r.texts) for r in result.rows] == [
        ("BadDigest", 400, {}),
        ("NoSuchKey", 404, {"description": "gone"}),
    ]
    by_line = {w.line: w.message for w in result.warnings}
    assert set(by_line) == {5, 6}
    assert "missing: description" in by_line[5]
    assert "cannot be read" in by_line[6]
    assert str([w for w in result.warnings if w.line == 6][0]).startswith("t.md:6:1: warning: table line cannot be read")


def test_node_tables_and_code_blocks_are_skipped():
    text = (
        "```\n| Error Code | Description |\n| --- | --- |\n| InFence | no |\n```\n\n"
        "| Node Name (Keyword) | Parent Node | Description | Type |\n| --- | --- | --- | --- |\n"
        "| Code | Error | The code | string |\n\n"
        "| 元素名称 | 描述 | 类型 |\n| --- | --- | --- |\n| Error | 包含所有的错误信息 | Container |\n\n"
        "**Errors**\n\n| Error Code | Description |\n| --- | --- |\n| Real | yes |\n"
    )
    result = imp(text)
    assert [(r.section, r.code) for r in result.rows] == [("Errors", "Real")]
    assert result.warnings == []


def test_unknown_table_is_reported():
    result = imp("| Name | Value |\n| --- | --- |\n| a | b |\n")
    assert result.rows == []
    [w] = result.warnings
    assert w.line == 1 and "no error-code column" in w.message


def test_pagetext_variations(tmp_path):
    text = (
        "Beranda\nDokumentasi\n\nSome Product\n\nThe page describes errors.\n\n"
        "Client Errors\n\nHTTP Status Code\nError Code\nDescription\n"
        "400 Bad Request\nBadDigest\nDigest mismatch.\n"
        "424\nFailed Dependency\nMirrorFailed\nMirror failed.\n"
        "503 Service Unavailable\nSlowDown\nToo fast.\nSecond paragraph.\n"
        "\nNumeric Errors\n\nError Code\nDescription\nHandling Measures\n"
        "-103\nInvalid request.\n-\n-104\nInvalid APPID.\nCheck the APPID.\n"
        "\nHubungi kami\n"
    )
    p = tmp_path / "page.txt"
    p.write_text(text, encoding="utf-8")
    result = import_file(p)
    assert result.revision.format == "pagetext"
    got = [(r.section, r.code, r.status, r.status_text, r.texts, r.line, r.index) for r in result.rows]
    assert got == [
        ("Client Errors", "BadDigest", 400, "400 Bad Request", {"description": "Digest mismatch."}, 13, 0),
        ("Client Errors", "MirrorFailed", 424, "424 Failed Dependency", {"description": "Mirror failed."}, 16, 1),
        ("Client Errors", "SlowDown", 503, "503 Service Unavailable", {"description": "Too fast.\nSecond paragraph."}, 20, 2),
        ("Numeric Errors", "-103", None, None, {"description": "Invalid request."}, 30, 0),
        ("Numeric Errors", "-104", None, None, {"description": "Invalid APPID.", "action": "Check the APPID."}, 33, 1),
    ]
    assert result.warnings == []


def test_pagetext_unreadable_line_before_first_row():
    text = "T\n\nError Code\nDescription\nstray words here\n-1\nbad\n"
    result = imp(text, "pagetext")
    assert [r.code for r in result.rows] == ["-1"]
    [w] = result.warnings
    assert (w.line, w.level) == (5, "warning") and "cannot be read" in w.message


def test_empty_file(tmp_path):
    p = tmp_path / "empty.md"
    p.write_bytes(b"")
    result = import_file(p)
    assert result.rows == [] and result.warnings == []
    assert result.revision.id == "empty" and result.revision.page == "unknown"


def test_binary_file_raises(tmp_path):
    p = tmp_path / "blob.md"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError) as exc:
        import_file(p)
    [problem] = exc.value.problems
    assert (problem.line, problem.column) == (1, 1)
    assert "not a text file" in problem.message


def test_invalid_utf8_is_replaced_with_warning(tmp_path):
    p = tmp_path / "latin.md"
    p.write_bytes("| Error Code | Description |\n| --- | --- |\n| -1 | caf".encode() + b"\xe9 |\n")
    result = import_file(p)
    [r] = result.rows
    assert r.texts["description"] == "caf\ufffd"
    [w] = result.warnings
    assert (w.line, w.level) == (1, "warning") and "UTF-8" in w.message


def test_revision_for_unknown_names(tmp_path):
    zh = tmp_path / "notes.md"
    zh.write_text("## 错误\n\n| 错误码 | 含义 |\n| --- | --- |\n| -1 | 图片不存在，请检查后重试 |\n", encoding="utf-8")
    en = tmp_path / "other.md"
    en.write_text("| Error Code | Description |\n| --- | --- |\n| -1 | The image does not exist |\n", encoding="utf-8")
    rz, re_ = import_file(zh).revision, import_file(en).revision
    assert (rz.id, rz.page, rz.edition, rz.date, rz.language) == ("notes", "unknown", "unknown", "unknown", "zh")
    assert re_.language == "en"
    named = tmp_path / "ci-errors.cn.zh.2018-02-08.md"
    named.write_text("", encoding="utf-8")
    r = import_file(named).revision
    assert (r.id, r.page, r.edition, r.language, r.date) == ("ci-errors.cn.zh.2018-02-08", "ci-errors", "cn", "zh", "2018-02-08")


def test_import_text_uses_revision():
    revision = rev(path="upstream/x.md")
    result = import_text("| 错误码 | 含义 |\n| --- | --- |\n| **-1** | `坏` |\n| x |\n", revision)
    assert result.revision is revision
    assert [(r.revision, r.code, r.texts) for r in result.rows] == [("t", "-1", {"description": "坏"})]
    assert str(result.warnings[0]).startswith("upstream/x.md:4:1: warning:")


# --------------------------------------------------------------------------- helpers

def test_helpers():
    assert parse_status("409 ObjectNotAppendale") == 409
    assert parse_status("N/A") is None
    assert parse_status("4001") is None
    assert clean_title("## 1 图片下载错误") == "图片下载错误"
    assert clean_title("**3XX类型错误**") == "3XX类型错误"
    assert clean_title("3 文件缓存错误码说明") == "文件缓存错误码说明"
    assert clean_title("#### 2.1 Image download errors") == "Image download errors"
    assert clean_cell("see [Rules](https://x.y/1) **now**") == "see [Rules](https://x.y/1) now"
    assert clean_cell("a<br/>b") == "a\nb"
    assert repair_mojibake("developerâ€™s") == ("developer’s", [("â€™", "’")])
    assert repair_mojibake("café naïve ©") == ("café naïve ©", [])


# --------------------------------------------------------------------------- CLI

def _run_cli(argv):
    from generator.cli import main

    return main(argv)


def test_cli_json_uses_registered_revision(capsys):
    code = _run_cli(["import", str(UPSTREAM / "ci-errors.intl.en.2020-08-04.md"), "--json"])
    out, err = capsys.readouterr()
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"revision", "rows", "warnings"}
    assert data["revision"]["origin"]["commit"] == "56d365daa499"
    assert data["revision"]["notes"]
    assert len(data["rows"]) == 59
    assert "developer’s" in out  # ensure_ascii=False
    assert data["warnings"][0]["line"] == 35
    assert ":35:" in err


def test_cli_human_output(tmp_path, capsys):
    p = tmp_path / "x.md"
    p.write_text("## Errs\n\n| Error Code | Description | HTTP Status Code |\n| --- | --- | --- |\n| NoSuchKey | gone | 404 Not Found |\n| a |\n", encoding="utf-8")
    assert _run_cli(["import", str(p)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == ["5\tErrs\tNoSuchKey\t404 Not Found\tgone"]
    assert f"{p}:6:1: warning: table line cannot be read" in err


def test_cli_missing_file(tmp_path, capsys):
    missing = tmp_path / "nope.md"
    assert _run_cli(["import", str(missing)]) == 1
    assert str(missing) in capsys.readouterr().err


def test_cli_binary_file(tmp_path, capsys):
    p = tmp_path / "b.md"
    p.write_bytes(b"\x00\x01")
    assert _run_cli(["import", str(p)]) == 1
    assert "not a text file" in capsys.readouterr().err


def test_non_pipe_line_inside_table_is_reported():
    text = (
        "| Error Code | Description |\n| --- | --- |\n| -1 | one |\n"
        "this line lost its pipes\n| -2 | two |\n\nProse after.\n"
    )
    result = imp(text)
    assert [(r.code, r.line) for r in result.rows] == [("-1", 3), ("-2", 5)]
    [w] = result.warnings
    assert w.line == 4 and "cannot be read" in w.message


def test_pagetext_title_is_the_line_after_the_blank():
    text = (
        "Menu\n\nImage Errors\nThe following table lists the codes.\nError Code\nDescription\n-1\nbad\n"
        "Follow-up Errors\nError Code\nDescription\n-2\nworse\n"
    )
    result = imp(text, "pagetext")
    assert [(r.section, r.code) for r in result.rows] == [("Image Errors", "-1"), ("Follow-up Errors", "-2")]


def test_main_cli_dispatches_import(capsys):
    from generator.cli import main

    assert main(["import", str(UPSTREAM / "wanxiang-errors.cn.zh.2017-05-27.md"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["revision"]["id"] == "wanxiang-errors.cn.zh.2017-05-27"
    assert len(data["rows"]) == 274
