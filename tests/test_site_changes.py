"""The Changes section on the real site: index newest first, one page per pair, entries linked."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator.diff import consecutive_pairs
from generator.revision import load_revisions
from generator.site import urls

ROOT = Path(__file__).resolve().parent.parent
# intl.en spelled InternalErrror from 2019-10-23 to 2019-12-16 and InternalError again from 2020-07-10
OLD, NEW = "cos-errors.intl.en.2019-12-16", "cos-errors.intl.en.2020-07-10"
PREFIX = {"en": "", "zh": "zh/"}
NAV = {"en": "Changes", "zh": "变更"}


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """A relative link of a page -> (site-relative directory URL, fragment)."""
    target = urlsplit(urljoin("http://site/" + page_url, href))
    return target.path.lstrip("/"), target.fragment


def test_urls_are_permanent():
    assert urls.url_of(urls.change("en", OLD, NEW)) == f"changes/{OLD}..{NEW}/"
    assert urls.url_of(urls.change("zh", OLD, NEW)) == f"zh/changes/{OLD}..{NEW}/"
    assert urls.url_of(urls.changes("zh")) == "zh/changes/"
    assert "changes" in urls.RESERVED


@pytest.mark.parametrize("lang", urls.LANGS)
def test_index_lists_every_pair_newest_first(real_site, lang):
    pairs = consecutive_pairs(load_revisions(ROOT / "source"))
    expected = sorted(pairs, key=lambda p: (p[1].date, p[1].id, p[0].id), reverse=True)
    page = read(real_site, f"{PREFIX[lang]}changes")
    rows = re.findall(r'<tr data-old="([^"]+)" data-new="([^"]+)"><td class="errdocs-pair-dates"><a href="([^"]+)">'
                      r'<span class="errdocs-nowrap">([^<]+)</span> → <span class="errdocs-nowrap">([^<]+)</span></a>', page)
    assert [(o, n) for o, n, *_ in rows] == [(o.id, n.id) for o, n in expected]
    by_id = {r.id: r for pair in pairs for r in pair}
    assert [(a, b) for o, n, _, a, b in rows] == [(by_id[o].date, by_id[n].date) for o, n, *_ in rows]
    dates = [b for *_, b in rows]
    assert dates == sorted(dates, reverse=True)
    for old, new, href, *_ in rows:
        target, _ = resolve(f"{PREFIX[lang]}changes/", href)
        assert target == f"{PREFIX[lang]}changes/{old}..{new}/"
        assert (real_site / target / "index.html").is_file()


@pytest.mark.parametrize("lang", urls.LANGS)
def test_changes_in_the_nav_of_both_languages(real_site, lang):
    page = read(real_site, PREFIX[lang].rstrip("/"))
    nav = [(href, html.unescape(text)) for href, text in re.findall(
        r'<a href="([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', page)]
    assert ("changes/", NAV[lang]) in nav, nav


@pytest.mark.parametrize("lang", urls.LANGS)
def test_pair_page_shows_the_rename(real_site, lang):
    page = read(real_site, f"{PREFIX[lang]}changes/{OLD}..{NEW}")
    renamed = re.findall(r'<li id="([^"]+)" class="change change-code-renamed[^"]*"[^>]*data-code="InternalError"'
                         r'[^>]*>(.*?)</li>', page)
    assert len(renamed) == 1, renamed
    assert '<code class="old">InternalErrror</code> → <code class="new">InternalError</code>' in renamed[0][1]
    assert ("Code respelled" if lang == "en" else "错误码拼写变更") in renamed[0][1]
    here = f"{PREFIX[lang]}changes/{OLD}..{NEW}/"
    revisions = {resolve(here, h)[0] for h in re.findall(r'href="([^"]*revisions/[^"]+)"', page)}
    assert {f"{PREFIX[lang]}revisions/{OLD}/", f"{PREFIX[lang]}revisions/{NEW}/"} <= revisions
    assert f'<html lang="{lang}"' in page


@pytest.mark.parametrize("lang", urls.LANGS)
def test_entry_links_to_the_change_that_touched_it(real_site, lang):
    here = f"{PREFIX[lang]}cos-xml-api/InternalError/"
    page = read(real_site, here)
    links = re.findall(r'<a class="errdocs-change-link" data-kind="([^"]+)" href="([^"]+)"', page)
    targets = {(kind,) + resolve(here, href) for kind, href in links}
    change_page = f"{PREFIX[lang]}changes/{OLD}..{NEW}/"
    renamed = [(t, a) for kind, t, a in targets if kind == "code-renamed" and t == change_page]
    assert len(renamed) == 1, targets
    target = read(real_site, change_page.rstrip("/"))
    anchor = renamed[0][1]
    assert re.search(rf'<li id="{re.escape(anchor)}" class="change change-code-renamed[^"]*"[^>]*'
                     rf'data-codes="[^"]*InternalErrror', target)


def test_every_change_link_of_every_entry_page_lands_on_a_change(real_site):
    """Linear check over the whole real site: each entry's change links point at an existing <li id>."""
    anchors: dict[str, set[str]] = {}
    count = 0
    for lang in urls.LANGS:
        for path in (real_site / PREFIX[lang]).glob("*/*/index.html"):
            here = str(path.parent.relative_to(real_site)) + "/"
            if here.split("/")[-3 if lang == "zh" else -2] in ("changes", "revisions"):
                continue
            for href in re.findall(r'class="errdocs-change-link" data-kind="[^"]+" href="([^"]+)"',
                                   path.read_text(encoding="utf-8")):
                target, fragment = resolve(here, html.unescape(href))
                if target not in anchors:
                    anchors[target] = set(re.findall(r'<li id="([^"]+)"', read(real_site, target.rstrip("/"))))
                assert fragment in anchors[target], (here, href)
                count += 1
    assert count > 500


@pytest.mark.parametrize("lang", urls.LANGS)
def test_decisions_read_as_statuses_with_conditions(real_site, lang):
    """A list of status cases reads like the entry's statuses; a missing value shows nothing."""
    when = {"en": "when", "zh": "情形"}[lang]
    colon = {"en": ": ", "zh": "："}[lang]
    for url in (f"{PREFIX[lang]}cos-xml-api/InvalidObjectState", f"{PREFIX[lang]}errata"):
        page = read(real_site, url)
        assert "{&#39;status&#39;" not in page and "{'status'" not in page and "&#39;when&#39;" not in page
        assert not re.search(r"(Decision|决定)(</strong>)?: (<code>)?None", page)
        assert re.search(r'<span class="errdocs-decision">(<strong>)?[^<]+(</strong>)?(: |：)<span class="errdocs-status" '
                         rf'data-status="403">403</span> <span class="errdocs-when">{when}{colon}[^<]+</span><br>'
                         r'<span class="errdocs-status" data-status="409">409</span>', page), url
