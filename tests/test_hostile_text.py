"""Hostile text in the upstream snapshot, the registry and the catalog shows as literal text on
every page, in the JSON outputs, in the exports, in the diff report and in the search index."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from conftest import build, write_config
from helpers import SNAPSHOT_EN, REAL_UPSTREAM, run_cli
from hostile_project import ALIAS, ENTRY, FAMILY_ID, HOSTILE, IMG, JS_LINK, RAW_MARKUP, SCRIPT, TEXTAREA, \
    make_hostile_project
from generator.site import urls

#: Fragments of the hostile line that every page must show as text (the paired backticks become
#: a <code> span by design; a lone backtick stays).
SHOWN = [SCRIPT, IMG, JS_LINK, "{{ 7*7 }}", "{% raw %}", "a|b", "lone`", TEXTAREA]


class _Text(HTMLParser):
    """The text a reader sees (entities decoded), and every attribute value."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def parse(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    parser.close()
    return parser


def text_of(page: str) -> str:
    return "".join(parse(page).parts)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    source = make_hostile_project(root)
    site = root / "site"
    result = build(write_config(root, source, site))
    assert result.returncode == 0, result.stderr
    return root, source, site


@pytest.fixture(scope="module")
def imported(hostile):
    """The hostile upstream cell as the importer reads it (markdown emphasis and code marks go)."""
    _, source, _ = hostile
    code, out, _ = run_cli(["import", str(source / "upstream" / SNAPSHOT_EN), "--json"])
    assert code == 0
    rows = [r for r in json.loads(out)["rows"] if r["code"] == ENTRY]
    text = rows[0]["texts"]["description"]
    assert "<script>" in text and "</textarea>" in text and "a|b" in text
    return text


def _page(site, lang: str, src: str) -> str:
    path = site / (src.rsplit(".", 1)[0] + ".html" if src.endswith("index.md") else src)
    return path.read_text(encoding="utf-8")


