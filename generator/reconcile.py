"""Reconciliation: detect where revisions disagree, apply the recorded decisions, resolve entries.

Conflicts are found from the evidence alone (never from a hand list); each needs a
decision in the catalog. Resolved entries carry canonical values with provenance.
"""

from __future__ import annotations

import http
from dataclasses import dataclass, field
from typing import Any

from .catalog import Catalog, Decision, Entry, Family
from .evidence import Evidence
from .model import Problem, Revision, Row
from .similarity import is_numeric, similar_pairs
from .vocabulary import ENTRY_TEXT_KINDS, LANGUAGES

#: Reason phrases accepted besides Python's, from earlier HTTP specifications.
EXTRA_PHRASES = {
    302: ("moved temporarily",),
    413: ("request entity too large", "payload too large"),
    414: ("request-uri too long",),
    416: ("requested range not satisfiable",),
    422: ("unprocessable entity",),
}


_HOW_TO_DECIDE = {
    "spelling": "with a reason (the entry's code is the chosen spelling)",
    "status": "with a value and a reason",
    "malformed-status": "with a value and a reason",
    "duplicate": "with a reason",
    "shared-code": "with a reason (on either entry or family)",
    "similar-code": "with a reason (on either entry), or make one an alias of the other",
}


#: One sentence per conflict kind and language; fields come from Conflict.params.
SUMMARIES = {
    "spelling": {"en": "{code} is spelled {count} ways: {spellings}",
                 "zh": "{code} 有 {count} 种拼写：{spellings}"},
    "status": {"en": "{code} has different statuses: {statuses}",
               "zh": "{code} 的 HTTP 状态码不一致：{statuses}"},
    "malformed-status": {"en": "{code} has a malformed status: {texts}",
                         "zh": "{code} 的状态码写法不规范：{texts}"},
    "duplicate": {"en": "{code} is listed more than once in {revisions}",
                  "zh": "{code} 在以下修订中出现多次：{revisions}"},
    "shared-code": {"en": "{code} appears in tables of several families: {entries}",
                    "zh": "{code} 出现在多个分类的表格中：{entries}"},
    "similar-code": {"en": "{code} and {other} are spelled alike; are they one code?",
                     "zh": "{code} 与 {other} 拼写相近，是否为同一错误码？"},
}


