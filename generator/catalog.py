"""The catalog: what people decide, read from ``source/catalog/*.yaml``.

Services -> families -> entries. Entries hold canonical codes, aliases, related
entries, the project's own translations and decisions on conflicts. What upstream
revisions say is not stored here; ``evidence`` computes it from the snapshots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import InputError
from .fastyaml import load_yaml_fast
from .model import Problem
from .schema import (ID_PATTERN, Alias, Code, Either, HttpStatus, ListOf, MapOf, Nested,
                     String, Text, Where, validate)
from .vocabulary import ENTRY_TEXT_KINDS, LANGUAGES
from .yamlio import FileCache, display_path, position, value_position

#: Kinds of conflict reconciliation detects; each needs a decision of that name.
CONFLICT_KINDS = ("spelling", "status", "malformed-status", "duplicate", "shared-code", "similar-code")


class StatusCaseSchema:
    """One of several statuses a code really returns, with the condition."""

    status = HttpStatus(required=True)
    """The HTTP status number."""
    when = Text(required=True, languages=LANGUAGES)
    """When this status applies, in every language."""


class DecisionSchema:
    """How one detected conflict was settled."""

    value = Either(HttpStatus(), ListOf(Nested(StatusCaseSchema)), Code(), ListOf(Code()),
                   hint="an HTTP status, a list of {status, when}, a code or a list of codes")
    """The value chosen: a status, several statuses with conditions, or codes."""
    reason = Text(required=True, languages=LANGUAGES)
    """Why, in every language: the evidence weighed and what settled it."""


class StatusDecisionSchema:
    """A decision on a status, malformed-status or duplicate conflict: the value is a status."""

    value = Either(HttpStatus(), ListOf(Nested(StatusCaseSchema)),
                   hint="an HTTP status (100-599) or a list of {status, when}")
    """The status chosen, or several statuses with the condition of each."""
    reason = Text(required=True, languages=LANGUAGES)
    """Why, in every language: the evidence weighed and what settled it."""


class CodeDecisionSchema:
    """A decision on a spelling, shared-code or similar-code conflict: the value is codes."""

    value = Either(Code(), ListOf(Code()), hint="a code or a list of codes")
    """The code (or codes) chosen."""
    reason = Text(required=True, languages=LANGUAGES)
    """Why, in every language: the evidence weighed and what settled it."""


#: Conflict kinds whose decision value is an HTTP status.
STATUS_KINDS = ("status", "malformed-status", "duplicate")
#: Field of each decision kind: a status decision never takes a code (600 is no status).
DECISION_FIELDS = {kind: Nested(StatusDecisionSchema if kind in STATUS_KINDS else CodeDecisionSchema)
                   for kind in CONFLICT_KINDS}


class EntrySchema:
    """One error: a canonical code and what people decided about it."""

    code = Code(required=True)
    """Canonical code: a number (-46618) or an ASCII identifier (NoSuchKey)."""
    aliases = ListOf(Alias(), unique=True)
    """Every other spelling seen upstream (typos, case variants, localized words)."""
    related = ListOf(String())
    """Related entries: ``Code`` in the same family or ``family-id/Code``."""
    text = MapOf(ENTRY_TEXT_KINDS, Text())
    """The project's own wording, only where no upstream revision gives it in that language."""
    decisions = MapOf(CONFLICT_KINDS, DECISION_FIELDS)
    """Decisions on conflicts detected for this entry, by conflict kind."""


class SourceSchema:
    """Which upstream tables feed a family."""

    page = String(required=True, pattern=ID_PATTERN, hint="a page id such as cos-errors")
    """Upstream page id (the first part of a revision id)."""
    section = String(required=True)
    """Regular expression searched (case-insensitive) in the table's section title."""


class FamilySchema:
    """A family: one kind of code of one service, with its entries."""

    id = String(required=True, pattern=ID_PATTERN, hint="lower-case letters, digits and '-'")
    """Stable id, used in URLs."""
    title = Text(required=True, languages=LANGUAGES)
    """Title in every language."""
    summary = Text(required=True, languages=LANGUAGES)
    """What these codes are and where a client sees them."""
    kind = String(required=True, choices=("string", "numeric"))
    """``string`` codes (NoSuchKey) or ``numeric`` codes (-46618)."""
    sources = ListOf(Nested(SourceSchema), required=True)
    """Upstream tables whose rows belong to this family."""
    decisions = MapOf(("shared-code",), DECISION_FIELDS)
    """Decisions that hold for every entry of the family."""
    entries = ListOf(Nested(EntrySchema), required=True)
    """The entries, in display order."""


class ServiceSchema:
    """A product whose error codes the site covers."""

    id = String(required=True, pattern=ID_PATTERN, hint="lower-case letters, digits and '-'")
    """Stable id."""
    title = Text(required=True, languages=LANGUAGES)
    """Title in every language."""
    summary = Text(required=True, languages=LANGUAGES)
    """One paragraph about the service."""
    families = ListOf(String(pattern=ID_PATTERN, hint="a family id"), required=True, unique=True)
    """Family ids, in display order; each is ``catalog/<id>.yaml``."""


class ServicesFileSchema:
    services = ListOf(Nested(ServiceSchema), required=True)
    """Services in display order."""


@dataclass(slots=True)
class Decision:
    kind: str
    value: Any
    reason: dict[str, str]
    path: str
    line: int
    column: int


