"""The timeline (issue 14 item 5): revisions grouped by page with their upstream commits, revision
pages with upstream links and neighbours, and a one-line note on each pair that says the same as
something else instead of a repeated list."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator.diff import consecutive_pairs
from generator.model import ImportResult, Revision, Row
from generator.revision import load_revisions
from generator.site import urls
from generator.site.changelog import ChangePage, _annotate
from generator.diff import diff_revisions

ROOT = Path(__file__).resolve().parent.parent
PREFIX = {"en": "", "zh": "zh/"}


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def resolve(page_url: str, href: str) -> str:
    return urlsplit(urljoin("http://site/" + page_url, html.unescape(href))).path.lstrip("/")


def groups() -> dict[tuple[str, str, str], list[Revision]]:
    out: dict[tuple[str, str, str], list[Revision]] = {}
    for rev in load_revisions(ROOT / "source"):
        out.setdefault((rev.page, rev.edition, rev.language), []).append(rev)
    return {k: sorted(v, key=lambda r: (r.date, r.id)) for k, v in out.items()}


def test_upstream_urls_encode_the_path():
    url = urls.upstream_file("tencentyun/qcloud-documents", "a3fd6d9beeed", "api/存储与CDN/对象存储（XML API）/错误码_en.md")
    assert url.startswith("https://github.com/tencentyun/qcloud-documents/blob/a3fd6d9beeed/api/")
    assert " " not in url and unquote(url).endswith("对象存储（XML API）/错误码_en.md")
    assert urls.upstream_commit("tencentyun/intlcloud-documents", "5dcc48b") == \
        "https://github.com/tencentyun/intlcloud-documents/commit/5dcc48b"


@pytest.mark.parametrize("lang", urls.LANGS)
def test_revisions_grouped_by_page_oldest_first_with_commits(real_site, lang):
    page = read(real_site, f"{PREFIX[lang]}revisions")
    for key, revs in groups().items():
        section = re.search(rf'<h3 id="{re.escape("-".join(key))}">(.*?)</table>', page, re.S)
        assert section, key
        ids = re.findall(r'<tr id="([^"]+)">', section.group(1))
        assert ids == [r.id for r in revs]
        for rev in revs:
            row = re.search(rf'<tr id="{re.escape(rev.id)}">(.*?)</tr>', section.group(1), re.S).group(1)
            if rev.origin_commit and rev.origin_repository:
                assert f'href="https://github.com/{rev.origin_repository}/commit/{rev.origin_commit}"' in row
                assert f'href="{html.escape(urls.upstream_file(rev.origin_repository, rev.origin_commit, rev.origin_path))}"' in row
            else:
                assert {"en": "not from the upstream git repositories", "zh": "不是来自上游 git 仓库"}[lang] in row
    total = sum(len(v) for v in groups().values())
    summary = {"en": f"{total} revisions of {len(set(k[0] for k in groups()))} pages",
               "zh": f"{len(set(k[0] for k in groups()))} 个页面的 {total} 个版本"}[lang]
    assert summary in page


@pytest.mark.parametrize("lang", urls.LANGS)
def test_revision_page_links_upstream_and_neighbours(real_site, lang):
    for key, revs in groups().items():
        for i, rev in enumerate(revs):
            here = f"{PREFIX[lang]}revisions/{rev.id}/"
            page = read(real_site, here.rstrip("/"))
            prev = re.findall(r'<a rel="prev" href="([^"]+)"', page)
            nxt = re.findall(r'<a rel="next" href="([^"]+)"', page)
            assert [resolve(here, h) for h in prev] == ([f"{PREFIX[lang]}revisions/{revs[i - 1].id}/"] if i else [])
            assert [resolve(here, h) for h in nxt] == \
                ([f"{PREFIX[lang]}revisions/{revs[i + 1].id}/"] if i + 1 < len(revs) else [])
            changes = {resolve(here, h) for h in re.findall(r'href="([^"]*changes/[^"]+)"', page)}
            expected = set()
            if i:
                expected.add(f"{PREFIX[lang]}changes/{revs[i - 1].id}..{rev.id}/")
            if i + 1 < len(revs):
                expected.add(f"{PREFIX[lang]}changes/{rev.id}..{revs[i + 1].id}/")
            assert changes == expected, rev.id
            if rev.origin_commit:
                assert f"/commit/{rev.origin_commit}\"" in page and "Commit –" not in page


@pytest.mark.parametrize("lang", urls.LANGS)
def test_a_pair_without_changes_says_so_once_and_why(real_site, lang):
    """Each empty pair: "No changes." exactly once, and a note whose reason the snapshots bear out."""
    no_changes = {"en": "No changes.", "zh": "没有变更。"}[lang]
    seen = 0
    for old, new in consecutive_pairs(load_revisions(ROOT / "source")):
        page = read(real_site, f"{PREFIX[lang]}changes/{old.id}..{new.id}")
        if '<li id="' in page:
            continue
        seen += 1
        assert page.count(no_changes) == 1, (old.id, new.id)
        kind = re.search(r'<p class="errdocs-pair-note" data-note="([^"]+)">', page).group(1)
        a, b = ((ROOT / "source" / r.path).read_bytes() for r in (old, new))
        assert a != b
        if kind == "whitespace":
            assert b"".join(a.split()) == b"".join(b.split())
        else:
            assert kind in ("outside-tables", "formatting") and b"".join(a.split()) != b"".join(b.split())
    assert seen >= 10


def _rev(rid: str, date: str, page: str = "p") -> Revision:
    return Revision(id=rid, page=page, edition="cn", language="en", date=date, path=f"upstream/{rid}.md",
                    format="markdown")


def _result(rev: Revision, texts: dict[str, str]) -> ImportResult:
    rows = [Row(revision=rev.id, section="Errors", code=code, status=400, status_text="400 Bad Request",
                texts={"description": text}, line=i + 3, index=i) for i, (code, text) in enumerate(texts.items())]
    return ImportResult(rev, rows)


def test_undo_and_repeat_are_noted_and_point_at_the_pair(tmp_path):
    a, b, c = _rev("p.cn.en.1", "2020-01-01"), _rev("p.cn.en.2", "2020-02-01"), _rev("p.cn.en.3", "2020-03-01")
    x, y = _rev("q.cn.en.1", "2021-01-01", "q"), _rev("q.cn.en.2", "2021-02-01", "q")
    before = {"NoSuchKey": "The key does not exist", "AccessDenied": "Access denied"}
    after = {"NoSuchKey": "The specified key does not exist", "AccessDenied": "Access denied"}
    imports = {r.id: _result(r, t) for r, t in ((a, before), (b, after), (c, before), (x, before), (y, after))}
    pages = [ChangePage(o, n, diff_revisions(imports[o.id], imports[n.id])) for o, n in ((a, b), (b, c), (x, y))]
    _annotate(pages, imports, tmp_path)
    first, undo, repeat = pages
    assert first.note is None and first.report.changes
    assert undo.note.kind == "undo" and undo.note.other is first
    assert repeat.note.kind == "repeat" and repeat.note.other is first
