"""Whole builds of the fixture source: pages, escaping, redirects, JSON, search split, failures."""

from __future__ import annotations

import json
import shutil

from conftest import FIXTURE_SOURCE, build, write_config


def read(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_every_page_in_both_languages(built_site):
    for path in ["index.html", "cos-xml-api/index.html", "cos-xml-api/NoSuchKey/index.html",
                 "ci-download/-46618/index.html", "status/index.html", "errata/index.html",
                 "revisions/index.html", "revisions/cos-errors.cn.zh.2016-12-07/index.html"]:
        assert (built_site / path).is_file(), path
        assert (built_site / "zh" / path).is_file(), "zh/" + path
    assert 'lang="zh"' in read(built_site, "zh/index.html")
    assert "搜索" in read(built_site, "zh/index.html")


def test_upstream_text_is_escaped(built_site):
    for lang in ("", "zh/"):
        page = read(built_site, f"{lang}cos-xml-api/Evil~2EText_1/index.html")
        assert "<script>alert(1)" not in page and "<img src=x" not in page
        assert 'href="javascript' not in page
    page = read(built_site, "cos-xml-api/Evil~2EText_1/index.html")
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "{{ 7*7 }}" in page
    assert '<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer"' in page


def test_own_translation_is_marked(built_site):
    assert "非官方译文" in read(built_site, "zh/cos-xml-api/NoSuchKey/index.html")
    assert "not official wording" not in read(built_site, "cos-xml-api/NoSuchKey/index.html")


def test_entry_page_content(built_site):
    page = read(built_site, "ci-media-api/AccessDenied/index.html")
    assert "401" in page and "403" in page and "the request has no valid credentials" in page
    assert "ci-media-errors.intl.en.2021-12-31" in page
    assert "Both rows are listed" in page
    paired = read(built_site, "ci-media-numeric/1013/index.html")
    assert "../../ci-media-api/InvalidAuthorization/" in paired


def test_alias_redirects(built_site):
    page = read(built_site, "cos-xml-api/InternalErrror/index.html")
    assert 'http-equiv="refresh" content="0; url=../../cos-xml-api/InternalError/"' in page
    assert 'rel="canonical" href="../../cos-xml-api/InternalError/"' in page
    assert (built_site / "cos-xml-api/Access~20Denied/index.html").is_file()


def test_json_catalog(built_site):
    for lang in ("en", "zh"):
        data = json.loads(read(built_site, f"api/v1/catalog.{lang}.json"))
        assert data["schema"] == "errdocs-catalog/1" and data["language"] == lang
        entries = {e["key"]: e for f in data["families"] for e in f["entries"]}
        assert len(entries) == 14
        assert entries["ci-download/-46618"]["url"].endswith("ci-download/-46618/")
    zh = json.loads(read(built_site, "api/v1/catalog.zh.json"))
    key = {e["key"]: e for f in zh["families"] for e in f["entries"]}["cos-xml-api/NoSuchKey"]
    assert key["texts"]["description"]["official"] is False


def test_search_index_per_language(built_site):
    en = json.loads(read(built_site, "search/search_index.json"))
    zh = json.loads(read(built_site, "zh/search/search_index.json"))
    assert not any(d["location"].startswith("zh/") for d in en["docs"])
    assert "\\u200b" in zh["config"]["separator"]
    assert any(d["location"] == "ci-download/-46618/" for d in zh["docs"])
    assert any("签名" in d["text"] for d in zh["docs"])


def test_invalid_source_fails_and_keeps_previous_site(tmp_path, built_site):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    source = tmp_path / "source"
    shutil.copytree(FIXTURE_SOURCE, source)
    family = source / "catalog" / "ci-download.yaml"
    family.write_text(family.read_text(encoding="utf-8").replace('  - code: "-164"\n', ""), encoding="utf-8")
    result = build(write_config(tmp_path, source, site))
    assert result.returncode != 0
    assert "ci-errors.intl.en.2023-01-18.md:" in result.stderr and "-164" in result.stderr
    assert (site / "ci-download" / "-164" / "index.html").is_file()
    assert not list(tmp_path.glob("site.building-*"))
