"""The Changes section: one diff report per pair of consecutive revisions of the same page, edition
and language, and which changes touched which entry.

A change touches an entry when one of its codes (``code`` and ``codes``) is one of the entry's
spellings in a family fed by that upstream page; where the change's table (``section``, or
``section_old`` for a move) is one that family reads, only such families count, so a code that two
families of one page share (-3006: download and preview) links only the entry of the table it
changed in. Everything is computed once per build, linear in revisions, changes and spellings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from ..diff import consecutive_pairs, diff_revisions, render_html
from ..diff.changes import Change, Report
from ..diff.rules import RULE
from ..model import ImportResult, Revision
from ..project import Project
from ..reconcile import Resolved
from ..vocabulary import SEVERITIES
from . import urls

_LI_ID = re.compile(r'<li id="([^"]+)"')


@dataclass
class ChangePage:
    """One pair of consecutive revisions and its report; ``anchors[i]`` is the id of change i."""

    old: Revision
    new: Revision
    report: Report
    anchors: list[str] = field(default_factory=list)

    def src(self, lang: str) -> str:
        return urls.change(lang, self.old.id, self.new.id)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(SEVERITIES, 0)
        for c in self.report.changes:
            out[c.severity] += 1
        return out

    def fragment(self, lang: str) -> Markup:
        """The report as HTML, every upstream text escaped by ``render_html``."""
        return Markup(render_html(self.report, lang))


@dataclass
class Touch:
    """A change that touched an entry: the pair it belongs to, the change and its anchor."""

    page: ChangePage
    change: Change
    anchor: str

    def label(self, lang: str) -> str:
        return RULE[self.change.kind].label[lang]


def _diff(old: ImportResult, new: ImportResult) -> tuple[Report, tuple[str, ...]]:
    """The pair's report and its change anchors, remembered on ``new``: under ``mkdocs serve`` the
    import results of unchanged snapshots are the same objects from one rebuild to the next."""
    memo = new.__dict__.setdefault("_errdocs_diffs", {})
    hit = memo.get(id(old))
    if hit is None or hit[0] is not old:
        report = diff_revisions(old, new)
        hit = memo[id(old)] = (old, report, tuple(_LI_ID.findall(render_html(report, "en"))))
    return hit[1], hit[2]


class ChangeLog:
    """Every pair's report, newest first, and the changes touching each entry."""

    def __init__(self, project: Project):
        imports = project.evidence.imports
        pages = []
        for old, new in consecutive_pairs(project.revisions):
            report, anchors = _diff(imports[old.id], imports[new.id])
            pages.append(ChangePage(old, new, report))
            pages[-1].anchors = list(anchors)
        for p in pages:
            if len(p.anchors) != len(p.report.changes):  # render_html gives each change one <li id>
                raise ValueError(f"{p.old.id}..{p.new.id}: {len(p.anchors)} anchors for "
                                 f"{len(p.report.changes)} changes")
        self.pages = sorted(pages, key=lambda p: (p.new.date, p.new.id, p.old.id), reverse=True)
        self._touches = _touches(project, self.pages)

    def for_entry(self, r: Resolved) -> dict[str | None, list[Touch]]:
        """Touches by the history row (revision id) they belong on: the new revision's row when
        the entry is in it, else the old one's (a code removed), else ``None`` (shown apart)."""
        seen = {row.revision for row in r.rows}
        out: dict[str | None, list[Touch]] = {}
        for t in self._touches.get(r.key, ()):
            rev = t.page.new.id if t.page.new.id in seen else t.page.old.id if t.page.old.id in seen else None
            out.setdefault(rev, []).append(t)
        return out


def _touches(project: Project, pages: list[ChangePage]) -> dict[str, list[Touch]]:
    families_of: dict[str, list] = {}
    for fam in project.catalog.families.values():
        for page in {s.page for s in fam.sources}:
            families_of.setdefault(page, []).append(fam)
    spelled: dict[str, dict[str, list[tuple[str, object]]]] = {}  # page -> spelling -> [(key, family)]
    for page, fams in families_of.items():
        index = spelled.setdefault(page, {})
        for fam in fams:
            for e in fam.entries:
                for s in e.spellings:
                    index.setdefault(s, []).append((e.key, fam))
    out: dict[str, list[Touch]] = {}
    for p in pages:
        index = spelled.get(p.new.page, {})
        for change, anchor in zip(p.report.changes, p.anchors):
            codes = dict.fromkeys([change.code, *change.codes] if change.code else change.codes)
            found = [pair for code in codes for pair in index.get(code, ())]
            sections = [s for s in (change.section, change.section_old) if s]
            near = [(k, f) for k, f in found if any(f.matches(p.new.page, s) for s in sections)]
            for key in dict.fromkeys(k for k, _ in near or found):
                out.setdefault(key, []).append(Touch(p, change, anchor))
    for touches in out.values():  # oldest first, like the history table
        touches.sort(key=lambda t: (t.page.new.date, t.page.new.id))
    return out
