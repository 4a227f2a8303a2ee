"""Privacy and offline: the built site fetches nothing from third parties, and every link to another
host carries rel="noopener noreferrer"."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

from conftest import ROOT
from ruamel.yaml import YAML

#: (tag, attribute) pairs the browser fetches by itself.
FETCHED = {("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"), ("source", "src"),
           ("source", "srcset"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"),
           ("object", "data"), ("track", "src"), ("input", "src"), ("image", "href"), ("use", "href")}
#: <link rel=...> kinds that load their href.
LINK_FETCH = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon",
              "manifest", "apple-touch-icon", "mask-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
#: Hosts named in the theme's JavaScript, and why none is contacted by this site.
JS_HOSTS = {
    # loaded only on a condition this site never meets (checked below)
    "unpkg.com": "ResizeObserver polyfill (old browsers only), mermaid (pages with mermaid diagrams only)",
    "api.github.com": "repository facts, only with repo_url",
    # licence headers, comments, XML namespaces: never requested
    "www.w3.org": "SVG/XML namespaces", "github.com": "comments", "www.mozilla.org": "licence",
    "snowball.tartarus.org": "comments", "code.google.com": "comments", "fontawesome.com": "licence",
    "en.wikipedia.org": "comments", "developer.mozilla.org": "comments", "clipboardjs.com": "licence",
    "bit.ly": "comments", "wiki.ecmascript.org": "comments", "wiki.commonjs.org": "comments",
    "underscorejs.org": "comments", "tartarus.org": "comments", "people.mozilla.org": "comments",
    "narwhaljs.org": "comments", "msdn.microsoft.com": "comments", "lunrjs.com": "licence",
    "docs.python.org": "comments", "chasen.org": "comments",
}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def _tags(path):
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def _remote(url: str) -> bool:
    url = url.strip()
    return bool(re.match(r"(?i)(https?:)?//", url))


def _html_files(site):
    return sorted(site.rglob("*.html"))


def test_font_and_analytics_off():
    config = YAML(typ="safe").load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["font"] is False
    assert "analytics" not in config.get("extra", {})
    assert "repo_url" not in config  # material would call api.github.com for repository facts


def test_html_fetches_nothing_remote(built_site):
    files = _html_files(built_site)
    assert len(files) > 50
    remote = []
    for path in files:
        parsed = _tags(path)
        for tag, attrs in parsed.tags:
            for attr, value in attrs.items():
                urls = [u.split()[0] for u in value.split(",") if u.strip()] if attr == "srcset" else [value]
                if (tag, attr) in FETCHED and any(_remote(u) for u in urls):
                    remote.append((path, tag, attr, value))
            rels = set(attrs.get("rel", "").lower().split())
            if tag == "link" and rels & LINK_FETCH and _remote(attrs.get("href", "")):
                remote.append((path, tag, "href", attrs["href"]))
            if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
                target = attrs.get("content", "").partition("url=")[2]
                if _remote(target):
                    remote.append((path, tag, "refresh", target))
            for match in CSS_URL.finditer(attrs.get("style", "")):
                if _remote(match.group(1) or match.group(2)):
                    remote.append((path, tag, "style", match.group(0)))
        for style in parsed.styles:
            for match in CSS_URL.finditer(style):
                if _remote(match.group(1) or match.group(2)):
                    remote.append((path, "style", "", match.group(0)))
    assert not remote


def test_css_fetches_nothing_remote(built_site):
    files = sorted(built_site.rglob("*.css"))
    assert files
    remote = [(p, m.group(0)) for p in files for m in CSS_URL.finditer(p.read_text(encoding="utf-8"))
              if _remote(m.group(1) or m.group(2))]
    assert not remote
    assert not [p for p in files if "fonts.googleapis" in p.read_text(encoding="utf-8")]


def test_javascript_names_no_host_it_would_contact(built_site):
    files = sorted(built_site.rglob("*.js"))
    assert files
    hosts = {}
    for path in files:
        for host in re.findall(r"https?://([A-Za-z0-9.-]+)", path.read_text(encoding="utf-8")):
            hosts.setdefault(host, path.relative_to(built_site))
    unknown = {h: str(p) for h, p in hosts.items() if h not in JS_HOSTS}
    assert not unknown, "review these hosts: are they fetched at run time?"
    own = (built_site / "assets" / "errdocs.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://", own)
    # the conditions of the conditional loaders: no mermaid diagrams anywhere
    assert not [p for p in _html_files(built_site) if 'class="mermaid"' in p.read_text(encoding="utf-8")]


def test_external_links_are_noopener_noreferrer(built_site):
    missing, count = [], 0
    for path in _html_files(built_site):
        for tag, attrs in _tags(path).tags:
            href = attrs.get("href", "")
            if tag in ("a", "area") and _remote(href) and urlparse(href).hostname not in ("127.0.0.1", None):
                count += 1
                rel = set(attrs.get("rel", "").lower().split())
                if not {"noopener", "noreferrer"} <= rel:
                    missing.append((str(path.relative_to(built_site)), href, attrs.get("rel")))
    assert count > 10  # upstream documentation links and the theme's footer
    assert not missing
