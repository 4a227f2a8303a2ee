"""Harvest every published revision of the registered pages from upstream git repositories.

Data flow: repositories -> (walk the first-parent line, classify paths with ``pages.yaml``) ->
revisions found -> (blob ids against the registered snapshots) -> new revisions -> staged in a
copy of ``source/`` (snapshot copied, registered, imported, absorbed) -> copied back only when
everything read. ``revisions.yaml`` is the lock: each registered snapshot's recorded blob id
(``origin.blob``) is checked against its file, and a missing file is restored from the repositories
under its registered id. A revision is one distinct content (git blob) of a page: a revert or a copy
that brings back bytes already seen is not a new revision; the first page, date and path that
published the bytes name it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..absorb import _registry_item, apply_absorb, plan_absorb
from ..errors import Abort, InputError
from .git import Change, GitRepo, parse_trailer
from ..importers import detect_format, import_file
from ..model import Problem, Revision
from .registry import PageRegistry, load_pages
from ..project import load_project
from ..revision import blob_id, load_revisions
from ..yamlio import display_path, dump_yaml, load_yaml, value_position, write_atomic

CACHE_VERSION = 1


@dataclass
class Found:
    """One revision found in an upstream repository."""

    page: str
    edition: str
    language: str
    kind: str
    date: str
    repository: str
    path: str
    commit: str
    blob: str
    id: str = ""
    status: str = ""
    rows: int = 0
    format: str = ""
    scan: int = 0  # index of the repository (in the order given) that published it first


@dataclass
class Scan:
    """What one repository holds: its head, size and the changes to registered pages."""

    path: str
    head: str
    commits: int
    changes: list[dict]
    git: GitRepo = field(repr=False, default=None)


@dataclass
class Plan:
    """Everything a harvest found and would write."""

    scans: list[Scan]
    found: list[Found]
    contents: dict[str, bytes]
    problems: list[Problem] = field(default_factory=list)
    restore: list[Revision] = field(default_factory=list)  # registered, snapshot missing, bytes found

    @property
    def new(self) -> list[Found]:
        return [f for f in self.found if f.status == "new"]


def scan_repository(path: str, registry: PageRegistry, name: str | None, cache_dir: Path | None) -> Scan:
    """Walk a repository's published line (incrementally, from the cache when it is valid)."""
    git = GitRepo(path)
    repository = name or git.repository()
    if repository is None:
        raise Abort(f"{path}: cannot tell which upstream repository this is (no Upstream-Commit trailer, "
                    f"no GitHub origin remote); give it as {path}=OWNER/NAME", 2)
    cached = _read_cache(cache_dir, git, registry, repository)
    if cached and cached["head"] == git.head:
        return Scan(path, git.head, cached["commits"], cached["changes"], git)
    since = cached["head"] if cached and git.is_ancestor(cached["head"]) else None
    changes = list(cached["changes"]) if since else []
    changes += [_classified(c, registry, repository) for c in git.changes(since)]
    changes = [c for c in changes if c is not None]
    scan = Scan(path, git.head, git.count_commits(), changes, git)
    _write_cache(cache_dir, git, registry, repository, scan)
    return scan


def _classified(change: Change, registry: PageRegistry, repository: str) -> dict | None:
    if change.blob is None:
        return None
    try:
        rule = registry.classify(repository, change.path, change.date)
    except ValueError as exc:
        raise Abort(str(exc), 2) from None
    if rule is None:
        return None
    origin = parse_trailer(change.upstream or "")
    return {"page": rule.page, "edition": rule.edition, "language": rule.language, "kind": rule.kind,
            "date": change.date, "repository": origin[0] if origin else repository, "path": change.path,
            "commit": origin[1] if origin else change.commit, "blob": change.blob}


def _cache_file(cache_dir: Path | None, git: GitRepo) -> Path | None:
    if cache_dir is None:
        return None
    return cache_dir / f"{blob_id(str(git.git_dir).encode())}.json"


