"""``serve --dirty`` renders a page's Markdown again only when a model part it read changed
(``site/deps.py``, ``incremental.RenderMemo``): after each kind of edit a maintainer makes, every
page must be exactly what a clean build of the edited source gives, and an edit to one entry must
not render the whole site again."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.site.build import load_site, site_pages
from generator.site.incremental import RenderMemo
from generator.yamlio import FileCache

ROOT = Path(__file__).resolve().parent.parent


class Served:
    """A copy of the project rebuilt the way ``serve --dirty`` does: one file cache and one memo
    kept across rebuilds."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.cache = FileCache()
        self.memo = RenderMemo()
        self.made: list[str] = []

    def rebuild(self) -> dict[str, tuple[str, bool]]:
        site = load_site(self.folder / "source", self.folder / "templates", cache=self.cache)
        pages = {g.src: (g.content, g.page) for g in site_pages(site, self.memo)}
        self.made = list(self.memo.made)
        return pages

    def edit(self, path: str, old: str, new: str) -> None:
        target = self.folder / path
        text = target.read_text(encoding="utf-8")
        assert old in text, (path, old)
        target.write_text(text.replace(old, new, 1), encoding="utf-8")


def _clean_build(folder: Path) -> dict[str, tuple[str, bool]]:
    site = load_site(folder / "source", folder / "templates")
    return {g.src: (g.content, g.page) for g in site_pages(site)}


def _differences(got: dict, want: dict) -> list[str]:
    return sorted(set(got) ^ set(want)) + sorted(src for src in got.keys() & want.keys() if got[src] != want[src])


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "source", folder / "source")
    shutil.copytree(ROOT / "templates", folder / "templates")
    served = Served(folder)
    served.rebuild()
    return served


#: (what a maintainer edits, file, text before, text after, a page that must show it, if any)
EDITS = [
    ("a decision reason", "source/catalog/cos-xml-api.yaml", "Written BadRquest from",
     "Written BadRquest zqxreason from", "cos-xml-api/BadRequest/index.md"),
    ("an entry's own text", "source/catalog/ci-download.yaml", "        en: Internal HTTP server error.\n",
     "        en: Internal HTTP server error zqxtext.\n", "ci-download/-140/index.md"),
    ("a family title", "source/catalog/ci-download.yaml", "  en: Image download errors (X-ErrNo)\n",
     "  en: Image download errors zqxtitle (X-ErrNo)\n", "ci-download/-140/index.md"),
    ("an alias added", "source/catalog/cos-xml-api.yaml", "aliases: [BadRquest]",
     "aliases: [BadRquest, zqxalias]", "cos-xml-api/BadRequest/index.md"),
    ("a related link removed", "source/catalog/cos-xml-api.yaml",
     "related: [EntityTooSmall, EntitySizeNotMatch]", "related: [EntityTooSmall]", None),
    ("a revision's notes", "source/revisions.yaml", 'notes: "first English version"',
     'notes: "first English version zqxnotes"', "revisions/cos-errors.cn.en.2017-03-08/index.md"),
    # a snapshot as a harvest would bring it again (in the copy only: the project's are never edited)
    ("an upstream snapshot", "source/upstream/ci-download-errors.intl.zh.2018-11-02.md",
     "| -103   | 无效的请求；请求报文无法识别", "| -103   | 无效的请求；请求报文无法识别 zqxsnapshot",
     "ci-download/-103/index.md"),
    ("a label", "templates/labels.yaml", "see_also: {en: ", "see_also: {en: zqxlabel ",
     "cos-xml-api/NoSuchKey/index.md"),
    ("a template", "templates/_macros.j2", '<span class="errdocs-muted">{{ e.family_title[lang]',
     '<span class="errdocs-muted zqxtemplate">{{ e.family_title[lang]', "cos-xml-api/NoSuchKey/index.md"),
]


@pytest.mark.parametrize("what, path, old, new, page", EDITS, ids=[e[0] for e in EDITS])
def test_an_edit_gives_what_a_clean_build_gives(served, what, path, old, new, page):
    served.edit(path, old, new)
    got = served.rebuild()
    if page is not None:
        marker = re.search(r"zqx\w+", new).group(0)
        assert marker in got[page][0], f"{what} does not show on {page}"
    assert _differences(got, _clean_build(served.folder)) == []


def test_an_entry_edit_renders_only_the_pages_that_read_it(served):
    served.rebuild()  # whatever the tests before left to render
    served.edit("source/catalog/cos-xml-api.yaml", "Written BadRquest", "Written BadRquest zqxagain")
    got = served.rebuild()
    made = set(served.made)
    # the entry in both languages, its alias redirects, its family, and the pages made from the whole
    # model (home, paste, status index, errata, revisions, changes) -- not the other ~3,400
    assert {"cos-xml-api/BadRequest/index.md", "zh/cos-xml-api/BadRequest/index.md",
            "cos-xml-api/index.md", "errata/index.md"} <= made
    assert "cos-xml-api/NoSuchKey/index.md" not in made
    assert len(made) < 40, sorted(made)
    assert len(got) > 3000
    assert _differences(got, _clean_build(served.folder)) == []
    served.rebuild()
    assert len(served.made) < 20  # nothing changed: only the whole-model pages


def test_a_failed_build_forgets_the_memo(served):
    served.rebuild()
    served.memo.failed()
    served.rebuild()
    assert len(served.made) > 3000
