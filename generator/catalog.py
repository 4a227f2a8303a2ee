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

from .conflict_kinds import KINDS
from .errors import InputError
from .fastyaml import load_yaml_fast
from .model import Problem
from .schema import (ID_PATTERN, Alias, Code, Either, HttpStatus, ListOf, MapOf, Nested, String, Text, Where,
                     validate, yaml_field)
from .timing import part
from .vocabulary import ENTRY_TEXT_KINDS, LANGUAGES
from .yamlio import FileCache, display_path, position, value_position

#: Kinds of conflict reconciliation detects; each needs a decision of that name.
CONFLICT_KINDS = tuple(kind.id for kind in KINDS)


class StatusCaseSchema:
    """One of several statuses a code really returns, with the condition."""

    status = HttpStatus(required=True)
    """The HTTP status number."""
    when = Text(required=True, languages=LANGUAGES)
    """When this status applies, in every language."""


@dataclass(slots=True)
class Decision:
    """How one detected conflict was settled; ``kind`` is the conflict kind it is filed under."""

    value: Any = None
    """The value chosen: a status, several statuses with conditions, or codes (see the kinds below)."""
    reason: dict[str, str] = yaml_field(Text(required=True, languages=LANGUAGES), factory=dict)
    """Why, in every language: the evidence weighed and what settled it."""
    kind: str = ""
    path: str = ""
    line: int = 0
    column: int = 0

    @classmethod
    def from_yaml(cls, clean: dict[str, Any], node: Any, where: Where) -> "Decision":
        """The decision under key ``where.key`` of a ``decisions`` mapping, placed at that key."""
        line, column = position(where.parent, where.key)
        return cls(**clean, kind=where.key, path=where.path, line=line, column=column)


@dataclass(slots=True)
class StatusDecisionSchema(Decision):
    """A decision on a status, malformed-status or duplicate conflict: the value is a status."""

    value: Any = yaml_field(Either(HttpStatus(), ListOf(Nested(StatusCaseSchema)),
                                   hint="an HTTP status (100-599) or a list of {status, when}"))
    """The status chosen, or several statuses with the condition of each."""


@dataclass(slots=True)
class CodeDecisionSchema(Decision):
    """A decision on a spelling, shared-code or similar-code conflict: the value is codes."""

    value: Any = yaml_field(Either(Code(), ListOf(Code()), hint="a code or a list of codes"))
    """The code (or codes) chosen."""


#: A revision id: ``<page>.<edition>.<language>.<date>[.<n>]``.
REVISION_ID = re.compile(r"^[a-z][a-z0-9-]*\.(?:cn|intl)\.[a-z]{2}\.\d{4}-\d{2}-\d{2}(?:\.\d+)?$")


@dataclass(slots=True)
class RevisionDecisionSchema(Decision):
    """A decision on a wording conflict: the value is the revision (one per language) whose
    wording the entry shows instead of the newest; none keeps the newest."""

    value: Any = yaml_field(Either(String(pattern=REVISION_ID, hint="a revision id"),
                                   ListOf(String(pattern=REVISION_ID, hint="a revision id"), unique=True),
                                   hint="a revision id or a list of revision ids"))
    """The revision chosen, or one per language."""

    def chosen(self) -> list[str]:
        """The revisions chosen (none: the newest stands)."""
        return [] if self.value is None else [self.value] if isinstance(self.value, str) else list(self.value)


#: Conflict kinds whose decision value is an HTTP status.
STATUS_KINDS = tuple(kind.id for kind in KINDS if kind.decision == "status")
#: Conflict kinds a family may decide for all its entries.
FAMILY_KINDS = tuple(kind.id for kind in KINDS if "family" in kind.where)
#: Field of each decision kind: a status decision never takes a code (600 is no status).
_DECISION_SCHEMAS = {"status": StatusDecisionSchema, "code": CodeDecisionSchema, "revision": RevisionDecisionSchema}
DECISION_FIELDS = {kind.id: Nested(_DECISION_SCHEMAS[kind.decision]) for kind in KINDS}


@dataclass(slots=True)
class Entry:
    """One error: a canonical code and what people decided about it."""

    code: str = yaml_field(Code(required=True), "")
    """Canonical code: a number (-46618) or an ASCII identifier (NoSuchKey)."""
    aliases: list[str] = yaml_field(ListOf(Alias(), unique=True), factory=list)
    """Every other spelling seen upstream (typos, case variants, localized words)."""
    related: list[str] = yaml_field(ListOf(String()), factory=list)
    """Related entries: ``Code`` in the same family or ``family-id/Code``."""
    text: dict[str, dict[str, str]] = yaml_field(MapOf(ENTRY_TEXT_KINDS, Text()), factory=dict)
    """The project's own wording, only where no upstream revision gives it in that language."""
    decisions: dict[str, Decision] = yaml_field(MapOf(CONFLICT_KINDS, DECISION_FIELDS), factory=dict)
    """Decisions on conflicts detected for this entry, by conflict kind."""
    family: str = ""
    """Id of the family the entry belongs to."""
    path: str = ""
    line: int = 0
    column: int = 0
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Where each key sits, and ``code=``, ``aliases[i]``, ``related[i]`` where each value sits."""
    #: Catalog-wide id: ``family/code``. Made once: every index of the model is keyed by it, and
    #: a lookup with the very string the index holds needs no character comparison.
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.key = f"{self.family}/{self.code}"

    @classmethod
    def from_yaml(cls, clean: dict[str, Any], node: Any, where: Where) -> "Entry | None":
        """The entry of family ``where.owner``, with the positions of its values; None without a code."""
        if "code" not in clean:
            return None
        positions = {key: position(node, key) for key in node}
        # values too, so that problems about one code, alias or reference point at it
        if "code" in node:
            positions["code="] = value_position(node, "code")
        for name in ("aliases", "related"):
            for i in range(len(node.get(name) or ())):
                positions[f"{name}[{i}]"] = position(node[name], i)
        line, column = position(node)
        return cls(**clean, family=where.owner, path=where.path, line=line, column=column, positions=positions)

    @property
    def spellings(self) -> list[str]:
        return [self.code, *self.aliases]


@dataclass
class Source:
    """Which upstream tables feed a family."""

    page: str = yaml_field(String(required=True, pattern=ID_PATTERN, hint="a page id such as cos-errors"), "")
    """Upstream page id (the first part of a revision id)."""
    section: str = yaml_field(String(required=True), "")
    """Regular expression searched (case-insensitive) in the table's section title."""
    pattern: re.Pattern | None = field(default=None, init=False, repr=False)
    """``section`` compiled, once the whole family file is read."""


