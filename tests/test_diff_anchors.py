"""Each change carries its anchor from the diff model; the HTML report uses exactly those ids."""

from __future__ import annotations

import re
from pathlib import Path

from generator.diff import consecutive_pairs, diff_revisions, render_html
from generator.evidence import import_revisions
from generator.revision import load_revisions

ROOT = Path(__file__).resolve().parent.parent


def test_anchors_are_stable_unique_and_used_by_render_html():
    revisions = load_revisions(ROOT / "source")
    imports = import_revisions(ROOT / "source", revisions)
    checked = 0
    for old, new in consecutive_pairs(revisions):
        report = diff_revisions(imports[old.id], imports[new.id])
        anchors = [c.anchor for c in report.changes]
        assert len(set(anchors)) == len(anchors) and all(re.fullmatch(r"[a-z0-9_-]+", a) for a in anchors)
        assert anchors == [c.anchor for c in diff_revisions(imports[old.id], imports[new.id]).changes]
        for lang in ("en", "zh"):
            assert re.findall(r'<li id="([^"]+)"', render_html(report, lang)) == anchors
        checked += len(anchors)
    assert checked > 0