def _read_cache(cache_dir, git, registry, repository) -> dict | None:
    path = _cache_file(cache_dir, git)
    try:
        data = json.loads(path.read_text()) if path else None
    except (OSError, ValueError):
        return None
    if not data or data.get("version") != CACHE_VERSION or data.get("pages") != registry.digest \
            or data.get("repository") != repository:
        return None
    return data


def _write_cache(cache_dir, git, registry, repository, scan: Scan) -> None:
    path = _cache_file(cache_dir, git)
    if path is None:
        return
    data = {"version": CACHE_VERSION, "pages": registry.digest, "repository": repository,
            "head": scan.head, "commits": scan.commits, "changes": scan.changes}
    try:
        write_atomic(path, json.dumps(data, ensure_ascii=False))
    except OSError:
        pass  # the cache only saves time; a read-only place is no reason to fail


def find_revisions(scans: list[Scan], registered: dict[str, Revision]) -> list[Found]:
    """One Found per distinct blob, in order of first publication; ids from the registry or allocated.

    Args:
        registered: registered revisions by the blob id of their snapshot.
    """
    firsts: dict[str, tuple] = {}
    for order, scan in enumerate(scans):
        for seq, change in enumerate(scan.changes):
            key = (change["date"], order, seq)
            if change["blob"] not in firsts or key < firsts[change["blob"]][0]:
                firsts[change["blob"]] = (key, change)
    found = [Found(**change, scan=key[1]) for key, change in sorted(firsts.values(), key=lambda item: item[0])]
    taken = {r.id for r in registered.values()}
    for item in found:
        known = registered.get(item.blob)
        if known is not None:
            item.id, item.status, item.date = known.id, "registered", known.date
            continue
        item.id, item.status = _allocate(f"{item.page}.{item.edition}.{item.language}.{item.date}", taken), "new"
        taken.add(item.id)
    return found


def _allocate(base: str, taken: set[str]) -> str:
    """``base`` when free, else ``base.2``, ``base.3``...: a second revision on one date."""
    if base not in taken:
        return base
    n = 2
    while f"{base}.{n}" in taken:
        n += 1
    return f"{base}.{n}"


def plan_harvest(source: Path, repos: list[str], cache_dir: Path | None = None) -> Plan:
    """Scan the repositories and read every revision found; nothing is written under ``source``."""
    registry = load_pages(source)
    revisions = load_revisions(source, require_files=False)
    registered, missing, problems = _locked(source, revisions)
    scans = [scan_repository(path, registry, name, cache_dir) for path, name in map(_split_repo, repos)]
    found = find_revisions(scans, registered)
    contents = {}
    for index, scan in enumerate(scans):
        contents.update(scan.git.read_blobs(f.blob for f in found if f.scan == index
                                            and (f.status == "new" or f.blob in missing)))
    restore = [registered[blob] for blob in missing if blob in contents]
    problems += _unrestorable(source, [registered[blob] for blob in missing if blob not in contents])
    plan = Plan(scans, found, contents, problems, restore)
    rows_cache = _RowsCache(cache_dir)
    _count_rows(plan, source, {r.id: r for r in revisions}, rows_cache)
    rows_cache.save()
    return plan


def _locked(source: Path, revisions: list[Revision]) -> tuple[dict[str, Revision], set[str], list[Problem]]:
    """Registered revisions by blob id, the blobs whose snapshot is missing, snapshots unlike their lock."""
    by_blob, missing, problems = {}, set(), []
    for rev in revisions:
        path = source / rev.path
        if not path.is_file():
            if rev.origin_blob is None:
                problems += _unrestorable(source, [rev])
            else:
                by_blob[rev.origin_blob] = rev
                missing.add(rev.origin_blob)
            continue
        actual = blob_id(path.read_bytes())
        if rev.origin_blob not in (None, actual):
            problems.append(Problem(display_path(path), 1, 1,
                                    f"bytes differ from those registered for {rev.id} (origin.blob "
                                    f"{rev.origin_blob} in revisions.yaml, the file's blob is {actual}); "
                                    f"snapshots are never edited: delete it to have harvest restore it"))
        by_blob[rev.origin_blob or actual] = rev
    return by_blob, missing, problems


