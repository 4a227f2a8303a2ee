"""Generated pages skip Python-Markdown: prove the HTML is exactly what Markdown would have made."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from benchmarks.synth import write_source
from generator.project import load_valid_project
from generator.site.htmlpage import HtmlPage, nav_titles, raw_html
from generator.site.pages import generate
from generator.site.render import Renderer
from hostile_project import make_hostile_project

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    cfg = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path_factory.mktemp("site")))
    cfg.plugins.on_startup(command="build", dirty=False)
    return cfg


def _pages(source: Path) -> list:
    return [g for g in generate(load_valid_project(source), Renderer(ROOT / "templates")) if g.page]


def _render_both(config, src: str, content: str) -> tuple[Page, Page]:
    """The page rendered by mkdocs' own Page and by HtmlPage, from the same generated file."""
    out = []
    for cls in (Page, HtmlPage):
        file = File.generated(config, src, content=content)
        page = cls(None, file, config)
        page.read_source(config)
        page.render(config, Files([file]))
        out.append(page)
    return out[0], out[1]


def _same(plain: Page, fast: Page) -> None:
    assert fast.content == plain.content
    assert fast.present_anchor_ids == plain.present_anchor_ids
    assert [(t.id, t.title) for t in fast.toc] == [(t.id, t.title) for t in plain.toc]
    assert fast.title == plain.title
    assert fast.meta == plain.meta


@pytest.mark.parametrize("source", ["real", "synthetic", "hostile"])
def test_every_generated_page_renders_as_markdown_would(config, source, tmp_path):
    if source == "real":
        folder = ROOT / "source"
    elif source == "synthetic":
        folder = tmp_path / "synthetic"
        write_source(folder, 150, seed=7)
    else:
        folder = make_hostile_project(tmp_path / "hostile")
    pages = _pages(folder)
    assert len(pages) > 50
    for item in pages:
        plain, fast = _render_both(config, item.src, item.content)
        assert raw_html(fast.markdown) is not None, item.src  # the fast path was taken
        _same(plain, fast)
        assert list(fast.toc) == []


@pytest.mark.parametrize("body", [
    '<div class="x" markdown="0">\n<p>a</p>\n</div>\n\n<div class="y" markdown="0">\n<p>b</p>\n</div>',
    '<div class="x" markdown="0">\n<p>a\tb</p>\n</div>',          # tabs are expanded by Markdown
    '<div class="x" markdown="0">\r\n<p>a</p>\r\n</div>',          # CR normalised
    '<div class="x" markdown="0">\n<p>a\x02b\x03</p>\n</div>',      # Markdown's placeholder markers
    '<div class="x" markdown="0">\n<div>\n<p>unclosed</p>\n</div>',
    '# A heading\n\n<div class="x" markdown="0"><p>a</p></div>',
    '<div class="x">\n<p>no markdown="0"</p>\n</div>',
    'plain *markdown* text',
])
def test_anything_else_goes_through_markdown(config, body):
    assert raw_html(body) is None
    plain, fast = _render_both(config, "family/Code.md", f"---\ntitle: T\n---\n\n{body}\n")
    _same(plain, fast)


def test_plugin_hands_every_page_to_html_page_with_its_nav_title(config):
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(Files([]), config=config)
    pages = files.documentation_pages()
    assert pages and all(type(f.page) is HtmlPage for f in pages)
    # mkdocs' navigation takes these pages as they are: each keeps the title the nav gives it
    nav = get_navigation(files, config)
    titles = nav_titles(config.nav)
    in_nav = [p for p in nav.pages if p.file.src_uri in titles]
    assert {p.file.src_uri for p in in_nav} == set(titles)
    assert "cos-xml-api/index.md" in titles and "errata/index.md" in titles
    for page in in_nav:
        assert type(page) is HtmlPage and page.title == titles[page.file.src_uri]
    assert files.get_file_from_path("cos-xml-api/NoSuchKey/index.md").page.title is None  # none given: its meta's
