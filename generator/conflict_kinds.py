"""The one table of conflict kinds: how each is detected, decided, worded and labelled.

Every conflict reconciliation reports has one of these kinds. The catalog's schema
(which decisions exist and what their value is), reconciliation (detection and the
decision each conflict takes), ``diff --catalog`` and the site's labels all read this
table. Detectors see only the evidence, never a hand list.
"""

from __future__ import annotations

import http
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from .model import Row
from .similarity import is_numeric, similar_pairs

if TYPE_CHECKING:
    from .catalog import Catalog, Decision, Entry
    from .evidence import Evidence

#: Reason phrases accepted besides Python's, from earlier HTTP specifications.
EXTRA_PHRASES = {
    302: ("moved temporarily",),
    413: ("request entity too large", "payload too large"),
    414: ("request-uri too long",),
    416: ("requested range not satisfiable",),
    422: ("unprocessable entity",),
}


@dataclass(slots=True)
class Conflict:
    """One disagreement between revisions, with the decision that settles it (if any).

    Attributes:
        kind: the id of one of ``KINDS``.
        id: stable id, ``<kind>:<entry key>[+<entry key>...]``.
        entries: keys of the entries involved.
        params: the fields of the kind's summary.
        evidence: ``{"revision", "line", "value"}`` items, oldest first.
        decision: the recorded decision, or None.
    """

    kind: str
    id: str
    entries: list[str]
    params: dict[str, Any]
    evidence: list[dict[str, Any]]
    decision: Decision | None = None

    @property
    def summary(self) -> str:
        return self.summary_in("en")

    def summary_in(self, lang: str) -> str:
        """The one-sentence summary in ``lang`` (``en`` or ``zh``)."""
        return KIND[self.kind].summary[lang].format(**self.params)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "id": self.id, "entries": self.entries, "summary": self.summary,
            "evidence": self.evidence,
            "decision": None if self.decision is None else {
                "value": self.decision.value, "reason": self.decision.reason,
                "where": f"{self.decision.path}:{self.decision.line}:{self.decision.column}"},
        }


def _ev(row: Row, value: Any) -> dict[str, Any]:
    return {"revision": row.revision, "line": row.line, "value": value}


def well_formed_status(text: str) -> bool:
    """``NNN`` or ``NNN Reason`` with the standard reason phrase of that number."""
    parts = " ".join(text.split()).split(" ", 1)
    if not parts[0].isdigit() or len(parts[0]) != 3:
        return False
    number = int(parts[0])
    if len(parts) == 1:
        return True
    phrase = parts[1].lower()
    try:
        standard = http.HTTPStatus(number).phrase.lower()
    except ValueError:
        return False
    return phrase == standard or phrase in EXTRA_PHRASES.get(number, ())


# ------------------------------------------------------------------ detectors of one entry's rows

def detect_spelling(entry: Entry, rows: list[Row]) -> Conflict | None:
    """The entry's rows spell its code in more than one way."""
    spellings = sorted({r.code for r in rows})
    if len(spellings) < 2:
        return None
    return Conflict("spelling", f"spelling:{entry.key}", [entry.key],
                    {"code": entry.code, "count": len(spellings), "spellings": ", ".join(spellings)},
                    [_ev(r, r.code) for r in rows])


def detect_status(entry: Entry, rows: list[Row]) -> Conflict | None:
    """The entry's rows give more than one HTTP status number."""
    statuses = sorted({r.status for r in rows if r.status is not None})
    if len(statuses) < 2:
        return None
    return Conflict("status", f"status:{entry.key}", [entry.key],
                    {"code": entry.code, "statuses": ", ".join(map(str, statuses))},
                    [_ev(r, r.status_text) for r in rows if r.status is not None])


