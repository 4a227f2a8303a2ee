"""The Changes section: one diff report per pair of consecutive revisions of the same page, edition
and language, and which changes touched which entry.

A change touches an entry when one of its codes (``code`` and ``codes``) is one of the entry's
spellings in a family fed by that upstream page; where the change's table (``section``, or
``section_old`` for a move) is one that family reads, only such families count, so a code that two
families of one page share (-3006: download and preview) links only the entry of the table it
changed in. Everything is computed once per build, linear in revisions, changes and spellings.

The timeline: each page's revisions (per edition and language) in date order, with their
neighbours, and a note on every pair that says the same as another (``PairNote``) so the site
states it in one line instead of repeating a list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from ..diff import consecutive_pairs, diff_revisions, render_html
from ..diff.changes import Change, Report
from ..diff.rules import RULE
from ..model import ImportResult, Revision
from ..project import Project
from ..reconcile import Resolved
from ..vocabulary import SEVERITIES
from . import urls



#: Why a pair needs no list of its own, in the order they are tested.
NOTE_KINDS = ("same-bytes", "whitespace", "outside-tables", "formatting", "undo", "repeat")


@dataclass
class PairNote:
    """A pair that says the same as something else: ``kind`` (``NOTE_KINDS``) and, for ``undo``
    and ``repeat``, the pair it undoes or repeats."""

    kind: str
    other: "ChangePage | None" = None


@dataclass
class ChangePage:
    """One pair of consecutive revisions and its report."""

    old: Revision
    new: Revision
    report: Report
    note: PairNote | None = field(default=None, compare=False)

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
        self.timeline: dict[tuple[str, str, str], list[Revision]] = {}
        for rev in sorted(project.revisions, key=lambda r: (r.page, r.edition, r.language, r.date, r.id)):
            self.timeline.setdefault((rev.page, rev.edition, rev.language), []).append(rev)
        self._pair = {(p.old.id, p.new.id): p for p in pages}
        _annotate(pages, imports, project.source)

    def pair(self, old: Revision | None, new: Revision | None) -> ChangePage | None:
        """The change page of two consecutive revisions, if they are one."""
        return self._pair.get((old.id, new.id)) if old and new else None

    def neighbours(self, rev: Revision) -> tuple[Revision | None, Revision | None]:
        """The revisions before and after ``rev`` of the same page, edition and language."""
        revs = self.timeline[(rev.page, rev.edition, rev.language)]
        i = revs.index(rev)
        return (revs[i - 1] if i else None), (revs[i + 1] if i + 1 < len(revs) else None)

    def by_page(self) -> dict[str, list[tuple[tuple[str, str, str], list[Revision]]]]:
        """The timeline grouped by page id, then edition and language."""
        out: dict[str, list] = {}
        for key, revs in self.timeline.items():
            out.setdefault(key[0], []).append((key, revs))
        return out

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


def _row_key(result: ImportResult) -> tuple:
    """Every row as read, exactly (no noise normalisation): equal keys, equal tables."""
    return tuple((r.section, r.code, r.status_text, tuple(sorted(r.texts.items())),
                  tuple(tuple(sorted(v.items())) for v in r.variants)) for r in result.rows)


def _signature(report: Report) -> tuple:
    return tuple((c.kind, c.section, c.section_old, c.code, repr(c.old), repr(c.new), c.field)
                 for c in report.changes)


def _empty_pair_kind(p: ChangePage, imports: dict[str, ImportResult], source: Path) -> str:
    """Why a pair without changes differs at all: same bytes, whitespace, text outside the
    tables, or only noise inside them (punctuation width, a trailing period)."""
    if p.old.origin_blob and p.old.origin_blob == p.new.origin_blob:
        return "same-bytes"
    try:
        old, new = ((source / r.path).read_bytes() for r in (p.old, p.new))
    except OSError:  # a snapshot not on disk (a test project): judge from the rows alone
        old = new = None
    if old is not None and old == new:
        return "same-bytes"
    if old is not None and b"".join(old.split()) == b"".join(new.split()):
        return "whitespace"
    if _row_key(imports[p.old.id]) == _row_key(imports[p.new.id]):
        return "outside-tables"
    return "formatting"


def _annotate(pages: list[ChangePage], imports: dict[str, ImportResult], source: Path) -> None:
    """Set ``note`` on each pair that says the same as something else: nothing in the tables
    (with why), the exact undo of the pair before it, or the same list as an earlier pair."""
    first: dict[tuple, ChangePage] = {}
    before: dict[str, ChangePage] = {}
    for p in sorted(pages, key=lambda p: (p.new.date, p.new.id, p.old.id)):
        prev = before.get(p.old.id)
        before[p.new.id] = p
        if not p.report.changes:
            p.note = PairNote(_empty_pair_kind(p, imports, source))
            continue
        if prev is not None and prev.report.changes and \
                _row_key(imports[prev.old.id]) == _row_key(imports[p.new.id]):
            p.note = PairNote("undo", prev)
            continue
        sig = _signature(p.report)
        if sig in first:
            p.note = PairNote("repeat", first[sig])
        else:
            first[sig] = p