@dataclass(slots=True)
class Conflict:
    """One disagreement between revisions, with the decision that settles it (if any).

    Attributes:
        kind: one of catalog.CONFLICT_KINDS.
        id: stable id, ``<kind>:<entry key>[+<entry key>...]``.
        entries: keys of the entries involved.
        summary: one English sentence saying what disagrees.
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
        return SUMMARIES[self.kind][lang].format(**self.params)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "id": self.id, "entries": self.entries, "summary": self.summary,
            "evidence": self.evidence,
            "decision": None if self.decision is None else {
                "value": self.decision.value, "reason": self.decision.reason,
                "where": f"{self.decision.path}:{self.decision.line}:{self.decision.column}"},
        }


@dataclass(slots=True)
class TextValue:
    """A text in one language with where it came from (``revision`` None = project's own)."""

    text: str
    revision: str | None
    line: int | None = None

    @property
    def official(self) -> bool:
        return self.revision is not None


@dataclass(slots=True)
class StatusCase:
    status: int
    when: dict[str, str] | None = None


@dataclass(slots=True)
class Resolved:
    """An entry with everything computed: status, texts with provenance, history, conflicts."""

    entry: Entry
    family: Family
    statuses: list[StatusCase]
    texts: dict[str, dict[str, TextValue]]
    names: list[str]
    variants: list[dict[str, str]]
    rows: list[Row]
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.entry.key

    @property
    def code(self) -> str:
        return self.entry.code


@dataclass
class Reconciliation:
    conflicts: list[Conflict]
    resolved: dict[str, Resolved]
    errors: list[Problem]
    warnings: list[Problem]

    @property
    def undecided(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.decision is None]


def reconcile(catalog: Catalog, evidence: Evidence) -> Reconciliation:
    """Detect every conflict, match decisions, resolve every entry."""
    revs = evidence.revision
    conflicts: list[Conflict] = []
    resolved: dict[str, Resolved] = {}
    resolve_errors: list[Problem] = []
    resolve_warnings: list[Problem] = []
    similar = _similar_codes(catalog)
    for family in catalog.families.values():
        for entry in family.entries:
            # one visit per entry for both, while its rows are fresh in memory
            rows = evidence.by_entry.get(entry.key, [])
            conflicts.extend(_entry_conflicts(entry, rows, revs))
            resolved[entry.key] = _resolve(entry, family, rows, revs, resolve_errors, resolve_warnings)
        conflicts.extend(similar.get(family.id, []))
    conflicts.extend(_shared_codes(catalog, evidence))
    errors: list[Problem] = []
    warnings: list[Problem] = []
    _attach_decisions(catalog, conflicts, errors, warnings)
    for conflict in conflicts:
        for key in conflict.entries:
            if key in resolved:
                resolved[key].conflicts.append(conflict)
    errors += resolve_errors
    warnings += resolve_warnings
    _check_related(catalog, errors)
    return Reconciliation(conflicts, resolved, errors, warnings)


def _ev(row: Row, value: Any) -> dict[str, Any]:
    return {"revision": row.revision, "line": row.line, "value": value}


def _entry_conflicts(entry: Entry, rows: list[Row], revs: dict[str, Revision]) -> list[Conflict]:
    out = []
    spellings = sorted({r.code for r in rows})
    if len(spellings) > 1:
        out.append(Conflict("spelling", f"spelling:{entry.key}", [entry.key],
                            {"code": entry.code, "count": len(spellings), "spellings": ", ".join(spellings)},
                            [_ev(r, r.code) for r in rows]))
    statuses = sorted({r.status for r in rows if r.status is not None})
    if len(statuses) > 1:
        out.append(Conflict("status", f"status:{entry.key}", [entry.key],
                            {"code": entry.code, "statuses": ", ".join(map(str, statuses))},
                            [_ev(r, r.status_text) for r in rows if r.status is not None]))
    malformed = [r for r in rows if r.status_text and not well_formed_status(r.status_text)]
    if malformed:
        texts = sorted({r.status_text or "" for r in malformed})
        out.append(Conflict("malformed-status", f"malformed-status:{entry.key}", [entry.key],
                            {"code": entry.code, "texts": ", ".join(repr(t) for t in texts)},
                            [_ev(r, r.status_text) for r in malformed]))
    per_rev: dict[str, list[Row]] = {}
    for r in rows:
        per_rev.setdefault(r.revision, []).append(r)
    doubled = [rs for rs in per_rev.values() if len(rs) > 1]
    if doubled:
        names = ", ".join(rs[0].revision for rs in doubled)
        out.append(Conflict("duplicate", f"duplicate:{entry.key}", [entry.key],
                            {"code": entry.code, "revisions": names},
                            [_ev(r, r.status_text or r.texts.get("description")) for rs in doubled for r in rs]))
    return out


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


def _similar_codes(catalog: Catalog) -> dict[str, list[Conflict]]:
    """Pairs of entries of one family spelled alike, by family id. One search for the whole
    catalog: its fixed costs are paid once, not per family."""
    families = list(catalog.families.values())
    entries = [e for family in families for e in family.entries]
    groups = [g for g, family in enumerate(families) for _ in family.entries]
    out: dict[str, list[Conflict]] = {}
    for i, j in similar_pairs([e.code for e in entries], groups):
        a, b = entries[i], entries[j]
        out.setdefault(a.family, []).append(
            Conflict("similar-code", f"similar-code:{a.key}+{b.key}", [a.key, b.key],
                     {"code": a.code, "other": b.code}, []))
    return out


def _shared_codes(catalog: Catalog, evidence: Evidence) -> list[Conflict]:
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
    for (rev, code), by_key in groups.items():
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


def _attach_decisions(catalog: Catalog, conflicts: list[Conflict], errors: list[Problem],
                      warnings: list[Problem]) -> None:
    used: set[int] = set()
    for conflict in conflicts:
        found = []
        for key in conflict.entries:
            entry = catalog.entry(key)
            if entry and conflict.kind in entry.decisions:
                found.append(entry.decisions[conflict.kind])
        if not found and conflict.kind == "shared-code":
            for key in conflict.entries:
                fam = catalog.families[key.split("/", 1)[0]]
                if "shared-code" in fam.decisions:
                    found.append(fam.decisions["shared-code"])
        if len(found) > 1 and conflict.kind in ("shared-code", "similar-code"):
            found = found[:1]
        if found:
            conflict.decision = found[0]
            used.add(id(found[0]))
    for entry in catalog.entries:
        for kind, decision in entry.decisions.items():
            if id(decision) not in used:
                warnings.append(Problem(decision.path, decision.line, decision.column,
                                        f"{entry.code}: decision on {kind!r} but no such conflict is "
                                        f"detected (did the evidence change?)", "warning"))
    for conflict in conflicts:
        if conflict.decision is None:
            entry = catalog.entry(conflict.entries[0])
            line, col = (entry.line, entry.column) if entry else (1, 1)
            path = entry.path if entry else "source/catalog"
            errors.append(Problem(path, line, col,
                                  f"undecided {conflict.kind} conflict: {conflict.summary}; record "
                                  f"decisions.{conflict.kind} {_HOW_TO_DECIDE[conflict.kind]}"))


def _resolve(entry: Entry, family: Family, rows: list[Row], revs: dict[str, Revision],
             errors: list[Problem], warnings: list[Problem]) -> Resolved:
    """The entry's status, texts and names from its rows (conflicts are added by ``reconcile``)."""
    newest = _newest_rows(rows, revs)
    texts = _resolve_texts(entry, newest, revs, errors, warnings)
    names = sorted({r.texts["name"] for r in rows if r.texts.get("name")})
    variants = newest[0].variants if newest else []
    return Resolved(entry, family, _resolve_status(entry, rows), texts, names, list(variants), rows)


def _newest_rows(rows: list[Row], revs: dict[str, Revision]) -> list[Row]:
    return sorted(rows, key=lambda r: (revs[r.revision].date, r.revision), reverse=True)


def _resolve_status(entry: Entry, rows: list[Row]) -> list[StatusCase]:
    for kind in ("status", "malformed-status", "duplicate"):
        decision = entry.decisions.get(kind)
        if decision is None or decision.value is None:
            continue
        if isinstance(decision.value, int):
            return [StatusCase(decision.value)]
        if isinstance(decision.value, list) and decision.value and isinstance(decision.value[0], dict):
            return [StatusCase(v["status"], v.get("when")) for v in decision.value]
    seen = sorted({r.status for r in rows if r.status is not None})
    return [StatusCase(s) for s in seen]


def _resolve_texts(entry: Entry, newest: list[Row], revs: dict[str, Revision], errors: list[Problem],
                   warnings: list[Problem]) -> dict[str, dict[str, TextValue]]:
    """Texts per kind and language from the newest row giving one (``newest``: rows newest first)."""
    out: dict[str, dict[str, TextValue]] = {}
    for kind in ENTRY_TEXT_KINDS:
        for lang in LANGUAGES:
            official = next((r for r in newest if revs[r.revision].language == lang and r.texts.get(kind)), None)
            own = entry.text.get(kind, {}).get(lang)
            if official is not None:
                out.setdefault(kind, {})[lang] = TextValue(official.texts[kind], official.revision, official.line)
                if own is not None:
                    line, col = entry.positions.get("text", (entry.line, entry.column))
                    warnings.append(Problem(entry.path, line, col,
                                            f"{entry.code}: own text.{kind}.{lang} is superseded by the "
                                            f"official wording of {official.revision}; remove it", "warning"))
            elif own is not None:
                out.setdefault(kind, {})[lang] = TextValue(own, None)
        given = out.get(kind, {})
        for lang in LANGUAGES:
            if given and lang not in given:
                have = next(iter(given))
                errors.append(Problem(entry.path, entry.line, entry.column,
                                      f"{entry.code}: {kind} has {have} text but no {lang}: no upstream "
                                      f"revision gives it; add text.{kind}.{lang} (the project's own)"))
    return out


def _check_related(catalog: Catalog, errors: list[Problem]) -> None:
    for entry in catalog.entries:
        for i, ref in enumerate(entry.related):
            key = ref if "/" in ref else f"{entry.family}/{ref}"
            if catalog.entry(key) is None:
                line, col = entry.positions.get(f"related[{i}]", entry.positions.get(
                    "related", (entry.line, entry.column)))
                errors.append(Problem(entry.path, line, col,
                                      f"{entry.code}: related entry {ref!r} does not exist"))


def is_bilingual(resolved: Resolved) -> bool:
    """Every entry needs a description in both languages; any other text too, if given."""
    texts = resolved.texts
    if not all(lang in texts.get("description", {}) for lang in LANGUAGES):
        return False
    return all(all(lang in by_lang for lang in LANGUAGES) for by_lang in texts.values())
