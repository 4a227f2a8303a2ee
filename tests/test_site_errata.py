"""Errata grouped by family and kind, with counts, anchors and a table of contents; the HTTP status
index as a table with reason phrases in the page's language."""

from __future__ import annotations

import html
import http
import re
from collections import Counter
from pathlib import Path

import pytest

from generator.project import load_project
from generator.site import urls

ROOT = Path(__file__).resolve().parent.parent
PREFIX = {"en": "", "zh": "zh/"}


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT / "source")


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", urls.LANGS)
def test_errata_grouped_by_family_and_kind_with_counts_and_contents(real_site, project, lang):
    page = read(real_site, f"{PREFIX[lang]}errata")
    conflicts = project.reconciliation.conflicts
    expected = Counter((c.entries[0].partition("/")[0], c.kind) for c in conflicts)
    body = page.split('errdocs-errata-toc"', 1)[1]
    toc, sections = body.split("</nav>", 1)
    # every group of the contents has its anchor, and the count beside it is the number of blocks there
    # (a family title's joined words are marked up to stay whole: "X-ErrNo")
    toc_links = re.findall(r'<a href="#([^"]+)">(?:(?!</a>).)+</a> <span class="errdocs-muted">(\d+)</span>', toc)
    assert len(toc_links) == len(expected) + len({f for f, _ in expected})
    ids = re.findall(r'<h[23] id="([^"]+)"', sections)
    assert [a for a, _ in toc_links] == ids
    families = {f for f, _ in expected}
    for family in families:
        total = sum(n for (f, _), n in expected.items() if f == family)
        assert (f"family-{family}", str(total)) in toc_links
    parts = re.split(r'<h3 id="([^"]+)"', sections)
    seen = Counter()
    for anchor, chunk in zip(parts[1::2], parts[2::2]):
        chunk = re.split(r"<h2 ", chunk)[0]
        family, kind = next((f, k) for f, k in expected if anchor == f"{f}-{k}")
        blocks = chunk.count('<div class="errdocs-conflict"')
        assert blocks == expected[(family, kind)] == int(dict(toc_links)[anchor])
        seen[(family, kind)] = blocks
    assert seen == expected and sum(seen.values()) == len(conflicts)
    # each conflict keeps its anchor; evidence is folded behind a line saying how many rows
    for c in conflicts:
        anchor = c.id.replace(":", "-").replace("/", "-").replace("+", "-")
        assert page.count(f'<div class="errdocs-conflict" id="{anchor}">') == 1
    folded = re.findall(r'<details class="errdocs-evidence"><summary>([^<]+)</summary>(.*?)</details>', page, re.S)
    assert len(folded) == sum(1 for c in conflicts if c.evidence)
    for label, table in folded:
        n = table.count("<tr><td>")
        assert label == {"en": f"Evidence: {n} rows" if n != 1 else "Evidence: 1 row", "zh": f"依据：{n} 行"}[lang]
    if lang == "zh":
        assert "决定</strong>：" in page and "理由：" in page and "</strong>: " not in page


@pytest.mark.parametrize("lang", urls.LANGS)
def test_status_index_is_a_table_with_reason_phrases(real_site, project, lang):
    page = read(real_site, f"{PREFIX[lang]}status")
    by_status: dict[int, set[str]] = {}
    for key, r in project.reconciliation.resolved.items():
        for case in r.statuses:
            by_status.setdefault(case.status, set()).add(key)
    rows = re.findall(r'<tr id="status-(\d+)"><td>(.*?)</td><td>(.*?)</td><td>(\d+)</td><td>(.*?)</td></tr>', page, re.S)
    assert [int(s) for s, *_ in rows] == sorted(by_status)
    for status, shown, phrase, count, entries in rows:
        status = int(status)
        assert str(status) in shown and int(count) == len(by_status[status])
        if lang == "en":
            assert phrase == http.HTTPStatus(status).phrase
        else:
            assert phrase and not re.search(r"[A-Za-z]{3,}", phrase.replace("Content-Length", "").replace("URI", ""))
        assert entries.count('<a href="../') == len(by_status[status]) and "; " not in entries
