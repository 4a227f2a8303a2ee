"""The whole pipeline up to rendering: load -> validate -> import -> map -> reconcile."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .catalog import Catalog, load_catalog
from .errors import InputError
from .evidence import Evidence, collect_evidence, import_revisions
from .model import Problem, Revision
from .reconcile import Reconciliation, is_bilingual, reconcile
from .revision import load_revisions
from .timing import Recorder, Stages
from .yamlio import FileCache


@dataclass
class Project:
    """Everything computed from ``source/``; what the renderer and the diff consume."""

    source: Path
    revisions: list[Revision]
    catalog: Catalog
    evidence: Evidence
    reconciliation: Reconciliation
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def summary(self) -> dict:
        rec = self.reconciliation
        return {
            "entries": len(self.catalog.entries),
            "families": len(self.catalog.families),
            "services": len(self.catalog.services),
            "revisions": len(self.revisions),
            "rows": len(self.evidence.rows),
            "rows_covered": self.evidence.rows_covered,
            "conflicts": len(rec.conflicts),
            "conflicts_decided": len(rec.conflicts) - len(rec.undecided),
            "entries_bilingual": sum(1 for r in rec.resolved.values() if is_bilingual(r)),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }


def load_project(source: Path | str = "source", cache: FileCache | None = None,
                 record: Recorder | None = None) -> Project:
    """Run every stage before rendering; collect problems rather than stopping early.

    Args:
        source: the project's source folder.
        cache: (``mkdocs serve``) skips parsing the files unchanged since an earlier load.
        record: told each stage's time as it ends (``timing.Recorder``): revisions,
            catalog_parse, catalog_validate, import, evidence, reconcile.

    Returns:
        The project, its errors and warnings sorted by place.

    Raises:
        InputError: when the registry, the catalog's schema or a snapshot cannot be
            read at all (later stages would be meaningless).
    """
    root = Path(source)
    stages = Stages(record)
    problems: list[Problem] = []
    revisions = catalog = None
    with collector_paused():
        try:
            revisions = stages.run("revisions", load_revisions, root, cache=cache)
        except InputError as exc:
            problems.extend(exc.problems)
        try:  # its YAML parsing is reported apart, as catalog_parse
            catalog = stages.run("catalog_validate", load_catalog, root, cache)
        except InputError as exc:
            problems.extend(exc.problems)
        if problems or revisions is None or catalog is None:
            raise InputError(problems)
        imports = stages.run("import", import_revisions, root, revisions, cache)
        evidence = stages.run("evidence", collect_evidence, catalog, revisions, imports)
        rec = stages.run("reconcile", reconcile, catalog, evidence)
    errors = evidence.errors + rec.errors
    warnings = evidence.warnings + rec.warnings
    return Project(root, revisions, catalog, evidence, rec, _sorted(errors), _sorted(warnings))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the model is built: loading makes many
    long-lived objects and little garbage, and each full collection rescans all of them (at
    10,000 entries a few such passes landed in whichever stage happened to trigger them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))


def load_valid_project(source: Path | str = "source", cache: FileCache | None = None,
                       record: Recorder | None = None) -> Project:
    """Like ``load_project`` but any error is fatal: what the site build uses."""
    project = load_project(source, cache, record)
    if project.errors:
        raise InputError(project.errors)
    return project