def _unrestorable(source: Path, revisions: list[Revision]) -> list[Problem]:
    """A located problem for each registered snapshot that is missing and cannot be restored."""
    if not revisions:
        return []
    shown = display_path(source / "revisions.yaml")
    node = {item["id"]: item for item in load_yaml(source / "revisions.yaml", shown)["revisions"]}
    return [Problem(shown, *value_position(node[rev.id], "file"),
                    f"{rev.id}: file not found: {rev.path}, and "
                    + (f"no repository given holds its blob {rev.origin_blob}" if rev.origin_blob
                       else "no origin.blob is recorded to restore it from")) for rev in revisions]


def _split_repo(arg: str) -> tuple[str, str | None]:
    """``PATH`` or ``PATH=OWNER/NAME``."""
    path, _, name = arg.partition("=")
    return path, name or None


class _RowsCache:
    """Rows counted in registered snapshots, by blob id, valid while the importers' code is unchanged."""

    def __init__(self, cache_dir: Path | None):
        self.path = cache_dir / "rows.json" if cache_dir else None
        importers = sorted((Path(__file__).parent / "importers").glob("*.py"))
        self.key = blob_id(b"".join(p.read_bytes() for p in importers))
        self.rows: dict[str, int] = {}
        try:
            data = json.loads(self.path.read_text()) if self.path else {}
        except (OSError, ValueError):
            data = {}
        if data.get("importers") == self.key:
            self.rows = data.get("rows", {})
        self.dirty = False

    def get(self, blob: str, compute) -> int:
        if blob not in self.rows:
            self.rows[blob], self.dirty = compute(), True
        return self.rows[blob]

    def put(self, blob: str, rows: int) -> int:
        if self.rows.get(blob) != rows:
            self.rows[blob], self.dirty = rows, True
        return rows

    def save(self) -> None:
        if self.path and self.dirty:
            try:
                write_atomic(self.path, json.dumps({"importers": self.key, "rows": self.rows}))
            except OSError:
                pass  # only a cache


def _count_rows(plan: Plan, source: Path, by_id: dict[str, Revision], cache: _RowsCache) -> None:
    """Import every revision found (registered ones from their snapshot) to count its rows (a guide's
    cases: it has no rows)."""
    with tempfile.TemporaryDirectory(prefix="errdocs-harvest-") as tmp:
        for item in plan.found:
            if item.status == "registered":
                rev = by_id[item.id]
                item.format = rev.format
                item.rows = cache.get(item.blob, lambda: len(import_file(_readable(source, rev, plan, tmp), rev).rows))
                continue
            data = plan.contents[item.blob]
            staged = Path(tmp) / f"{item.id}{_suffix(item.path)}"
            staged.write_bytes(data)
            # a guide page is read as one whatever its text looks like: pages.yaml says what it is
            item.format = "guide" if item.kind == "guide" else detect_format(data.decode("utf-8", "replace"))
            where = f"{item.repository}@{item.commit[:12]}:{item.path}"
            try:
                result = import_file(staged, _revision(item))
            except InputError as exc:
                plan.problems += [Problem(where, p.line, p.column, p.message) for p in exc.problems]
                continue
            item.rows = cache.put(item.blob, len(result.rows))  # the next run finds it registered
            if item.kind == "guide":
                if not result.cases and data.strip():
                    plan.problems.append(Problem(where, 1, 1, f"the guide importer read no case from it; "
                                                              f"revision {item.id}"))
                continue
            if not result.rows and data.strip():
                plan.problems.append(Problem(where, 1, 1, f"the importers read no rows from it "
                                                          f"(format {item.format}); revision {item.id}"))


