"""Generated pages are one raw HTML block: hand mkdocs the HTML without running Python-Markdown.

Every template renders its page body as a single ``<div … markdown="0">…</div>`` of escaped HTML.
Python-Markdown passes such a block through unchanged (``convert`` returns the body stripped), but
only after parsing all of it twice (mkdocs' anchor collector, then Markdown's raw-HTML block
parser): a large share of a build's time. ``HtmlPage`` returns the body as it is when the page is
such a block and calls Markdown otherwise; tests compare the two on every page. Pages in the
navigation are ``HtmlPage`` too, with the title the navigation gives them (``nav_titles``): the
errata page is 1.3 MB of HTML that Markdown took ~0.7 s to pass through, on every serve rebuild
after a decision was edited.
"""

from __future__ import annotations

import re

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

#: Characters Python-Markdown rewrites even inside raw HTML (tabs expanded, CR normalised,
#: STX/ETX are its placeholder markers).
_REWRITTEN = re.compile(r"[\t\r\x02\x03]")
_OPENING = re.compile(r'<div [^<>]*markdown="0">')
_DIV = re.compile(r"<(/?)div\b")
_ID = re.compile(r'<[a-zA-Z][^<>]*?\sid="([^"<>]*)"')


def raw_html(markdown: str) -> str | None:
    """The HTML Python-Markdown would produce for ``markdown`` when it is one raw HTML block of
    the generator's (``<div … markdown="0">…</div>``, nothing it would rewrite); else None."""
    body = markdown.strip()
    if _REWRITTEN.search(body) or not _OPENING.match(body) or not body.endswith("</div>"):
        return None
    depth = 0
    for tag in _DIV.finditer(body):
        depth += -1 if tag.group(1) else 1
        if depth == 0 and body[tag.end():] != ">":
            return None  # the first block ends early: more than one block
    return body if depth == 0 else None


class HtmlPage(Page):
    """A generated page: its Markdown is already HTML, so ``render`` skips Python-Markdown."""

    def render(self, config, files) -> None:
        html = raw_html(self.markdown or "")
        if html is None:
            return super().render(config, files)
        self.content = html
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set(_ID.findall(html))
        self.links_to_anchors = {}


def nav_titles(nav: list) -> dict[str, str]:
    """``{path: title}`` of every page in a mkdocs ``nav`` (nested ``{title: path or items}``)."""
    out: dict[str, str] = {}
    for item in nav:
        for title, value in item.items():
            if isinstance(value, str):
                out[value] = title
            else:
                out.update(nav_titles(value))
    return out
