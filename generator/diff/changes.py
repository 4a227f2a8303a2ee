"""Classify the differences between two imported revisions into changes (see rules.py)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from ..model import ImportResult, Revision, Row
from ..vocabulary import TEXT_KINDS, is_empty_cell
from . import textdiff
from .rules import RULE
from .structure import Section, core_title, displaced, group_sections, match_rows, match_sections


@dataclass
class Change:
    """One classified difference.

    Attributes:
        kind: a rule id (rules.RULES).
        section: title of the table it happens in (the new title when the table is on both sides).
        code: the code concerned (the new spelling for a rename), None for table-level changes.
        old, new: the value before and after (see the README's JSON schema, per kind).
        codes: every code the change touches (for linking entries to their history).
        line_old, line_new: 1-based lines in the old and new file, where known.
        field: for ``text-changed``, which text (description, action, message, name, variants).
        diff: for ``text-changed``, ``[[op, text], ...]`` with op ``=``, ``-`` or ``+``.
        section_old: the old title when it differs from ``section``.
        anchor: the change's id on its report's page (set by the report; see ``Report``).
    """

    kind: str
    section: str | None
    code: str | None
    old: Any = None
    new: Any = None
    codes: list[str] = field(default_factory=list)
    line_old: int | None = None
    line_new: int | None = None
    field: str | None = None
    diff: list[list[str]] | None = None
    section_old: str | None = None
    anchor: str = dataclasses.field(default="", compare=False, repr=False)  # ``field`` is taken above

    @property
    def severity(self) -> str:
        return RULE[self.kind].severity

    def key(self) -> tuple:
        """(kind, section, code, old, new): what tests and reviewers compare."""
        return (self.kind, self.section, self.code, self.old, self.new)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind, "severity": self.severity, "section": self.section, "code": self.code,
            "old": self.old, "new": self.new, "codes": list(self.codes),
            "line_old": self.line_old, "line_new": self.line_new,
        }
        if self.section_old is not None:
            out["section_old"] = self.section_old
        if self.field is not None:
            out["field"] = self.field
        if self.diff is not None:
            out["diff"] = self.diff
        return out


@dataclass
class Report:
    """All changes from ``old`` to ``new``; ``cross_language`` when the languages differ
    (then only codes, statuses and sections are compared, never wording)."""

    old: Revision
    new: Revision
    changes: list[Change]
    cross_language: bool = False
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Give each change its anchor: ``<old>--<new>`` made URL-safe, then the change's 1-based
        position. Stable: revision ids never change and a report's order is deterministic."""
        base = re.sub(r"[^A-Za-z0-9_-]+", "-", f"{self.old.id}--{self.new.id}").strip("-").lower() or "x"
        for n, change in enumerate(self.changes, 1):
            change.anchor = f"{base}-{n}"

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.changes:
            out[c.kind] = out.get(c.kind, 0) + 1
        return out

    def for_code(self, code: str) -> list[Change]:
        """Changes that touched ``code`` (any spelling it had on either side)."""
        return [c for c in self.changes if code in c.codes]

    def as_dict(self) -> dict[str, Any]:
        return {
            "old": self.old.id, "new": self.new.id,
            "old_language": self.old.language, "new_language": self.new.language,
            "cross_language": self.cross_language,
            "counts": self.counts(),
            "changes": [c.as_dict() for c in self.changes],
        }


def _status_shown(row: Row) -> str | None:
    if row.status_text:
        return " ".join(row.status_text.split())
    return None if row.status is None else str(row.status)


def _variant_text(row: Row) -> str | None:
    if not row.variants:
        return None
    return "; ".join(" / ".join(v[k] for k in sorted(v) if v.get(k)) for v in row.variants)


def _compare_pair(a: Row, b: Row, section: str, compare_text: bool, out: list[Change]) -> None:
    """Status and text changes of one matched row pair (same entry on both sides)."""
    lines = {"line_old": a.line, "line_new": b.line}
    codes = list(dict.fromkeys([a.code, b.code]))
    if a.status != b.status:
        out.append(Change("status-changed", section, b.code, _status_shown(a), _status_shown(b), codes, **lines))
    elif compare_text:
        sa, sb = _status_shown(a), _status_shown(b)
        if sa != sb and sa is not None and sb is not None:
            out.append(Change("status-reformatted", section, b.code, sa, sb, codes, **lines))
    if not compare_text:
        return
    fields: list[tuple[str, str | None, str | None]] = [
        (kind, a.texts.get(kind), b.texts.get(kind)) for kind in TEXT_KINDS]
    fields.append(("variants", _variant_text(a), _variant_text(b)))
    for name, ta, tb in fields:
        ta = None if is_empty_cell(ta) else ta
        tb = None if is_empty_cell(tb) else tb
        if textdiff.same_text(ta, tb):
            continue
        out.append(Change("text-changed", section, b.code, ta or None, tb or None, codes, **lines,
                          field=name, diff=textdiff.diff(ta, tb)))


def diff_revisions(old: ImportResult, new: ImportResult) -> Report:
    """Every change from ``old`` to ``new``, classified and ordered by the new page.

    Across languages (``old.revision.language != new.revision.language``) only code sets,
    statuses and sections are compared: no text, reason-phrase, order or title changes.
    """
    cross = bool(old.revision.language and new.revision.language
                 and old.revision.language != new.revision.language)
    compare_text = not cross
    if "guide" in (old.revision.format, new.revision.format):  # cases, not rows
        from .guides import diff_cases  # imported here: guides.py builds on this module's Change
        return Report(old.revision, new.revision, diff_cases(old.cases, new.cases, compare_text), cross)
    old_secs = group_sections(old.rows)
    new_secs = group_sections(new.rows)
    pairs = match_sections(old_secs, new_secs, by_title=not cross)
    partner_new = {id(a): b for a, b in pairs}
    partner_old = {id(b): a for a, b in pairs}

    # 1. rows within matched sections
    matches = {id(b): match_rows(a.rows, b.rows, compare_text) for a, b in pairs}
    left_old: list[tuple[Section, Row]] = []
    left_new: list[tuple[Section, Row]] = []
    for a, b in pairs:
        m = matches[id(b)]
        left_old += [(a, r) for r in m.old_only]
        left_new += [(b, r) for r in m.new_only]
    for a in old_secs:
        if id(a) not in partner_new:
            left_old += [(a, r) for r in a.rows]
    for b in new_secs:
        if id(b) not in partner_old:
            left_new += [(b, r) for r in b.rows]

    # 2. codes that changed table: same spelling, leftover on both sides, other section
    moved: list[tuple[Section, Row, Section, Row]] = []
    taken_new: set[int] = set()
    taken_old: set[int] = set()
    for sa, ra in left_old:
        for sb, rb in left_new:
            if id(rb) in taken_new or rb.code != ra.code:
                continue
            if partner_new.get(id(sa)) is sb:
                continue
            moved.append((sa, ra, sb, rb))
            taken_new.add(id(rb))
            taken_old.add(id(ra))
            break

    # 3. emit, section by section in the new page's order; removed sections after
    #    the section that preceded them on the old page
    order: list[tuple[float, Section | None, Section | None]] = []
    for b in new_secs:
        order.append((b.order, partner_old.get(id(b)), b))
    for a in old_secs:
        if id(a) in partner_new:
            continue
        before = [x for x in old_secs[:a.order] if id(x) in partner_new]
        pos = partner_new[id(before[-1])].order + 0.5 + a.order / 1000 if before else -1 + a.order / 1000
        order.append((pos, a, None))
    order.sort(key=lambda o: o[0])

    changes: list[Change] = []
    moved_from = {id(ra): (sb, rb) for sa, ra, sb, rb in moved}
    moved_to = {id(rb): (sa, ra) for sa, ra, sb, rb in moved}
    for _, a, b in order:
        local: list[tuple[tuple, Change]] = []
        if b is None:  # section removed
            gone = [r for r in a.rows if id(r) not in moved_from]
            changes.append(Change("section-removed", a.title, None, a.title, None,
                                  list(dict.fromkeys(r.code for r in gone)),
                                  line_old=a.rows[0].line))
            continue
        if a is None:  # section added
            fresh = [r for r in b.rows if id(r) not in moved_to]
            changes.append(Change("section-added", b.title, None, None, b.title,
                                  list(dict.fromkeys(r.code for r in fresh)),
                                  line_new=b.rows[0].line))
            for rb in b.rows:
                if id(rb) in moved_to:
                    sa, ra = moved_to[id(rb)]
                    _emit_moved(sa, ra, b, rb, compare_text, local)
            changes.extend(c for _, c in sorted(local, key=lambda x: x[0]))
            continue
        if compare_text and core_title(a.title) != core_title(b.title):
            changes.append(Change("section-renamed", b.title, None, a.title, b.title,
                                  [], line_old=a.rows[0].line, line_new=b.rows[0].line,
                                  section_old=a.title))
        m = matches[id(b)]
        old_count: dict[str, int] = {}
        new_count: dict[str, int] = {}
        for r in a.rows:
            old_count[r.code] = old_count.get(r.code, 0) + 1
        for r in b.rows:
            new_count[r.code] = new_count.get(r.code, 0) + 1
        for ra, rb in m.renamed:
            sub: list[Change] = [Change("code-renamed", b.title, rb.code, ra.code, rb.code, [ra.code, rb.code],
                                        line_old=ra.line, line_new=rb.line)]
            _compare_pair(ra, rb, b.title, compare_text, sub)
            local += [((rb.index, 0, i), c) for i, c in enumerate(sub)]
        for ra, rb in m.pairs:
            sub = []
            _compare_pair(ra, rb, b.title, compare_text, sub)
            local += [((rb.index, 0, i), c) for i, c in enumerate(sub)]
        for rb in m.new_only:
            if id(rb) in moved_to:
                sa, ra = moved_to[id(rb)]
                _emit_moved(sa, ra, b, rb, compare_text, local)
            elif old_count.get(rb.code):
                local.append(((rb.index, 1, 0), Change(
                    "duplicate-added", b.title, rb.code, old_count[rb.code], new_count[rb.code], [rb.code],
                    line_new=rb.line)))
            else:
                first = next(r for r in b.rows if r.code == rb.code)
                kind = "code-added" if first is rb else "duplicate-added"
                val = (None, rb.code) if kind == "code-added" else (0, new_count[rb.code])
                local.append(((rb.index, 1, 0), Change(kind, b.title, rb.code, *val, [rb.code],
                                                       line_new=rb.line)))
        for ra in m.old_only:
            if id(ra) in moved_from:
                continue  # reported where it arrived
            anchor = _new_position(ra, a, m)
            if new_count.get(ra.code):
                local.append(((anchor, 2, 0), Change(
                    "duplicate-removed", b.title, ra.code, old_count[ra.code], new_count[ra.code], [ra.code],
                    line_old=ra.line)))
            else:
                first = next(r for r in a.rows if r.code == ra.code)
                kind = "code-removed" if first is ra else "duplicate-removed"
                val = (ra.code, None) if kind == "code-removed" else (old_count[ra.code], 0)
                local.append(((anchor, 2, 0), Change(kind, b.title, ra.code, *val, [ra.code],
                                                     line_old=ra.line)))
        if compare_text:
            out_of_order = displaced(m.pairs + m.renamed)
            if out_of_order:
                local.append(((len(b.rows) + 1, 9, 0), Change(
                    "reordered", b.title, None, None, None,
                    [rb.code for _, rb in sorted(out_of_order, key=lambda p: p[1].index)],
                    line_old=a.rows[0].line, line_new=b.rows[0].line)))
        changes.extend(c for _, c in sorted(local, key=lambda x: x[0]))
    return Report(old.revision, new.revision, changes, cross)


def _emit_moved(sa: Section, ra: Row, sb: Section, rb: Row, compare_text: bool,
                local: list[tuple[tuple, Change]]) -> None:
    sub = [Change("moved", sb.title, rb.code, sa.title, sb.title, [rb.code], line_old=ra.line,
                  line_new=rb.line, section_old=sa.title)]
    _compare_pair(ra, rb, sb.title, compare_text, sub)
    local += [((rb.index, 0, i), c) for i, c in enumerate(sub)]


def _new_position(row: Row, section: Section, match) -> float:
    """Where a removed row would sit in the new table: just after its nearest kept predecessor."""
    partner = {id(a): b for a, b in match.pairs + match.renamed}
    for r in reversed(section.rows[:section.rows.index(row)]):
        if id(r) in partner:
            return partner[id(r)].index + 0.5
    return -0.5


def consecutive_pairs(revisions: list[Revision]) -> list[tuple[Revision, Revision]]:
    """Pairs of consecutive revisions of the same page, edition and language, by date."""
    groups: dict[tuple[str, str, str], list[Revision]] = {}
    for rev in revisions:
        groups.setdefault((rev.page, rev.edition, rev.language), []).append(rev)
    out = []
    for key in sorted(groups):
        revs = sorted(groups[key], key=lambda r: (r.date, r.id))
        out += list(zip(revs, revs[1:]))
    return out
