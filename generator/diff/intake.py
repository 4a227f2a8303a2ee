"""What the catalog must absorb from one revision: the one plan of ``diff --catalog`` and ``absorb``.

A registered revision that ``errdocs check`` accepts has nothing to absorb; a new one
lists codes without an entry, spellings to add as aliases, tables that belong to no
family and conflicts that need a decision. ``diff --catalog`` prints all of it;
``absorb`` writes the new codes and spellings and leaves decisions to people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..catalog import Entry, Family
from ..conflict_kinds import ENTRY_KINDS, KIND
from ..matching import CatalogIndex, codes_by_table
from ..model import ImportResult, Revision, Row
from ..wording import describe, entry_changes, glossary_terms
from .rules import RULE


@dataclass
class Item:
    """One thing the catalog must absorb (what ``absorb`` and ``diff --catalog`` both print).

    ``entry`` is the key of the catalog entry concerned, when there is one (for a new spelling:
    the entry it becomes an alias of); ``family`` the family that takes the rows, ``revision``
    and ``rows`` where they were seen (``line``: where to look first).
    """

    kind: str
    section: str
    code: str | None
    detail: str
    entry: str | None = None
    suggestion: str | None = None
    line: int | None = None
    codes: list[str] = field(default_factory=list)
    family: str | None = None
    revision: str | None = None
    rows: list[Row] = field(default_factory=list, repr=False)

    def __str__(self) -> str:
        """The line ``absorb`` prints."""
        where = f"{self.revision}:{self.line}"
        if self.kind == "new-spelling":
            return f"{self.family}: add alias {self.code!r} to {self.entry.split('/', 1)[1]} ({where})"
        if self.kind == "new-code":
            return f"{self.family}: add entry {self.code!r} ({where})"
        return f"{where}: {self.detail}"

    @property
    def severity(self) -> str:
        return RULE[self.kind].severity

    def key(self) -> tuple:
        return (self.kind, self.section, self.code, self.entry)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "severity": self.severity, "section": self.section, "code": self.code,
                "entry": self.entry, "detail": self.detail, "suggestion": self.suggestion,
                "line": self.line, "codes": list(self.codes)}


@dataclass
class Intake:
    revision: Revision
    items: list[Item]
    registered: bool = False

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for i in self.items:
            out[i.kind] = out.get(i.kind, 0) + 1
        return out

    def as_dict(self) -> dict[str, Any]:
        return {"revision": self.revision.id, "catalog": True, "registered": self.registered,
                "counts": self.counts(), "items": [i.as_dict() for i in self.items]}


def intake(project, result: ImportResult) -> Intake:
    """Compare ``result`` with the project's catalog and reconciliation."""
    rev = result.revision
    registered = rev.id in {r.id for r in project.revisions}
    items = plan(project, result, conflicts=True)
    items.sort(key=lambda i: (i.line or 0, i.kind))
    return Intake(rev, items, registered)


def plan(project, result: ImportResult, conflicts: bool = True) -> list[Item]:
    """What the catalog must absorb from one revision, in the order of its rows.

    Tables no single family takes (``new-section``), codes no entry has: a near spelling of a
    known code that does not stand beside it in the table (``new-spelling``: an alias) or a
    new code (``new-code``), each once; with ``conflicts``, the conflicts the revision's rows
    bring that no decision settles (``new-conflict``).
    """
    index = project.evidence.index
    rev = result.revision
    tables = codes_by_table(result.rows)
    items: list[Item] = []
    unplaced: dict[str, Item] = {}
    per_entry: dict[str, list[Row]] = {}
    new: set[tuple[str, str]] = set()
    for row in result.rows:
        families = index.families(rev.page, row.section)
        if len(families) != 1:
            if row.section in unplaced:
                unplaced[row.section].rows.append(row)
            else:
                unplaced[row.section] = _unplaced(rev, row, families)
                items.append(unplaced[row.section])
            continue
        family = families[0]
        entry = index.entry_for(family, row.code)
        if entry is not None:
            per_entry.setdefault(entry.key, []).append(row)
        elif (family.id, row.code) not in new:  # reported at its first row only
            new.add((family.id, row.code))
            items.append(_new_code(index, family, rev, row, tables[row.section]))
    for item in unplaced.values():
        item.codes = [r.code for r in item.rows]
    if conflicts:
        for key, rows in per_entry.items():
            items.extend(_new_conflicts(project, project.catalog.entry(key), rev, rows))
    return items


