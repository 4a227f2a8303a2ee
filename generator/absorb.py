"""Carry new upstream evidence into the catalog: register snapshots, add entries and aliases.

Only mechanical, reviewable steps are automated. A new spelling of a known code becomes
an alias (and so a ``spelling`` conflict that a person must decide); a new code becomes a
bare entry. Writes keep comments and order and are atomic; a second run changes nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .diff.intake import Item, plan
from .errors import Abort
from .evidence import in_date_order
from .importers import detect_format, import_file, revision_from_path
from .model import Problem, Revision
from .project import Project
from .revision import blob_id
from .yamlio import display_path, dump_yaml, load_yaml, write_atomic


#: What ``plan_absorb`` returns: items of the one plan ``diff --catalog`` prints too.
Step = Item


def plan_absorb(project: Project) -> tuple[list[Item], list[Problem]]:
    """The new spellings and codes that would cover every uncovered row of every registered
    revision (each once, at its first row, oldest revision first); problems for rows no single
    family takes. Conflicts are left to ``check``: only people can decide them."""
    steps: dict[tuple[str, str], Item] = {}
    unplaced: list[Problem] = []
    for rev in in_date_order(project.revisions):
        shown = display_path(project.source / rev.path)
        lost = []
        for item in plan(project, project.evidence.imports[rev.id], conflicts=False):
            if item.kind == "new-section":
                lost += [Problem(shown, row.line, 1, f"row {row.code!r} of section {row.section!r}: no single "
                                                     f"family takes it; add or narrow a sources rule")
                         for row in item.rows]
            else:
                steps.setdefault((item.family, item.code), item)
        unplaced += sorted(lost, key=lambda p: p.line)
    return list(steps.values()), unplaced


def apply_absorb(project: Project, steps: list[Item]) -> list[Path]:
    """Write the steps (new spellings and codes) into the family files; returns the files that changed."""
    by_family: dict[str, list[Item]] = {}
    for step in steps:
        by_family.setdefault(step.family, []).append(step)
    changed = []
    for family_id, family_steps in by_family.items():
        path = project.source / "catalog" / f"{family_id}.yaml"
        data = load_yaml(path)
        numeric = project.catalog.families[family_id].kind == "numeric"
        for step in family_steps:
            _apply_step(data, step, project.catalog.entry(step.entry).code if step.entry else None, numeric)
        if write_atomic(path, dump_yaml(data)):
            changed.append(path)
    return changed


def _apply_step(data: CommentedMap, step: Item, target: str | None, numeric: bool) -> None:
    """Add ``step.code`` as an alias of the entry coded ``target`` (a new spelling) or as an entry."""
    entries = data["entries"]
    if step.kind == "new-spelling":
        entry = next(e for e in entries if str(e["code"]) == target)
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
        registry["revisions"].append(_registry_item(rev, origin_path or str(file.name), commit, blob_id(text)))
        wrote = write_atomic(registry_path, dump_yaml(registry)) or wrote
    return rev, wrote


def _registry_item(rev: Revision, origin_path: str, commit: str | None, blob: str) -> CommentedMap:
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
    origin["blob"] = DoubleQuotedScalarString(blob)
    item["origin"] = origin
    return item
