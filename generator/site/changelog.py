"""The Changes section: one diff report per pair of consecutive revisions of the same page, edition
and language, and which changes touched which entry.

A change touches an entry when one of its codes (``code`` and ``codes``) is one of the entry's
spellings in a family fed by that upstream page; where the change's table (``section``, or
``section_old`` for a move) is one that family reads, only such families count, so a code that two
families of one page share (-3006: download and preview) links only the entry of the table it
changed in. Everything is computed once per build, linear in revisions, changes and spellings.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..diff import consecutive_pairs, diff_revisions, render_html
from ..diff.changes import Change, Report
from ..diff.rules import RULE
from ..model import ImportResult, Revision
from ..project import Project
from ..reconcile import Resolved
from ..vocabulary import SEVERITIES
from . import urls



@dataclass
class ChangePage:
    """One pair of consecutive revisions and its report."""

    old: Revision
    new: Revision
    report: Report

    @property
    def anchors(self) -> list[str]:
        """The id of each change on the page, from the diff model."""
        return [c.anchor for c in self.report.changes]

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


def _diff(old: ImportResult, new: ImportResult) -> Report:
    """The pair's report, remembered on ``new``: under ``mkdocs serve`` the import results of
    unchanged snapshots are the same objects from one rebuild to the next."""
    memo = new.__dict__.setdefault("_errdocs_diffs", {})
    hit = memo.get(id(old))
    if hit is None or hit[0] is not old:
        hit = memo[id(old)] = (old, diff_revisions(old, new))
    return hit[1]


class ChangeLog:
    """Every pair's report, newest first, and the changes touching each entry."""

    def __init__(self, project: Project):
        imports = project.evidence.imports
        pages = [ChangePage(old, new, _diff(imports[old.id], imports[new.id]))
                 for old, new in consecutive_pairs(project.revisions)]
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
    index = project.evidence.index
    out: dict[str, list[Touch]] = {}
    for p in pages:
        page = p.new.page
        spelled = index.spelled_on(page)
        for change, anchor in zip(p.report.changes, p.anchors):
            codes = dict.fromkeys([change.code, *change.codes] if change.code else change.codes)
            found = [e for code in codes for e in spelled.get(code, ())]
            fed = {f.id for s in (change.section, change.section_old) if s for f in index.families(page, s)}
            near = [e for e in found if e.family in fed]
            for key in dict.fromkeys(e.key for e in near or found):
                out.setdefault(key, []).append(Touch(p, change, anchor))
    for touches in out.values():  # oldest first, like the history table
        touches.sort(key=lambda t: (t.page.new.date, t.page.new.id))
    return out
