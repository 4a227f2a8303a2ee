"""``errdocs diff``: exit statuses, formats, escaping, errors, catalog intake."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.diff import diff_revisions, render_html
from generator.importers import import_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "diff"


def run(capsys, *argv):
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        code = main(["diff", *argv])
    finally:
        os.chdir(old)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_no_changes_exit_0(capsys):
    code, out, _ = run(capsys, "cos-errors.intl.en.2022-04-06", "cos-errors.intl.en.2023-07-10")
    assert code == 0
    assert "No changes" in out


def test_changes_exit_1_and_json_schema(capsys):
    code, out, _ = run(capsys, "cos-errors.cn.zh.2017-04-20", "cos-errors.cn.zh.2017-07-26", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["old"] == "cos-errors.cn.zh.2017-04-20" and data["new"] == "cos-errors.cn.zh.2017-07-26"
    assert data["cross_language"] is False
    assert [(c["kind"], c["code"], c["old"], c["new"]) for c in data["changes"]] == [
        ("code-renamed", "ImcompleteBody", "ImcompleteBoady", "ImcompleteBody"),
        ("code-renamed", "IncorrectNumberOfFilesInPostRequest", "IncorrectNumberOfFilesInPsotRequest",
         "IncorrectNumberOfFilesInPostRequest"),
    ]
    for c in data["changes"]:
        assert {"kind", "severity", "section", "code", "old", "new", "codes", "line_old", "line_new"} <= set(c)
        assert c["severity"] == "major"
        assert c["section"] == "4XX类型错误"


def test_paths_work_like_ids(capsys):
    a = "source/upstream/cos-errors.cn.zh.2017-04-20.md"
    code, out, _ = run(capsys, a, "cos-errors.cn.zh.2017-07-26", "--format", "json")
    assert code == 1 and json.loads(out)["old"] == "cos-errors.cn.zh.2017-04-20"
    code, out, _ = run(capsys, str(FIXTURES / "codes_base.md"), str(FIXTURES / "codes_revision.md"))
    assert code == 1 and "MissingHost" in out


@pytest.mark.parametrize("argv, needle", [
    (["cos-errors.intl.en.1999-01-01", "cos-errors.intl.en.2023-07-10"], "cos-errors.intl.en.1999-01-01"),
    (["cos-errors.intl.en.2023-07-10", "missing/file.md"], "missing/file.md: no such file"),
    (["source/upstream", "cos-errors.intl.en.2023-07-10"], "source/upstream: not a file"),
    (["cos-errors.intl.en.2023-07-10"], "expected OLD NEW"),
])
def test_errors_exit_2_with_one_line(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert needle in err and len(err.strip().splitlines()) == 1


def test_unreadable_input_exit_2(capsys, tmp_path):
    binary = tmp_path / "x.md"
    binary.write_bytes(b"\x00\x01\x02")
    empty = tmp_path / "empty.md"
    empty.write_text("no tables here\n", encoding="utf-8")
    for bad in (binary, empty):
        code, _, err = run(capsys, str(bad), "cos-errors.intl.en.2023-07-10")
        assert code == 2 and str(bad) in err


def test_markdown_and_text(capsys):
    code, out, _ = run(capsys, "cos-errors.cn.zh.2017-07-26", "cos-errors.cn.zh.2018-11-30", "--format", "markdown")
    assert code == 1
    assert out.startswith("# cos-errors.cn.zh.2017-07-26 → cos-errors.cn.zh.2018-11-30")
    assert "`AccoountProblem` → `AccountProblem`" in out
    assert "~~文件路径~~" in out and "**自定义头部**" in out
    code, out, _ = run(capsys, "cos-errors.cn.zh.2017-07-26", "cos-errors.cn.zh.2018-11-30")
    assert "\033[" not in out  # not a TTY: no colour
    assert "[-文件路径-]{+自定义头部+}过长" in out


def test_html_escapes_upstream_text_and_carries_codes():
    report = diff_revisions(import_file(FIXTURES / "escape_base.md"), import_file(FIXTURES / "escape_revision.md"))
    for lang in ("en", "zh"):
        html = render_html(report, lang)
        assert "<script" not in html and "<img" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert 'data-code="Evil_Code"' in html
    assert "Code added" in render_html(report, "en")
    assert "新增错误码" in render_html(report, "zh")


def test_cross_language_real_pages(capsys):
    code, out, _ = run(capsys, "ci-media-errors.intl.en.2021-12-31", "ci-media-errors.intl.zh.2021-12-31")
    assert code == 0  # same codes, statuses and tables; wording is not compared
    code, out, _ = run(capsys, "cos-errors.intl.en.2023-07-10", "cos-errors.intl.zh.2023-07-10", "--format", "json")
    data = json.loads(out)
    assert data["cross_language"] is True
    # the catch-all row is spelled "Other" in English and "其他" in Chinese
    assert [(c["kind"], c["code"]) for c in data["changes"]] == [("code-removed", "Other"), ("code-added", "其他")]


def _catalog_ready() -> bool:
    from generator.project import load_project
    try:
        return not load_project(ROOT / "source").errors
    except Exception:
        return False


@pytest.mark.skipif(not _catalog_ready(), reason="catalog not valid yet")
def test_catalog_intake(capsys, tmp_path):
    code, out, _ = run(capsys, "--catalog", "cos-errors.intl.en.2020-12-21")
    assert code == 0 and "Nothing to absorb" in out
    new = tmp_path / "cos-errors.intl.en.2027-01-01.md"
    new.write_text((FIXTURES / "intake_revision.md").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run(capsys, "--catalog", str(new), "--format", "json")
    assert code == 1
    items = [(i["kind"], i["code"], i["entry"]) for i in json.loads(out)["items"]]
    assert items == [
        ("new-conflict", "NoSuchKey", "cos-xml-api/NoSuchKey"),
        ("new-conflict", "NoSuchKey", "cos-xml-api/NoSuchKey"),  # its wording, too: "The key does not exist"
        ("new-spelling", "NoSuchBuckt", "cos-xml-api/NoSuchBucket"),
        ("new-code", "BrandNewCode", None),
        ("new-section", None, None),
    ]
    wording = json.loads(out)["items"][1]
    assert wording["detail"].startswith("a newer wording of NoSuchKey changes its key terms: description (en) "
                                        "cos-errors.intl.en.2026-06-02 → cos-errors.intl.en.2027-01-01: -object")
    assert wording["suggestion"].startswith("record decisions.wording on NoSuchKey")


def test_module_entry_point():
    proc = subprocess.run([sys.executable, "-m", "generator", "diff", "cos-errors.intl.en.2022-04-06",
                           "cos-errors.intl.en.2023-07-10"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_html_keeps_joined_words_and_revision_ids_whole(capsys):
    # browsers break after any hyphen: a header name would split into two ("Access-Control-" / "Request-Method")
    code, out, _ = run(capsys, "cos-errors.intl.en.2023-07-10", "cos-errors.intl.en.2026-06-02", "--format", "html")
    assert code == 1
    whole = '<span class="errdocs-nowrap">Access-Control-Request-Method</span>'
    assert whole in out and out.count("Access-Control-Request-Method") == out.count(whole)
    # the summary's revision ids wrap only at their dots
    summary = re.search(r'<p class="diff-summary">(.*?)</p>', out).group(1)
    assert summary.startswith('<span class="errdocs-nowrap">cos-errors.</span><wbr><span class="errdocs-nowrap">intl.</span>')
    assert "2023-07-10" in summary and "cos-errors.intl" not in summary