def _unplaced(rev: Revision, row: Row, families) -> Item:
    what = ("belongs to no family" if not families else
            "matches several families: " + ", ".join(f.id for f in families))
    return Item("new-section", row.section, None, f"table {row.section!r} of page {rev.page} {what}",
                suggestion="add a sources rule (page, section) to one family", line=row.line,
                revision=rev.id, rows=[row])


def _new_code(index: CatalogIndex, family: Family, rev: Revision, row: Row, beside: set[str]) -> Item:
    """``row``'s code, unknown to ``family``: an alias of the entry it is a variant of, or an entry."""
    near = index.suggest(family, row.code, beside)
    if near is not None:
        spelling, target = near
        return Item("new-spelling", row.section, row.code, f"{row.code!r} is spelled like {spelling!r} ({target.key})",
                    entry=target.key, suggestion=f"add {row.code!r} to the aliases of {target.code} in "
                                                 f"{family.path}, then decide its spelling conflict",
                    line=row.line, codes=[row.code], family=family.id, revision=rev.id, rows=[row])
    return Item("new-code", row.section, row.code, f"{row.code!r} has no entry in family {family.id}",
                suggestion=f"add an entry for {row.code!r} to {family.path}",
                line=row.line, codes=[row.code], family=family.id, revision=rev.id, rows=[row])


def _new_conflicts(project, entry: Entry, rev: Revision, rows: list[Row]) -> list[Item]:
    """The conflicts the entry's ``rows`` of ``rev`` take part in, found by the conflict kinds' own
    detectors over the entry's evidence with those rows in it, that no decision settles: none is
    recorded, or it chose a status and ``rev`` brings a status number never weighed before."""
    evidence = project.evidence.by_entry.get(entry.key, [])
    resolved = project.reconciliation.resolved.get(entry.key)
    weighed = {s.status for s in resolved.statuses} if resolved else set()
    weighed |= {r.status for r in evidence if r.status is not None}
    known = [r for r in evidence if r.revision != rev.id]
    out = []
    for kind in ENTRY_KINDS:
        conflict = kind.detect(entry, known + rows)
        if conflict is None:
            continue
        lines = {e["line"] for e in conflict.evidence if e["revision"] == rev.id}
        mine = [r for r in rows if r.line in lines]
        if kind.id == "duplicate":
            mine = mine[1:]  # the first listing is the entry's; the others double it
        fresh = [r for r in mine if r.status is not None and r.status not in weighed]
        decision = entry.decisions.get(kind.id)
        if not mine or (decision is not None and not (kind.decision == "status" and decision.value is not None
                                                       and fresh)):
            continue
        row = (fresh or mine)[0]
        out.append(Item("new-conflict", row.section, row.code, conflict.summary, entry=entry.key,
                        suggestion=f"record decisions.{kind.id} on {entry.code} {kind.how_to_decide}",
                        line=row.line, codes=[r.code for r in rows], family=entry.family,
                        revision=rev.id, rows=rows))
    return out + _new_wording(project, entry, rev, known, rows)


def _new_wording(project, entry: Entry, rev: Revision, known: list[Row], rows: list[Row]) -> list[Item]:
    """The wording conflict ``rev`` brings: its wording, newest in its language, changes the key
    terms of the one it replaces (none when the entry's wording is already decided)."""
    if "wording" in entry.decisions:
        return []
    revs = {**project.evidence.revision, rev.id: rev}
    found = [c for c in entry_changes(known + rows, revs, glossary_terms(project.catalog.root))
             if any(c.new is r for r in rows)]
    if not found:
        return []
    kind = KIND["wording"]
    row = found[0].new
    return [Item("new-conflict", row.section, row.code, kind.summary["en"].format(code=entry.code, changes=describe(found)),
                 entry=entry.key, suggestion=f"record decisions.wording on {entry.code} {kind.how_to_decide}",
                 line=row.line, codes=[r.code for r in rows], family=entry.family, revision=rev.id, rows=rows)]