def test_no_page_holds_hostile_markup(hostile):
    """Scan every built HTML page and the search indexes: no hostile fragment as markup."""
    _, _, site = hostile
    files = [p for p in site.rglob("*") if p.suffix == ".html" or p.name == "search_index.json"]
    assert len(files) > 60
    def raw(text: str) -> list[str]:  # a page's own <textarea> (the paste page) may close itself
        return [m for m in RAW_MARKUP if m in text and not (m == "</textarea>" and
                                                            text.count(m) == text.count("<textarea"))]
    bad = {str(p.relative_to(site)): raw(p.read_text(encoding="utf-8")) for p in files}
    assert not {k: v for k, v in bad.items() if v}
    for path in files:
        if path.suffix == ".html":
            for tag, attrs in parse(path.read_text(encoding="utf-8")).tags:
                assert not (tag == "img" and attrs.get("src") == "x"), path
                assert not any(k.startswith("on") and ("pwned" in (v or "") or "alert" in (v or ""))
                               for k, v in attrs.items()), (path, tag, attrs)
                assert not (attrs.get("href") or "").lower().startswith("javascript:"), path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pages_show_hostile_text_literally(hostile, imported, lang):
    _, _, site = hostile
    pages = {
        "entry": urls.entry(lang, f"{FAMILY_ID}/{ENTRY}"),
        "family": urls.family(lang, FAMILY_ID),
        "errata": urls.errata(lang),
        "revision": urls.revision(lang, "ci-media-errors.intl.en.2021-12-31"),
        "home": urls.home(lang),
    }
    texts = {name: text_of(_page(site, lang, src)) for name, src in pages.items()}
    for name in ("entry", "family", "errata", "revision", "home"):
        for fragment in SHOWN:
            assert fragment in texts[name], (name, fragment)
    assert imported in texts["entry"]
    assert f"{'Media' if lang == 'en' else '媒体'} {SCRIPT}" in texts["entry"]
    assert ALIAS in texts["entry"] and ALIAS in texts["revision"]
    status = text_of(_page(site, lang, urls.status(lang)))
    assert SCRIPT in status
    changes = [p for p in (site / urls.prefix(lang)).glob("**/*.html") if "change" in str(p.relative_to(site))]
    for path in changes:  # the "Changes" pages, when the site has them
        assert "<script>window" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_title_and_nav_show_hostile_titles_literally(hostile, lang):
    _, _, site = hostile
    page = _page(site, lang, urls.entry(lang, f"{FAMILY_ID}/{ENTRY}"))
    title = "Media" if lang == "en" else "媒体"
    head = page.split("</title>")[0].split("<title>")[1]
    assert html.unescape(head).startswith(f"{ENTRY} · {title} {SCRIPT}")
    nav = page.split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    assert html.escape(f"{title} {SCRIPT}", quote=False) in nav


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_alias_redirect_page(hostile, lang):
    _, _, site = hostile
    page = (site / urls.alias(lang, FAMILY_ID, ALIAS)).read_text(encoding="utf-8")
    text = text_of(page)
    assert ALIAS in text
    assert f"{ALIAS} → {ENTRY}" in text
    assert "<img" not in page
    refresh = [a for t, a in parse(page).tags if t == "meta" and a.get("http-equiv") == "refresh"]
    target = refresh[0]["content"].removeprefix("0; url=")
    here = "https://x.example/" + urls.url_of(urls.alias(lang, FAMILY_ID, ALIAS))
    assert urljoin(here, target) == "https://x.example/" + urls.url_of(urls.entry(lang, f"{FAMILY_ID}/{ENTRY}"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_catalog_json_holds_the_text_unchanged(hostile, imported, lang):
    _, _, site = hostile
    data = json.loads((site / urls.catalog_json(lang)).read_text(encoding="utf-8"))
    family = next(f for f in data["families"] if f["id"] == FAMILY_ID)
    assert family["summary"] == HOSTILE
    assert family["title"].endswith(SCRIPT)
    assert next(s for s in data["services"])["summary"] == HOSTILE
    entry = next(e for e in family["entries"] if e["code"] == ENTRY)
    assert entry["aliases"] == [ALIAS]
    assert entry["texts"]["action"]["text"] == (HOSTILE if lang == "en" else "操作 " + HOSTILE)
    assert imported in [row["texts"].get("description") for row in entry["history"]]
    reasons = [c["decision"]["reason"] for c in data["conflicts"] if f"{FAMILY_ID}/{ENTRY}" in c["entries"]]
    assert reasons and all(r == HOSTILE for r in reasons)
    assert any(r["notes"] == HOSTILE for r in data["revisions"])


def test_search_index_escapes_for_material(hostile):
    """material puts titles, texts and tags of search results in with innerHTML: they must be escaped."""
    _, _, site = hostile
    for lang in ("en", "zh"):
        index = json.loads((site / urls.prefix(lang) / "search" / "search_index.json").read_text(encoding="utf-8"))
        docs = [d for d in index["docs"] if d["location"].startswith(f"{FAMILY_ID}/{ENTRY}/")]
        assert docs
        for doc in index["docs"]:
            for value in [doc["title"], doc["text"], *doc.get("tags", [])]:
                assert "<script" not in value and "<img" not in value and "</textarea" not in value, value
        assert any(html.unescape(t) == ALIAS for d in docs for t in d.get("tags", []))
        assert any("&lt;script&gt;" in d["title"] for d in docs)


def test_export_json_holds_the_text_unchanged(hostile, imported):
    _, source, _ = hostile
    code, out, _ = run_cli(["export", "--format", "json", "--source", str(source)])
    assert code == 0
    data = json.loads(out)
    entry = next(e for e in data["entries"] if e["code"] == ENTRY)
    assert entry["aliases"] == [ALIAS]
    assert entry["texts"]["action"] == {"en": HOSTILE, "zh": "操作 " + HOSTILE}
    assert entry["texts"]["description"]["en"] == imported


def test_diff_json_and_html(hostile, imported):
    _, source, _ = hostile
    old, new = str(REAL_UPSTREAM / SNAPSHOT_EN), str(source / "upstream" / SNAPSHOT_EN)
    code, out, _ = run_cli(["diff", old, new, "--format", "json", "--source", str(source)])
    assert code == 1
    flat = json.dumps(json.loads(out), ensure_ascii=False)
    assert json.dumps(imported, ensure_ascii=False)[1:-1] in flat
    assert json.dumps(ALIAS, ensure_ascii=False)[1:-1] in flat
    code, out, _ = run_cli(["diff", old, new, "--format", "html", "--source", str(source)])
    assert code == 1
    for fragment in RAW_MARKUP:
        assert fragment not in out
    text = text_of(out)
    assert ALIAS in text and SCRIPT.replace("__", "") in text and "a|b" in text
