"""``diff --catalog REVISION``: what the catalog must absorb from one revision.

A registered revision that ``errdocs check`` accepts has nothing to absorb; a new one
lists codes without an entry, spellings to add as aliases, tables that belong to no
family and conflicts that need a decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..catalog import Entry, Family
from ..model import ImportResult, Revision, Row
from ..reconcile import well_formed_status
from ..similarity import closest
from .rules import RULE


@dataclass
class Item:
    """One thing to absorb. ``entry`` is the catalog entry key concerned, when there is one."""

    kind: str
    section: str
    code: str | None
    detail: str
    entry: str | None = None
    suggestion: str | None = None
    line: int | None = None
    codes: list[str] = field(default_factory=list)

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
    catalog = project.catalog
    rev = result.revision
    registered = rev.id in {r.id for r in project.revisions}
    items: list[Item] = []
    seen_sections: set[str] = set()
    per_entry: dict[str, list[Row]] = {}
    seen_new: set[tuple[str, str]] = set()
    for row in result.rows:
        families = [f for f in catalog.families.values() if f.matches(rev.page, row.section)]
        if len(families) != 1:
            if row.section not in seen_sections:
                seen_sections.add(row.section)
                codes = [r.code for r in result.rows if r.section == row.section]
                what = ("belongs to no family" if not families else
                        "matches several families: " + ", ".join(f.id for f in families))
                items.append(Item("new-section", row.section, None,
                                  f"table {row.section!r} of page {rev.page} {what}",
                                  suggestion="add a sources rule (page, section) to one family",
                                  line=row.line, codes=codes))
            continue
        family = families[0]
        entry = _by_spelling(family, row.code)
        if entry is None and (family.id, row.code) in seen_new:
            continue  # reported at its first row
        if entry is None:
            seen_new.add((family.id, row.code))
            near = closest(row.code, [s for e in family.entries for s in e.spellings])
            if near is not None:
                target = _by_spelling(family, near)
                items.append(Item("new-spelling", row.section, row.code,
                                  f"{row.code!r} is spelled like {near!r} ({target.key})",
                                  entry=target.key,
                                  suggestion=f"add {row.code!r} to the aliases of {target.code} in "
                                             f"{family.path}, then decide its spelling conflict",
                                  line=row.line, codes=[row.code]))
            else:
                items.append(Item("new-code", row.section, row.code,
                                  f"{row.code!r} has no entry in family {family.id}",
                                  suggestion=f"add an entry for {row.code!r} to {family.path}",
                                  line=row.line, codes=[row.code]))
            continue
        per_entry.setdefault(entry.key, []).append(row)
        items.extend(_conflicts(project, entry, row))
    for key, rows in per_entry.items():
        entry = catalog.entry(key)
        if len(rows) > 1 and "duplicate" not in entry.decisions:
            items.append(Item("new-conflict", rows[1].section, rows[1].code,
                              f"{entry.code} is listed {len(rows)} times in {rev.id} (lines "
                              f"{', '.join(str(r.line) for r in rows)})",
                              entry=key, suggestion=f"record decisions.duplicate on {entry.code}",
                              line=rows[1].line, codes=[r.code for r in rows]))
    items.sort(key=lambda i: (i.line or 0, i.kind))
    return Intake(rev, items, registered)


def _by_spelling(family: Family, code: str) -> Entry | None:
    for entry in family.entries:
        if code in entry.spellings:
            return entry
    return None


def _conflicts(project, entry: Entry, row: Row) -> list[Item]:
    out = []
    resolved = project.reconciliation.resolved.get(entry.key)
    evidence = project.evidence.by_entry.get(entry.key, [])
    known = {s.status for s in (resolved.statuses if resolved else [])}
    known |= {r.status for r in evidence if r.status is not None}
    if row.status is not None and known and row.status not in known:
        shown = ", ".join(str(s) for s in sorted(known))
        out.append(Item("new-conflict", row.section, row.code,
                        f"{row.code} has status {row.status_text or row.status} here; the catalog "
                        f"has {shown}", entry=entry.key,
                        suggestion=f"record decisions.status on {entry.code}",
                        line=row.line, codes=[row.code]))
    if (row.status_text and not well_formed_status(row.status_text)
            and "malformed-status" not in entry.decisions):
        out.append(Item("new-conflict", row.section, row.code,
                        f"{row.code} has a malformed status {row.status_text!r}", entry=entry.key,
                        suggestion=f"record decisions.malformed-status on {entry.code}",
                        line=row.line, codes=[row.code]))
    return out
