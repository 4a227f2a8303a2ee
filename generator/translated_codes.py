"""Codes one language's pages made up: a spelling seen only in revisions of one language, standing
in the row where the paired revision of the other language (same page and edition, nearest date)
has another entry's code, with the same status, and that entry is missing from the first revision. Such a code is
most likely a translation slip (cn.en 2017 wrote actionAborted where every Chinese page has
OperationAborted): a spelling conflict to decide, not a new entry. The entry must either take
the spelling as an alias of the other entry or record ``decisions.spelling`` saying why it is a
code of its own.
"""

from __future__ import annotations

from .evidence import Evidence
from .model import Problem, Row
from .similarity import is_numeric


def check_translated_codes(resolved: dict, evidence: Evidence) -> list[Problem]:
    revs = {r.id: r for r in evidence.revisions}
    by_rev: dict[str, list[tuple[Row, str | None]]] = {}
    for row, key in evidence.rows:
        by_rev.setdefault(row.revision, []).append((row, key))
    problems: list[Problem] = []
    for key, res in resolved.items():
        entry = res.entry
        if "spelling" in entry.decisions:
            continue
        for spelling in entry.spellings:
            if is_numeric(spelling):
                continue  # numbers are not translated: only a name can be a translator's slip
            rows = [r for r in res.rows if r.code == spelling]
            if not rows or len({revs[r.revision].language for r in rows}) != 1:
                continue
            found = next((hit for row in rows if (hit := _stands_for(row, key, res, revs, by_rev, resolved))), None)
            if found:
                pair, other = found
                problems.append(Problem(entry.path, entry.line, entry.column,
                                        f"{entry.code}: {spelling!r} appears only in {revs[rows[0].revision].language} "
                                        f"revisions, in the row where {pair} lists {other}, which its own revision lacks: a spelling "
                                        f"of {other}? Make it an alias of {other}, or record decisions.spelling "
                                        f"with the reason it is a code of its own"))
    return problems


def _stands_for(row: Row, key: str, res, revs, by_rev, resolved):
    rev = revs[row.revision]
    others = [o for o in revs.values() if o.page == rev.page and o.edition == rev.edition and o.language != rev.language]
    if not others:
        return None
    pair = min(others, key=lambda o: (abs(int(o.date[:10].replace("-", "")) - int(rev.date[:10].replace("-", ""))), o.id))
    mine, theirs = _positions(by_rev[rev.id]), _positions(by_rev.get(pair.id, []))
    other = theirs.get(_position(row, by_rev[rev.id]))
    if other is None:
        return None
    other_row, other_key = other
    if other_key is None or other_key == key or other_row.status != row.status:
        return None
    # the other code is missing from this revision: this row is where it went
    if any(k == other_key for _, k in by_rev[rev.id]):
        return None
    return pair.id, resolved[other_key].code


def _position(row: Row, rows: list[tuple[Row, str | None]]) -> tuple[int, int]:
    """(ordinal of the row's table in its revision, index of the row in the table): section
    titles differ between languages, their order does not."""
    sections = list(dict.fromkeys(r.section for r, _ in rows))
    return sections.index(row.section), row.index


def _positions(rows: list[tuple[Row, str | None]]) -> dict[tuple[int, int], tuple[Row, str | None]]:
    sections = list(dict.fromkeys(r.section for r, _ in rows))
    return {(sections.index(r.section), r.index): (r, k) for r, k in rows}