@dataclass
class Family:
    """A family: one kind of code of one service, with its entries."""

    id: str = yaml_field(String(required=True, pattern=ID_PATTERN, hint="lower-case letters, digits and '-'"), "")
    """Stable id, used in URLs; always the file's name once loaded."""
    title: dict[str, str] = yaml_field(Text(required=True, languages=LANGUAGES), factory=dict)
    """Title in every language."""
    summary: dict[str, str] = yaml_field(Text(required=True, languages=LANGUAGES), factory=dict)
    """What these codes are and where a client sees them."""
    kind: str = yaml_field(String(required=True, choices=("string", "numeric")), "string")
    """``string`` codes (NoSuchKey) or ``numeric`` codes (-46618)."""
    sources: list[Source] = yaml_field(ListOf(Nested(Source), required=True), factory=list)
    """Upstream tables whose rows belong to this family."""
    decisions: dict[str, Decision] = yaml_field(MapOf(FAMILY_KINDS, DECISION_FIELDS), factory=dict)
    english_only: list[str] = yaml_field(ListOf(String(choices=ENTRY_TEXT_KINDS), unique=True), factory=list)
    """Text kinds upstream writes in English on every page (the literal messages an API returns):
    the Chinese page shows the English wording, marked so, instead of a translation."""
    """Decisions that hold for every entry of the family."""
    entries: list[Entry] = yaml_field(ListOf(Nested(Entry), required=True), factory=list)
    """The entries, in display order."""
    service: str = ""
    """Id of the service that lists the family."""
    path: str = ""

    def matches(self, page: str, section: str) -> bool:
        return any(s.page == page and s.pattern.search(section) for s in self.sources)


@dataclass
class Service:
    """A product whose error codes the site covers."""

    id: str = yaml_field(String(required=True, pattern=ID_PATTERN, hint="lower-case letters, digits and '-'"), "")
    """Stable id."""
    title: dict[str, str] = yaml_field(Text(required=True, languages=LANGUAGES), factory=dict)
    """Title in every language."""
    summary: dict[str, str] = yaml_field(Text(required=True, languages=LANGUAGES), factory=dict)
    """One paragraph about the service."""
    families: list[str] = yaml_field(ListOf(String(pattern=ID_PATTERN, hint="a family id"), required=True,
                                            unique=True), factory=list)
    """Family ids, in display order; each is ``catalog/<id>.yaml``."""


class ServicesFileSchema:
    services = ListOf(Nested(Service), required=True)
    """Services in display order."""


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
    services, families = data.get("services", []), {}
    for i, svc in enumerate(services):
        for j, fam_id in enumerate(svc.families):
            path = root / "catalog" / f"{fam_id}.yaml"
            if fam_id in families:
                continue
            if not path.is_file():
                line, col = position(node["services"][i]["families"], j)
                problems.append(Problem(shown, line, col, f"family {fam_id!r} has no file "
                                                          f"{_shown(root, path)}"))
                continue
            try:
                families[fam_id] = _load_family(root, path, svc.id, fam_id, problems, cache)
            except InputError as exc:
                problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return Catalog(root, services, families)


def _shown(root: Path, path: Path) -> str:
    return display_path(path)


def _parse(path: Path, shown: str, cache: FileCache | None):
    with part("catalog_parse"):
        if cache is None:
            return load_yaml_fast(path, shown)
        return cache.get("yaml", path, lambda: load_yaml_fast(path, shown), shown)


def _load_family(root: Path, path: Path, service: str, fam_id: str, problems: list[Problem],
                 cache: FileCache | None = None) -> Family:
    shown = _shown(root, path)
    node = _parse(path, shown, cache)
    data = validate(Family, node, Where(shown, owner=fam_id), problems) or {}
    if data.get("id") not in (None, fam_id):
        line, col = position(node, "id")
        problems.append(Problem(shown, line, col,
                                f"family id {data['id']!r} does not match its file name {fam_id!r}"))
    family = Family(**{**data, "id": fam_id}, service=service, path=shown)
    for i, src in enumerate(family.sources):
        if not (src.page and src.section):
            continue
        try:
            src.pattern = re.compile(src.section, re.IGNORECASE)
        except re.error as exc:
            line, col = position(node["sources"][i], "section")
            problems.append(Problem(shown, line, col, f"invalid regular expression: {exc}"))
    return family