def detect_malformed_status(entry: Entry, rows: list[Row]) -> Conflict | None:
    """A row writes its status other than ``NNN`` and the standard reason phrase."""
    malformed = [r for r in rows if r.status_text and not well_formed_status(r.status_text)]
    if not malformed:
        return None
    texts = sorted({r.status_text or "" for r in malformed})
    return Conflict("malformed-status", f"malformed-status:{entry.key}", [entry.key],
                    {"code": entry.code, "texts": ", ".join(repr(t) for t in texts)},
                    [_ev(r, r.status_text) for r in malformed])


def detect_duplicate(entry: Entry, rows: list[Row]) -> Conflict | None:
    """One revision lists the entry more than once."""
    per_rev: dict[str, list[Row]] = {}
    for r in rows:
        per_rev.setdefault(r.revision, []).append(r)
    doubled = [rs for rs in per_rev.values() if len(rs) > 1]
    if not doubled:
        return None
    names = ", ".join(rs[0].revision for rs in doubled)
    return Conflict("duplicate", f"duplicate:{entry.key}", [entry.key],
                    {"code": entry.code, "revisions": names},
                    [_ev(r, r.status_text or r.texts.get("description")) for rs in doubled for r in rs])


# ------------------------------------------------------------------ detectors of the whole catalog

def detect_shared_codes(catalog: Catalog, evidence: Evidence) -> list[Conflict]:
    """The same numeric code in tables of different families on one revision."""
    family_of = {e.key: e.family for e in catalog.entries}
    first_family: dict[str, str] = {}  # code -> the family of its first row
    several: set[str] = set()  # codes in rows of more than one family, any revision
    for row, key in evidence.rows:
        if key is not None:
            family = family_of[key]
            if first_family.setdefault(row.code, family) != family:
                several.add(row.code)
    groups: dict[tuple[str, str], dict[str, list[Row]]] = {}
    for row, key in evidence.rows:
        if key is not None and row.code in several and is_numeric(row.code):
            groups.setdefault((row.revision, row.code), {}).setdefault(key, []).append(row)
    merged: dict[tuple[str, ...], Conflict] = {}
    for (_, code), by_key in groups.items():
        if len({family_of[k] for k in by_key}) < 2:
            continue
        keys = tuple(sorted(by_key))
        conflict = merged.get(keys)
        if conflict is None:
            conflict = merged[keys] = Conflict(
                "shared-code", "shared-code:" + "+".join(keys), list(keys),
                {"code": code, "entries": ", ".join(keys)}, [])
        conflict.evidence.extend(_ev(r, r.section) for k in keys for r in by_key[k])
    return list(merged.values())


def detect_similar_codes(catalog: Catalog, evidence: Evidence) -> list[Conflict]:
    """Pairs of entries of one family spelled alike, in family order. One search for the whole
    catalog: its fixed costs are paid once, not per family."""
    families = list(catalog.families.values())
    entries = [e for family in families for e in family.entries]
    groups = [g for g, family in enumerate(families) for _ in family.entries]
    return [Conflict("similar-code", f"similar-code:{a.key}+{b.key}", [a.key, b.key],
                     {"code": a.code, "other": b.code}, [])
            for a, b in ((entries[i], entries[j]) for i, j in similar_pairs([e.code for e in entries], groups))]


def detect_wording(catalog: Catalog, evidence: Evidence) -> list[Conflict]:
    """Entries whose newest wording in a language changes the key terms of the one it replaced,
    or no longer gives a text it gave (``wording.entry_changes``)."""
    from .wording import describe, entry_changes, glossary_terms

    terms = glossary_terms(catalog.root)
    revs = evidence.revision
    out = []
    for entry in catalog.entries:
        found = entry_changes(evidence.by_entry.get(entry.key, []), revs, terms)
        if not found:
            continue
        said = describe(found)
        evidence_rows = [_ev(row, row.texts.get(c.kind)) for c in found for row in (c.old, c.new)]
        out.append(Conflict("wording", f"wording:{entry.key}", [entry.key], {"code": entry.code, "changes": said},
                            evidence_rows))
    return out


