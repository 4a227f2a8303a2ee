"""Evidence: every row of every registered revision, mapped to exactly one catalog entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Catalog
from .errors import InputError
from .importers import import_file
from .matching import CatalogIndex, codes_by_table
from .model import GuideCase, ImportResult, Problem, Revision, Row
from .yamlio import FileCache, display_path


@dataclass(slots=True)
class CaseEvidence:
    """One case of one guide revision, attached to the catalog.

    Attributes:
        key: the entry its ``<Code>`` is (None: the case names no code, or an unknown one).
        names: the entry its message names, when the message is a code of the same family
            (``<Message>InvalidAccessKeyId</Message>`` under AccessDenied).
        variant: the message is one no table lists for that entry: a message variant of it.
        family: the family that takes the guide's page (where a case naming no code applies).
    """

    revision: Revision
    case: GuideCase
    key: str | None = None
    names: str | None = None
    variant: bool = False
    family: str | None = None


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
        index: the catalog's index the rows were mapped with.
        cases: every case of every guide revision, oldest revision first.
    """

    revisions: list[Revision]
    imports: dict[str, ImportResult]
    rows: list[tuple[Row, str | None]] = field(default_factory=list)
    by_entry: dict[str, list[Row]] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    source: Path = Path("source")
    index: CatalogIndex | None = None
    cases: list[CaseEvidence] = field(default_factory=list)

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


def in_date_order(revisions: list[Revision]) -> list[Revision]:
    """Oldest first (ties by id): the order rows are mapped and history is told in."""
    return sorted(revisions, key=lambda r: (r.date, r.id))


def collect_evidence(catalog: Catalog, revisions: list[Revision],
                     imports: dict[str, ImportResult]) -> Evidence:
    """Map each imported row to its family (by page and section) and entry (by spelling)."""
    index = CatalogIndex(catalog)
    evidence = Evidence(revisions, imports, source=catalog.root, index=index)
    evidence.errors.extend(index.errors)
    for rev in in_date_order(revisions):
        result = imports[rev.id]  # a guide's result has cases, no rows
        evidence.warnings.extend(result.warnings)
        shown = display_path(evidence.source / rev.path)  # once per revision: it resolves the path
        tables: dict[str, set[str]] | None = None  # made for the first uncovered row only
        for row in result.rows:
            family = index.family_for(rev.page, row.section)
            entry = None if family is None else index.entry_for(family, row.code)
            if entry is None:
                tables = tables if tables is not None else codes_by_table(result.rows)
                evidence.errors.append(_uncovered(index, rev, row, tables[row.section], shown))
                evidence.rows.append((row, None))
                continue
            evidence.rows.append((row, entry.key))
            evidence.by_entry.setdefault(entry.key, []).append(row)
        for case in result.cases:
            evidence.cases.append(_attach(index, rev, case, shown, evidence.errors))
    _mark_variants(evidence)
    return evidence


def _attach(index: CatalogIndex, rev: Revision, case: GuideCase, where: str, errors: list[Problem]) -> CaseEvidence:
    """The case with the entry its code is; an unknown code is an error, like an uncovered row."""
    family = index.family_for(rev.page, case.title)
    found = CaseEvidence(rev, case, family=None if family is None else family.id)
    if case.code is None:
        return found  # answers a bare status (CDN 403): shown by status, on the index and the entries
    entry = None if family is None else index.entry_for(family, case.code)
    if entry is None:
        what = f"guide case {case.title!r} answers code {case.code!r}"
        if family is None:
            errors.append(Problem(where, case.line, 1, f"{what}, but no family takes page {rev.page}; add a "
                                                       f"sources rule (page {rev.page}) to a family in source/catalog/"))
        else:
            errors.append(Problem(where, case.line, 1, f"{what}, which matches no entry of family {family.id}; "
                                                       f"add it to an entry's aliases or add an entry"))
        return found
    found.key = entry.key
    named = index.entry_for(family, (case.message or "").strip())
    if named is not None and named is not entry:
        found.names = named.key
    return found


def _mark_variants(evidence: Evidence) -> None:
    """A message a guide gives for a code that no table lists for it is a message variant of that entry."""
    listed: dict[str, set[str]] = {}
    for key, rows in evidence.by_entry.items():
        texts = listed.setdefault(key, set())
        for row in rows:
            texts.update(v.strip() for group in [row.texts, *row.variants] for k, v in group.items() if k == "message")
    for item in evidence.cases:
        if item.key is not None and item.case.message:
            item.variant = item.case.message.strip() not in listed.get(item.key, set())


def message_variants(evidence: Evidence, key: str) -> list[CaseEvidence]:
    """The guide messages of entry ``key`` that no table lists: the first case giving each, oldest first."""
    seen: dict[str, CaseEvidence] = {}
    for item in evidence.cases:
        if item.key == key and item.variant:
            seen.setdefault(item.case.message.strip(), item)
    return list(seen.values())


def _uncovered(index: CatalogIndex, rev: Revision, row: Row, beside: set[str], where: str) -> Problem:
    """Why ``row`` maps to no entry, and what to add to the catalog."""
    families = index.families(rev.page, row.section)
    if not families:
        return Problem(where, row.line, 1, f"row {row.code!r} of section {row.section!r} belongs to no family; "
                                           f"add a sources rule (page {rev.page}) to a family in source/catalog/")
    if len(families) > 1:
        names = ", ".join(f.id for f in families)
        return Problem(where, row.line, 1, f"section {row.section!r} of page {rev.page} matches several "
                                           f"families ({names}); narrow their sources rules")
    family = families[0]
    message = f"code {row.code!r} (section {row.section!r}) matches no entry of family {family.id}"
    near = index.suggest(family, row.code, beside)
    if near:
        return Problem(where, row.line, 1, message + f"; did you mean {near[0]!r}? add it to that entry's "
                                                     f"aliases or add an entry")
    return Problem(where, row.line, 1, message + "; add an entry for it")
