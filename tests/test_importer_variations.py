"""Importers on revisions they have never seen: real markdown pages re-rendered as page text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.importers import detect_format, import_file

UPSTREAM = Path("source/upstream")


def as_page_text(markdown: str, chrome_top: list[str], chrome_bottom: list[str]) -> str:
    """What a browser shows of a markdown page: one table cell per line, link text only."""
    out = list(chrome_top) + [""]
    for line in markdown.replace("\r", "").split("\n"):
        s = line.strip()
        if re.match(r"^\|?\s*:?-{2,}", s) or s.startswith("```"):
            continue
        if "|" in s:
            for cell in (c.strip() for c in s.strip("|").split("|")):
                cell = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", cell).replace("**", "").replace("`", "")
                if cell and cell != "-":
                    out.append(cell)
            continue
        out.append(re.sub(r"^#+\s*", "", s).replace("**", ""))
    return "\n".join(out + [""] + list(chrome_bottom)) + "\n"


CHROME = {
    "zh": (["腾讯云", "文档中心", "下载", "最后更新时间：2027-01-01 10:00:00"], ["帮助和支持", "本页内容是否解决了您的问题？"]),
    "en": (["Tencent Cloud", "Documentation", "Download", "Last updated: 2027-01-01"], ["Help & Support", "Was this page helpful?"]),
}


@pytest.mark.parametrize("name", [
    "cos-errors.intl.zh.2023-07-10", "cos-errors.intl.en.2023-07-10", "ci-errors.intl.zh.2023-07-10",
    "ci-errors.intl.en.2023-01-18", "ci-media-errors.intl.en.2021-12-31", "cos-errors.cn.zh.2016-12-07",
    "cos-errors.cn.en.2017-09-07",
])
def test_page_text_rendering_reads_like_its_markdown(tmp_path, name):
    language = name.split(".")[2]
    original = import_file(UPSTREAM / f"{name}.md")
    text = as_page_text((UPSTREAM / f"{name}.md").read_text(encoding="utf-8"), *CHROME[language])
    assert detect_format(text) == "pagetext"
    path = tmp_path / f"{name.rsplit('.', 1)[0]}.2027-01-01.txt"
    path.write_text(text, encoding="utf-8")
    rendered = import_file(path)
    assert [(r.section, r.code, r.status) for r in rendered.rows] == \
        [(r.section, r.code, r.status) for r in original.rows]
    strip_links = lambda t: re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", t).replace("`", "").replace("**", "").strip()
    for a, b in zip(original.rows, rendered.rows):
        assert {k: strip_links(v) for k, v in a.texts.items()} == b.texts, a.code


def test_catch_all_row_in_page_text_is_its_own_row(tmp_path):
    text = as_page_text((UPSTREAM / "ci-errors.intl.zh.2023-07-10.md").read_text(encoding="utf-8"), *CHROME["zh"])
    path = tmp_path / "ci-errors.intl.zh.2027-01-01.txt"
    path.write_text(text, encoding="utf-8")
    rows = [r for r in import_file(path).rows if r.section == "内容审核错误码"]
    assert (rows[-2].code, rows[-1].code) == ("-65016", "其他")
    assert rows[-1].texts == {"description": "内部错误"}  # "无。" is a placeholder
