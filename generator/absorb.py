"""Carry new upstream evidence into the catalog: register snapshots, add entries and aliases.

Only mechanical, reviewable steps are automated. A new spelling of a known code becomes
an alias (and so a ``spelling`` conflict that a person must decide); a new code becomes a
bare entry. Writes keep comments and order and are atomic; a second run changes nothing.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .errors import Abort
from .importers import detect_format, import_file, revision_from_path
from .model import Problem, Revision
from .project import Project
from .similarity import closest, is_numeric
from .yamlio import display_path, dump_yaml, load_yaml, write_atomic


@dataclass(frozen=True)
class Step:
    """One planned change: add ``alias`` to ``entry`` or add a new entry ``code``."""

    family: str
    action: str  # "alias" or "entry"
    code: str
    entry: str | None
    evidence: str

    def __str__(self) -> str:
        if self.action == "alias":
            return f"{self.family}: add alias {self.code!r} to {self.entry} ({self.evidence})"
        return f"{self.family}: add entry {self.code!r} ({self.evidence})"


def plan_absorb(project: Project) -> tuple[list[Step], list[Problem]]:
    """Steps that would cover every uncovered row; problems for rows no family takes."""
    steps: dict[tuple[str, str], Step] = {}
    unplaced: list[Problem] = []
    revs = {r.id: r for r in project.revisions}
    codes_in_revision: dict[tuple[str, str], set[str]] = {}
    for row, _ in project.evidence.rows:
        codes_in_revision.setdefault((row.revision, row.section), set()).add(row.code)
    for row, key in project.evidence.rows:
        if key is not None:
            continue
        rev = revs[row.revision]
        families = [f for f in project.catalog.families.values() if f.matches(rev.page, row.section)]
        if len(families) != 1:
            unplaced.append(Problem(display_path(project.source / rev.path), row.line, 1,
                                    f"row {row.code!r} of section {row.section!r}: no single family "
                                    f"takes it; add or narrow a sources rule"))
            continue
        family = families[0]
        where = f"{rev.id}:{row.line}"
        spellings = {s: e for e in family.entries for s in e.spellings}
        near = None if is_numeric(row.code) else closest(row.code, list(spellings))
        together = codes_in_revision.get((row.revision, row.section), set())
        if near is not None and near not in together:
            step = Step(family.id, "alias", row.code, spellings[near].code, where)
        else:
            step = Step(family.id, "entry", row.code, None, where)
        steps.setdefault((family.id, row.code), step)
    return list(steps.values()), unplaced


def apply_absorb(project: Project, steps: list[Step]) -> list[Path]:
    """Write the steps into the family files; returns the files that changed."""
    by_family: dict[str, list[Step]] = {}
    for step in steps:
        by_family.setdefault(step.family, []).append(step)
    changed = []
    for family_id, family_steps in by_family.items():
        path = project.source / "catalog" / f"{family_id}.yaml"
        data = load_yaml(path)
        numeric = project.catalog.families[family_id].kind == "numeric"
        for step in family_steps:
            _apply_step(data, step, numeric)
        if write_atomic(path, dump_yaml(data)):
            changed.append(path)
    return changed


def _apply_step(data: CommentedMap, step: Step, numeric: bool) -> None:
    entries = data["entries"]
    if step.action == "alias":
        entry = next(e for e in entries if str(e["code"]) == step.entry)
        aliases = entry.get("aliases")
        if aliases is None:
            aliases = CommentedSeq()
            aliases.fa.set_flow_style()
            entry.insert(1, "aliases", aliases)
        if step.code not in aliases:
            aliases.append(step.code)
        return
    if any(str(e["code"]) == step.code for e in entries):
        return
    item = CommentedMap()
    item["code"] = DoubleQuotedScalarString(step.code) if numeric else step.code
    entries.append(item)


def register_snapshot(source: Path, file: Path, revision: Revision | None = None,
                      origin_path: str | None = None, commit: str | None = None) -> tuple[Revision, bool]:
    """Copy ``file`` into ``source/upstream`` and add it to ``revisions.yaml``.

    The snapshot is imported first: nothing is written unless it reads. Registering
    the same file again changes nothing.

    Returns:
        The registered revision and whether anything was written.
    """
    text = file.read_bytes()
    decoded = text.decode("utf-8", errors="replace")
    rev = revision or revision_from_path(file, decoded)
    if "unknown" in (rev.page, rev.edition, rev.language, rev.date):
        raise Abort(f"{file}: cannot tell page, edition, language and date from the file name; "
                    f"name it <page>.<edition>.<en|zh>.<YYYY-MM-DD>.<ext> or pass --id")
    suffix = file.suffix or ".md"
    target = source / "upstream" / f"{rev.id}{suffix}"
    fmt = detect_format(decoded)
    rev = Revision(rev.id, rev.page, rev.edition, rev.language, rev.date, f"upstream/{target.name}", fmt)
    import_file(file, rev)  # raises InputError on unreadable input: nothing written yet
    registry_path = source / "revisions.yaml"
    registry = load_yaml(registry_path)
    known = next((r for r in registry["revisions"] if r["id"] == rev.id), None)
    if target.exists() and target.read_bytes() != text:
        raise Abort(f"{target} already exists with other content; snapshots are never overwritten")
    if known is not None and target.exists():
        return rev, False
    wrote = False
    if not target.exists():
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(file, tmp)
        tmp.replace(target)
        wrote = True
    if known is None:
        registry["revisions"].append(_registry_item(rev, origin_path or str(file.name), commit))
        wrote = write_atomic(registry_path, dump_yaml(registry)) or wrote
    return rev, wrote


def _registry_item(rev: Revision, origin_path: str, commit: str | None) -> CommentedMap:
    item = CommentedMap()
    for key in ("id", "page", "edition", "language"):
        item[key] = getattr(rev, key)
    item["date"] = DoubleQuotedScalarString(rev.date)
    item["file"] = rev.path
    item["format"] = rev.format
    origin = CommentedMap()
    origin["path"] = DoubleQuotedScalarString(origin_path)
    if commit:
        origin["commit"] = DoubleQuotedScalarString(commit)
    item["origin"] = origin
    return item