@dataclass(slots=True)
class Entry:
    family: str
    code: str
    aliases: list[str]
    related: list[str]
    text: dict[str, dict[str, str]]
    decisions: dict[str, Decision]
    path: str
    line: int
    column: int
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Catalog-wide id: ``family/code``. Made once: every index of the model is keyed by it, and
    #: a lookup with the very string the index holds needs no character comparison.
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.key = f"{self.family}/{self.code}"

    @property
    def spellings(self) -> list[str]:
        return [self.code, *self.aliases]


@dataclass
class Source:
    page: str
    section: re.Pattern


@dataclass
class Family:
    id: str
    service: str
    title: dict[str, str]
    summary: dict[str, str]
    kind: str
    sources: list[Source]
    decisions: dict[str, Decision]
    entries: list[Entry]
    path: str

    def matches(self, page: str, section: str) -> bool:
        return any(s.page == page and s.section.search(section) for s in self.sources)


@dataclass
class Service:
    id: str
    title: dict[str, str]
    summary: dict[str, str]
    families: list[str]


@dataclass
class Catalog:
    root: Path
    services: list[Service]
    families: dict[str, Family]

    @property
    def entries(self) -> list[Entry]:
        return [e for f in self.families.values() for e in f.entries]

    @cached_property
    def _by_key(self) -> dict[str, Entry]:
        index: dict[str, Entry] = {}
        for e in self.entries:
            index.setdefault(e.key, e)
        return index

    def entry(self, key: str) -> Entry | None:
        """The entry whose key is ``family/code``, or None."""
        return self._by_key.get(key)


def load_catalog(source: Path | str, cache: FileCache | None = None) -> Catalog:
    """Read and validate ``<source>/catalog``: every problem is collected first. With ``cache``,
    files unchanged since an earlier call are not parsed again.

    Raises:
        InputError: listing every schema problem, with file, line and column.
    """
    root = Path(source)
    problems: list[Problem] = []
    services_path = root / "catalog" / "services.yaml"
    shown = _shown(root, services_path)
    node = _parse(services_path, shown, cache)
    data = validate(ServicesFileSchema, node, Where(shown), problems) or {}
    services, families = [], {}
    for i, svc in enumerate(data.get("services", [])):
        services.append(Service(svc.get("id", ""), svc.get("title", {}), svc.get("summary", {}),
                                list(svc.get("families", []))))
        for j, fam_id in enumerate(svc.get("families", [])):
            path = root / "catalog" / f"{fam_id}.yaml"
            if fam_id in families:
                continue
            if not path.is_file():
                line, col = position(node["services"][i]["families"], j)
                problems.append(Problem(shown, line, col, f"family {fam_id!r} has no file "
                                                          f"{_shown(root, path)}"))
                continue
            try:
                families[fam_id] = _load_family(root, path, svc.get("id", ""), fam_id, problems, cache)
            except InputError as exc:
                problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return Catalog(root, services, families)


def _shown(root: Path, path: Path) -> str:
    return display_path(path)


def _parse(path: Path, shown: str, cache: FileCache | None):
    if cache is None:
        return load_yaml_fast(path, shown)
    return cache.get("yaml", path, lambda: load_yaml_fast(path, shown), shown)


def _load_family(root: Path, path: Path, service: str, fam_id: str, problems: list[Problem],
                 cache: FileCache | None = None) -> Family:
    shown = _shown(root, path)
    node = _parse(path, shown, cache)
    data = validate(FamilySchema, node, Where(shown), problems) or {}
    if data.get("id") not in (None, fam_id):
        line, col = position(node, "id")
        problems.append(Problem(shown, line, col,
                                f"family id {data['id']!r} does not match its file name {fam_id!r}"))
    sources = []
    for i, src in enumerate(data.get("sources", [])):
        try:
            sources.append(Source(src["page"], re.compile(src["section"], re.IGNORECASE)))
        except re.error as exc:
            line, col = position(node["sources"][i], "section")
            problems.append(Problem(shown, line, col, f"invalid regular expression: {exc}"))
        except KeyError:
            continue
    entries = []
    raw_entries = node.get("entries") if hasattr(node, "get") else None
    for i, clean in enumerate(data.get("entries", [])):
        if "code" not in clean:
            continue
        raw = raw_entries[i] if raw_entries is not None else None
        entries.append(_entry(fam_id, clean, raw, shown))
    fam_decisions = {
        kind: _decision(kind, value, node["decisions"], shown)
        for kind, value in data.get("decisions", {}).items()
    }
    return Family(fam_id, service, data.get("title", {}), data.get("summary", {}), data.get("kind", "string"),
                  sources, fam_decisions, entries, shown)


def _decision(kind: str, clean: dict, parent: Any, shown: str) -> Decision:
    line, col = position(parent, kind)
    return Decision(kind, clean.get("value"), clean.get("reason", {}), shown, line, col)


def _entry(family: str, clean: dict, raw: Any, shown: str) -> Entry:
    line, col = position(raw) if raw is not None else (1, 1)
    positions = {key: position(raw, key) for key in (raw or {})}
    if raw is not None:
        # values too, so that problems about one code, alias or reference point at it
        if "code" in raw:
            positions["code="] = value_position(raw, "code")
        for name in ("aliases", "related"):
            for i in range(len(raw.get(name) or ())):
                positions[f"{name}[{i}]"] = position(raw[name], i)
    decisions = {
        kind: _decision(kind, value, raw["decisions"], shown)
        for kind, value in clean.get("decisions", {}).items()
    }
    return Entry(family, clean["code"], list(clean.get("aliases", [])), list(clean.get("related", [])),
                 dict(clean.get("text", {})), decisions, shown, line, col, positions)
