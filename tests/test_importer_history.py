"""Importers on what the whole upstream history holds: V4 text lists and the rarer table layouts.

Real inputs are revisions copied byte for byte from the upstream replicas
(tests/fixtures/history/README.md names their blobs and paths); the varied inputs are made here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path


from generator.importers import detect_format, import_file, import_text
from generator.importers.common import split_lines
from generator.model import Revision

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "tests" / "fixtures" / "history"


def rev(fmt: str) -> Revision:
    return Revision(id="t", page="p", edition="e", language="zh", date="2020-01-01", path="t.md", format=fmt)


def imp(text: str):
    return import_text(text, rev(detect_format(text)))


def rows_of(result) -> list[tuple]:
    return [(r.section, r.code, r.texts, r.line) for r in result.rows]


def unaccounted_lines(path: Path, result) -> list[int]:
    """Text lines that are neither a heading, a row nor a warning (a silent drop if it were a code)."""
    used = {r.line for r in result.rows} | {w.line for w in result.warnings}
    lines = split_lines(path.read_text(encoding="utf-8"))
    return [i for i, s in enumerate(lines, 1) if s.strip() and not s.lstrip().startswith("#") and i not in used]


# --------------------------------------------------------------------------- text lists, real

def test_v4_sdk_codes_read_as_text_list():
    path = HISTORY / "cos-v4-codes.cn.zh.2016-08-02.md"
    result = import_file(path)
    assert result.revision.format == "textlist"
    assert len(result.rows) == 193
    first = result.rows[0]
    assert (first.section, first.code, first.texts, first.line, first.status) == (
        "服务端 SDK 错误码", "-1", {"description": "指定的上传文件不存在"}, 3, None)
    proxy = next(r for r in result.rows if r.code == "-99")
    assert (proxy.section, proxy.texts) == (
        "PROXY 错误码", {"name": "ERROR_PROXY_GET_CONFIG", "description": "proxy读取配置失败"})
    # headings "## 1 服务端 SDK 错误码" ... "## 9 OSS 错误码" are the sections, numbering dropped
    assert list(dict.fromkeys(r.section for r in result.rows)) == [
        "服务端 SDK 错误码", "后端HTTP返回码", "业务返回码", "PROXY 错误码", "CMD 错误码",
        "文件缓存的错误码", "文件插件错误码", "CGI 错误码", "OSS 错误码"]
    assert [r.index for r in result.rows if r.section == "业务返回码"] == [0, 1]
    assert unaccounted_lines(path, result) == []


def test_v4_name_written_before_its_code_is_read_with_a_warning():
    path = HISTORY / "cos-v4-codes.cn.zh.2016-08-02.md"
    result = import_file(path)
    success = next(r for r in result.rows if r.line == 35)
    assert (success.code, success.texts) == ("0", {"name": "_SUCCESS", "description": "成功"})
    [w] = result.warnings
    assert (w.path, w.line, w.level) == (str(path), 35, "warning")
    assert "name written before its code" in w.message


def test_v4_list_items_that_lost_their_code_are_warnings(tmp_path):
    path = HISTORY / "cos-v4-faq.cn.zh.2016-12-12.md"
    assert b"\r\n" in path.read_bytes()  # this revision has CRLF line ends
    result = import_file(path)
    assert len(result.rows) == 197
    lost = [(w.line, w.message) for w in result.warnings if "no error code" in w.message]
    assert [line for line, _ in lost] == [21, 23, 25, 27]
    assert "参数错误" in lost[2][1]
    assert result.rows[0].texts == {"description": "正常"} and result.rows[0].section == "下载状态码"
    assert unaccounted_lines(path, result) == []


def test_v4_wide_list_with_padding_and_names_without_text():
    path = HISTORY / "cos-v4-faq.cn.zh.2016-11-23.md"
    result = import_file(path)
    assert result.warnings == []
    assert len(result.rows) == 449
    by_line = {r.line: r for r in result.rows}
    # no-break spaces pad the columns; a code may give only its name
    assert (by_line[633].code, by_line[633].texts, by_line[633].section) == (
        "-29000", {"name": "ERR_CCDMQ_OVERFLOW"}, "Httpsvr错误码")
    assert by_line[647].texts == {"name": "ERR_REQ_EXPIRED", "description": "过期了"}
    # on a page whose rows carry names, a capitalised word after the code is one
    assert (by_line[25].code, by_line[25].texts) == ("-0", {"name": "SUCCESS", "description": "成功"})
    assert by_line[229].texts == {"name": "2RSP", "description": "打包失败"}
    assert unaccounted_lines(path, result) == []


def test_import_cli_json_on_a_text_list(tmp_path):
    path = HISTORY / "cos-v4-codes.cn.zh.2016-08-02.md"
    proc = subprocess.run([sys.executable, "-m", "generator", "import", str(path), "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"revision", "rows", "warnings"}
    assert data["revision"]["format"] == "textlist"
    assert data["revision"]["id"] == "cos-v4-codes.cn.zh.2016-08-02"
    row = next(r for r in data["rows"] if r["code"] == "-98")
    assert row == {"section": "PROXY 错误码", "code": "-98", "status": None, "status_text": None,
                   "texts": {"name": "ERROR_PROXY_AUTH_INVOKE", "description": "调用签名服务失败"}, "line": 43}
    assert [(w["line"], w["level"]) for w in data["warnings"]] == [(35, "warning")]
    assert f"{path}:35:1: warning: name written before its code" in proc.stderr


def test_troubleshooting_guide_is_not_a_text_list():
    path = HISTORY / "cos-403.intl.en.2021-04-26.md"
    text = path.read_text(encoding="utf-8")
    # three "403 is returned ..." lines among prose: a guide (issue 15), read into cases, never rows
    assert detect_format(text) == "guide"
    result = import_file(path)
    assert result.rows == [] and result.warnings == [] and len(result.cases) == 8


# --------------------------------------------------------------------------- text lists, varied

def test_other_headings_blank_lines_and_sections():
    text = (
        "**下载错误码**\n\n\n-200 正常\n\n-404 文件不存在\n"
        "### 2.1 上传错误码：\n-1 指定的上传文件不存在\n-2 网络请求失败\n"
    )
    result = imp(text)
    assert detect_format(text) == "textlist"
    assert [(r.section, r.code, r.index) for r in result.rows] == [
        ("下载错误码", "-200", 0), ("下载错误码", "-404", 1), ("上传错误码", "-1", 0), ("上传错误码", "-2", 1)]
    assert result.warnings == []


def test_crlf_bom_and_full_width_characters():
    text = "\ufeff## 错误码\r\n\r\n－１　参数错误\r\n-2：网络请求失败\r\n-3\u00a0\u00a0ERROR_X　分片过大\r\n"
    result = imp(text)
    assert rows_of(result) == [
        ("错误码", "－１", {"description": "参数错误"}, 3),
        ("错误码", "-2", {"description": "网络请求失败"}, 4),
        ("错误码", "-3", {"name": "ERROR_X", "description": "分片过大"}, 5),
    ]
    assert result.warnings == []


def test_name_before_code_and_camel_case_names():
    text = "## 插件\n-4000 ErrDecodeReq 请求体解包失败\nERR_OK -4001 成功\n-4002 参数错误\n"
    result = imp(text)
    assert [(r.code, r.texts) for r in result.rows] == [
        ("-4000", {"name": "ErrDecodeReq", "description": "请求体解包失败"}),
        ("-4001", {"name": "ERR_OK", "description": "成功"}),
        ("-4002", {"description": "参数错误"}),
    ]
    [w] = result.warnings
    assert w.line == 3 and "name written before its code" in w.message


def test_capitalised_word_is_text_where_the_page_gives_no_names():
    text = "## SDK\n-1 参数错误\n-2 HTTP 请求失败\n-3 网络错误\n"
    assert [r.texts for r in imp(text).rows][1] == {"description": "HTTP 请求失败"}


def test_lines_that_look_like_codes_but_are_not():
    text = (
        "> 注意：2016-08-02 起停用旧接口。\n\n"  # prose before any list: left alone
        "## 错误码\n-1 参数错误\n-2 网络错误\n-3 分片过大\n-4 签名错误\n-5 文件过大\n-6 路径错误\n"
        "1. 登录控制台查看日志\n"                 # a numbered step among codes
        "- 文件不存在\n"                          # a list item whose code was lost
        "ERROR_ORPHAN 没有错误码\n"                # a name with no code
        "以上错误码仅供参考\n"                     # prose among codes: not row-like
    )
    result = imp(text)
    assert [r.code for r in result.rows] == ["-1", "-2", "-3", "-4", "-5", "-6"]
    assert [(w.line, w.message.split(":")[0]) for w in result.warnings] == [
        (10, "list line has no error code"),
        (11, "list line has no error code"),
        (12, "line cannot be read as an error code"),
    ]
    assert all(w.path == "t.md" and w.column == 1 for w in result.warnings)


def test_code_without_name_or_text_is_a_row_and_a_warning():
    result = imp("## A\n-1 参数错误\n-2 网络错误\n-3\n")
    assert [(r.code, r.texts) for r in result.rows][-1] == ("-3", {})
    [w] = result.warnings
    assert w.line == 4 and "neither name nor text" in w.message


def test_a_few_code_lines_in_prose_stay_markdown():
    text = "# FAQ\n\n403 is returned when the key is wrong.\n404 is returned when it is missing.\n" \
        "500 is returned on a server error.\n\nCheck the key.\nCheck the bucket.\nCheck the region.\nRetry.\n"
    assert detect_format(text) == "markdown"
    assert imp(text).rows == []


def test_code_fences_hold_no_rows():
    text = "## 错误码\n-1 参数错误\n-2 网络错误\n-3 分片过大\n```\n-4 in a sample\n```\n"
    assert [r.code for r in imp(text).rows] == ["-1", "-2", "-3"]


def test_long_words_do_not_backtrack():
    text = "## A\n-1 a\n-2 b\n-3 c\n" + "x" * 200_000 + "\n" + "-4 " + "Y" * 200_000 + "!\n"
    started = time.perf_counter()
    result = imp(text)
    assert time.perf_counter() - started < 5
    assert [r.code for r in result.rows] == ["-1", "-2", "-3", "-4"]


# --------------------------------------------------------------------------- table layouts, real

def test_v4_json_codes_read_the_resolution_column():
    result = import_file(HISTORY / "cos-v4-json.cn.zh.2018-12-28.md")
    assert result.warnings == [] and len(result.rows) == 304
    first = result.rows[0]
    assert (first.code, first.status, first.texts) == ("-47", 403, {
        "description": "签名中的 SECRETID 字段不存在", "action": "请检查签名中的 SECRETID 字段是否填写正确"})
    common = [r for r in result.rows if r.section == "常见错误码"]
    assert len(common) == 40 and all(r.texts.get("action") for r in common)


def test_quoted_cell_split_at_a_pipe_is_one_cell():
    result = import_file(HISTORY / "cos-v4-json.cn.zh.2017-04-28.md")
    by_line = {r.line: r for r in result.rows}
    assert by_line[79].texts == {"description": "操作太频繁|请稍后再试"}
    assert by_line[58].texts["description"].startswith("匹配跨域规则失败|可能 Origin")
    assert [(w.line, w.message) for w in result.warnings] == [
        (58, "a quoted cell held a pipe; read as one cell"), (79, "a quoted cell held a pipe; read as one cell")]


def test_sdk_client_codes_under_status_header_read_like_later_revisions():
    early = import_file(HISTORY / "cos-sdk.cn.zh.2018-11-15.md")
    later = import_file(HISTORY / "cos-sdk.cn.zh.2018-11-16.md")
    assert [r.code for r in early.rows] == [r.code for r in later.rows if r.code not in ("10004", "20004")]
    assert [r.texts["name"] for r in early.rows] == [
        r.texts["message"] for r in later.rows if r.code not in ("10004", "20004")]
    assert all(r.status is None and r.status_text is None for r in early.rows)
    [w] = early.warnings
    assert (w.line, w.column) == (6, 9) and "read as the error code" in w.message


def test_column_without_a_text_kind_is_reported():
    result = import_file(HISTORY / "cos-batch.cn.zh.2019-10-23.md")
    assert len(result.rows) == 26
    [w] = result.warnings
    assert w.line == 18 and w.message == "column 'API' not read: its header names no kind of text"


# --------------------------------------------------------------------------- table layouts, varied

def test_other_header_words():
    text = ("| Error Code | Error Message | Error Description |\n|---|---|---|\n"
            "| 10000 | InvalidArgument | Parameter check failed |\n"
            "\n| 错误码 | 描述 | 解决措施 |\n|---|---|---|\n| -1 | 签名错误 | 请检查签名 |\n")
    result = imp(text)
    assert [r.texts for r in result.rows] == [
        {"message": "InvalidArgument", "description": "Parameter check failed"},
        {"description": "签名错误", "action": "请检查签名"},
    ]
    assert result.warnings == []


def test_quoted_cells_varied():
    text = ('错误码|描述\n---|---\n-1|"a|b|c"\n-2|"plain"\n-3|"open|never closed\n')
    result = imp(text)
    assert [r.texts["description"] for r in result.rows] == ["a|b|c", '"plain"', '"open']
    assert [w.line for w in result.warnings] == [3, 5]
    assert "quoted cell" in result.warnings[0].message
    assert "text after the last column ignored" in result.warnings[1].message


def test_status_column_swap_needs_every_cell_to_be_a_non_http_number():
    base = "| 错误码 | 描述 | 状态码 |\n|---|---|---|\n"
    swapped = imp(base + "| BadRequest | 配置错误 | 10002 |\n| IOError | 读写异常 | 20002 |\n")
    assert [(r.code, r.texts["name"], r.status) for r in swapped.rows] == [
        ("10002", "BadRequest", None), ("20002", "IOError", None)]
    http = imp(base + "| NoSuchKey | 不存在 | 404 |\n| SlowDown | 降速 | 503 |\n")
    assert [(r.code, r.status) for r in http.rows] == [("NoSuchKey", 404), ("SlowDown", 503)]
    assert http.warnings == []
    mixed = imp(base + "| BadRequest | 配置错误 | 10002 |\n| NoSuchKey | 不存在 | 404 |\n")
    assert [r.code for r in mixed.rows] == ["BadRequest", "NoSuchKey"]
    single = imp(base + "| BadRequest | 配置错误 | 10002 |\n")
    assert [r.code for r in single.rows] == ["BadRequest"]


def test_unread_columns_varied():
    text = ("| 错误码 | 描述 | | 备注 |\n|---|---|---|---|\n"
            "| -1 | 签名错误 | x | N/A |\n| -2 | 参数错误 | | - |\n")
    result = imp(text)
    assert [w.message for w in result.warnings] == ["column 3 (no header) not read: its header names no kind of text"]
    assert imp("| 错误码 | 描述 | 备注 |\n|---|---|---|\n| -1 | 签名错误 | 无 |\n").warnings == []


# --------------------------------------------------------------------------- the measuring tool

def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@e", "GIT_AUTHOR_DATE": "2016-08-02T00:00:00",
                        "GIT_COMMITTER_DATE": "2016-08-02T00:00:00", "PATH": "/usr/bin:/bin"})


def test_import_history_tool_counts_every_blob(tmp_path):
    repo = tmp_path / "docs"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "master")
    page = repo / "product" / "错误码.md"
    page.parent.mkdir()
    page.write_bytes((HISTORY / "cos-v4-codes.cn.zh.2016-08-02.md").read_bytes())
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "one")
    page.write_text("## 说明\n\n没有错误码。\n", encoding="utf-8")  # a revision with nothing to read
    (repo / "product" / "故障处理").mkdir()
    (repo / "product" / "故障处理" / "403.md").write_bytes((HISTORY / "cos-403.intl.en.2021-04-26.md").read_bytes())
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "two")
    proc = subprocess.run([sys.executable, "tools/import_history.py", str(repo)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    table = [line.split("\t") for line in lines if not line.startswith("#")]
    assert sorted((t[1], t[2], t[3], t[4]) for t in table) == [
        ("codes", "0", "0", "no rows"), ("codes", "193", "1", "-"), ("troubleshooting", "0", "0", "-")]
    assert "# codes: 2 blobs: clean 0, warnings 1, fail 1" in lines
    assert "# troubleshooting: 1 blobs: clean 1, warnings 0, fail 0" in lines