def _readable(source: Path, rev: Revision, plan: Plan, tmp: str) -> Path:
    """The registered snapshot, or a staged copy of the bytes that will restore it."""
    if rev.origin_blob not in plan.contents:
        return source / rev.path
    staged = Path(tmp) / Path(rev.path).name
    staged.write_bytes(plan.contents[rev.origin_blob])
    return staged


def _suffix(path: str) -> str:
    return Path(path).suffix or ".md"


def _revision(item: Found) -> Revision:
    return Revision(item.id, item.page, item.edition, item.language, item.date,
                    f"upstream/{item.id}{_suffix(item.path)}", item.format, item.path, item.commit)


def apply_harvest(source: Path, plan: Plan, dry_run: bool) -> list[Path]:
    """Restore the missing snapshots; stage the new revisions in a copy of ``source``, absorb
    them (a guide has no rows to absorb), then copy the result back.

    Returns:
        The files written under ``source`` (none with ``dry_run``).

    Raises:
        InputError: the catalog cannot absorb a row (no family takes it); nothing is written.
    """
    new = plan.new
    snapshots = {rev.path: plan.contents[rev.origin_blob] for rev in plan.restore}
    if not new:
        return [] if dry_run else _copy_back(source, snapshots, {})
    with tempfile.TemporaryDirectory(prefix="errdocs-harvest-") as tmp:
        stage = Path(tmp) / "source"
        shutil.copytree(source, stage)
        registry = load_yaml(stage / "revisions.yaml")
        snapshots.update({_revision(item).path: plan.contents[item.blob] for item in new})
        for path, data in snapshots.items():
            _place(stage / path, data)
        for item in new:
            registry["revisions"].append(_item(_revision(item), item))
        write_atomic(stage / "revisions.yaml", dump_yaml(registry))
        project = load_project(stage)
        steps, unplaced = plan_absorb(project)
        if unplaced:  # named as they will be in source/, not in the staging copy
            raise InputError([Problem(p.path.replace(str(stage), str(source)), p.line, p.column, p.message)
                              for p in unplaced])
        changed = apply_absorb(project, steps)
        if dry_run:
            return []
        texts = {path.relative_to(stage): path.read_text(encoding="utf-8")
                 for path in [stage / "revisions.yaml", *changed]}
        return _copy_back(source, snapshots, texts)


def _item(rev: Revision, item: Found):
    entry = _registry_item(rev, item.path, item.commit, item.blob)
    entry["origin"].insert(0, "repository", DoubleQuotedScalarString(item.repository))
    return entry


def _copy_back(source: Path, snapshots: dict[str, bytes], texts: dict[Path, str]) -> list[Path]:
    """Snapshots first (restored and new files, renamed into place), then the registry and catalog files."""
    written = [_place(source / path, data) for path, data in snapshots.items()]
    for path, text in texts.items():
        if write_atomic(source / path, text):
            written.append(source / path)
    return written


def _place(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically (a snapshot: bytes exactly)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return target


def report(plan: Plan) -> dict:
    """The ``--json`` document (guide revisions among the others, with 0 rows: they have cases)."""
    found = plan.found
    return {
        "repositories": [{"path": s.path, "head": s.head, "commits": s.commits} for s in plan.scans],
        "revisions": [{"id": f.id, "page": f.page, "edition": f.edition, "language": f.language,
                       "date": f.date, "path": f.path, "commit": f.commit, "blob": f.blob, "rows": f.rows,
                       "status": f.status} for f in found],
        "counts": {"new": sum(f.status == "new" for f in found),
                   "registered": sum(f.status == "registered" for f in found)},
        "problems": [{"path": p.path, "line": p.line, "column": p.column, "message": p.message}
                     for p in plan.problems],
    }