# ------------------------------------------------------------------ the table

@dataclass(frozen=True)
class ConflictKind:
    """One kind of conflict.

    Attributes:
        id: stable id; also the key of its decision in the catalog (``decisions.<id>``).
        decision: ``status`` (the decision's value is an HTTP status), ``code`` (codes) or
            ``revision`` (the revisions whose wording the entry shows; none: the newest).
        scope: ``entry``: ``detect(entry, rows)`` over one entry's rows returns one conflict or
            None; ``family`` (entries of one family, listed after that family's entries) and
            ``catalog`` (listed last): ``detect(catalog, evidence)`` returns every conflict.
        detect: the detector.
        how_to_decide: what the decision must hold, for the message of an undecided conflict.
        summary: one sentence per language; fields come from ``Conflict.params``.
        label: short title per language (the site's errata and entry pages).
        where: where the decision may be recorded: ``entry``, and ``family`` for every entry.
    """

    id: str
    decision: str
    scope: str
    detect: Callable[..., Any]
    how_to_decide: str
    summary: dict[str, str]
    label: dict[str, str]
    where: tuple[str, ...] = ("entry",)


KINDS: tuple[ConflictKind, ...] = (
    ConflictKind(
        "spelling", "code", "entry", detect_spelling,
        "with a reason (the entry's code is the chosen spelling)",
        {"en": "{code} is spelled {count} ways: {spellings}", "zh": "{code} 有 {count} 种拼写：{spellings}"},
        {"en": "Spelling", "zh": "拼写"}),
    ConflictKind(
        "status", "status", "entry", detect_status,
        "with a value and a reason",
        {"en": "{code} has different statuses: {statuses}", "zh": "{code} 的 HTTP 状态码不一致：{statuses}"},
        {"en": "HTTP status", "zh": "HTTP 状态码"}),
    ConflictKind(
        "malformed-status", "status", "entry", detect_malformed_status,
        "with a value and a reason",
        {"en": "{code} has a malformed status: {texts}", "zh": "{code} 的状态码写法不规范：{texts}"},
        {"en": "Malformed status", "zh": "状态码格式错误"}),
    ConflictKind(
        "duplicate", "status", "entry", detect_duplicate,
        "with a reason",
        {"en": "{code} is listed more than once in {revisions}", "zh": "{code} 在以下修订中出现多次：{revisions}"},
        {"en": "Duplicate rows", "zh": "重复行"}),
    ConflictKind(
        "shared-code", "code", "catalog", detect_shared_codes,
        "with a reason (on either entry or family)",
        {"en": "{code} appears in tables of several families: {entries}",
         "zh": "{code} 出现在多个分类的表格中：{entries}"},
        {"en": "Code shared by several tables", "zh": "多个表格共用的错误码"},
        ("entry", "family")),
    ConflictKind(
        "similar-code", "code", "family", detect_similar_codes,
        "with a reason (on either entry), or make one an alias of the other",
        {"en": "{code} and {other} are spelled alike; are they one code?",
         "zh": "{code} 与 {other} 拼写相近，是否为同一错误码？"},
        {"en": "Similar spellings", "zh": "相近的拼写"}),
    ConflictKind(
        "wording", "revision", "catalog", detect_wording,
        "with a reason, and as value the revision whose wording to show where it is not the newest",
        {"en": "a newer wording of {code} changes its key terms: {changes}",
         "zh": "{code} 的较新原文改变了关键术语：{changes}"},
        {"en": "Changed wording", "zh": "原文含义变化"}),
)

KIND = {kind.id: kind for kind in KINDS}

#: Kinds detected over one entry's rows, in table order.
ENTRY_KINDS = tuple(k for k in KINDS if k.scope == "entry")


def labels() -> dict[str, dict[str, str]]:
    """The label of every kind, keyed as the templates ask for it: ``kind_<id>``."""
    return {f"kind_{kind.id}": dict(kind.label) for kind in KINDS}
