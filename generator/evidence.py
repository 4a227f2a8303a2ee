"""Evidence: every row of every registered revision, mapped to exactly one catalog entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Catalog, Entry, Family
from .errors import InputError
from .importers import import_file
from .model import ImportResult, Problem, Revision, Row
from .similarity import closest
from .yamlio import FileCache, display_path


@dataclass
class Evidence:
    """What the snapshots say, attached to the catalog.

    Attributes:
        revisions: registered revisions, in registry order.
        imports: import result per revision id.
        rows: every row with the key of the entry it maps to (None when uncovered).
        by_entry: rows per entry key, oldest revision first.
        errors: coverage problems (uncovered or ambiguous rows, clashing aliases).
        warnings: importer warnings.
    """

    revisions: list[Revision]
    imports: dict[str, ImportResult]
    rows: list[tuple[Row, str | None]] = field(default_factory=list)
    by_entry: dict[str, list[Row]] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    source: Path = Path("source")

    @property
    def revision(self) -> dict[str, Revision]:
        return {r.id: r for r in self.revisions}

    @property
    def rows_covered(self) -> int:
        return sum(1 for _, key in self.rows if key is not None)


def import_revisions(source: Path | str, revisions: list[Revision],
                     cache: FileCache | None = None) -> dict[str, ImportResult]:
    """Import every registered snapshot; unreadable snapshots raise with all their problems.
    With ``cache``, snapshots unchanged since an earlier call are not imported again."""
    root = Path(source)
    results, problems = {}, []
    for rev in revisions:
        shown = display_path(root / rev.path)
        try:
            if cache is None:
                results[rev.id] = import_file(shown, rev)
            else:
                results[rev.id] = cache.get("import", root / rev.path, lambda: import_file(shown, rev),
                                            shown, repr(rev))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return results


def collect_evidence(catalog: Catalog, revisions: list[Revision],
                     imports: dict[str, ImportResult]) -> Evidence:
    """Map each imported row to its family (by page and section) and entry (by spelling)."""
    evidence = Evidence(revisions, imports, source=catalog.root)
    index = _spelling_index(catalog, evidence.errors)
    order = sorted(revisions, key=lambda r: (r.date, r.id))
    matching: dict[tuple[str, str], list[Family]] = {}  # a few sections, many rows
    for rev in order:
        result = imports[rev.id]
        evidence.warnings.extend(result.warnings)
        shown = display_path(evidence.source / rev.path)  # once per revision: it resolves the path
        for row in result.rows:
            families = matching.get((rev.page, row.section))
            if families is None:
                families = matching[rev.page, row.section] = [
                    f for f in catalog.families.values() if f.matches(rev.page, row.section)]
            key = _map_row(families, index, rev, row, evidence.errors, shown)
            evidence.rows.append((row, key))
            if key is not None:
                evidence.by_entry.setdefault(key, []).append(row)
    return evidence


def _spelling_index(catalog: Catalog, errors: list[Problem]) -> dict[str, dict[str, Entry]]:
    index: dict[str, dict[str, Entry]] = {}
    for family in catalog.families.values():
        seen: dict[str, Entry] = {}
        for entry in family.entries:
            for i, spelling in enumerate(entry.spellings):
                other = seen.get(spelling)
                where = "code=" if i == 0 else f"aliases[{i - 1}]"
                line, col = entry.positions.get(where, (entry.line, entry.column))
                if other is entry:
                    errors.append(Problem(entry.path, line, col,
                                          f"alias {spelling!r} of {entry.code} repeats its code; remove it"))
                    continue
                if other is not None:
                    what = f"code {spelling!r}" if i == 0 else f"alias {spelling!r} of {entry.code}"
                    whose = "another entry" if other.code == entry.code else other.code
                    errors.append(Problem(entry.path, line, col,
                                          f"{what} is already used by {whose} (line {other.line}); "
                                          f"codes and aliases must be unique within family {family.id}"))
                    continue
                seen[spelling] = entry
        index[family.id] = seen
    return index


def _map_row(families: list[Family], index: dict[str, dict[str, Entry]], rev: Revision, row: Row,
             errors: list[Problem], where: str) -> str | None:
    if not families:
        errors.append(Problem(where, row.line, 1,
                              f"row {row.code!r} of section {row.section!r} belongs to no family; add a "
                              f"sources rule (page {rev.page}) to a family in source/catalog/"))
        return None
    if len(families) > 1:
        names = ", ".join(f.id for f in families)
        errors.append(Problem(where, row.line, 1,
                              f"section {row.section!r} of page {rev.page} matches several families "
                              f"({names}); narrow their sources rules"))
        return None
    family = families[0]
    entry = index[family.id].get(row.code)
    if entry is None:
        errors.append(Problem(where, row.line, 1, _uncovered_message(family, row)))
        return None
    return entry.key


def _uncovered_message(family: Family, row: Row) -> str:
    message = f"code {row.code!r} (section {row.section!r}) matches no entry of family {family.id}"
    near = closest(row.code, [s for e in family.entries for s in e.spellings])
    if near:
        return message + f"; did you mean {near!r}? add it to that entry's aliases or add an entry"
    return message + "; add an entry for it"
