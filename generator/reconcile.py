"""Reconciliation: detect where revisions disagree, apply the recorded decisions, resolve entries.

Conflicts are found from the evidence alone (never from a hand list) by the detectors of
``conflict_kinds.KINDS``; each needs a decision in the catalog. Resolved entries carry canonical values with provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import STATUS_KINDS, Catalog, Entry, Family
from .conflict_kinds import ENTRY_KINDS, KIND, KINDS, Conflict
from .evidence import Evidence
from .glossary import check_glossary
from .matching import string_codes
from .reasons import check_reasons
from .translated_codes import check_translated_codes
from .wording import PROSE, advice_filter, gives, restore_links
from .model import Problem, Revision, Row
from .vocabulary import ENTRY_TEXT_KINDS, LANGUAGES, has_cjk


@dataclass(slots=True)
class TextValue:
    """A text in one language with where it came from (``revision`` None = project's own)."""

    text: str
    revision: str | None
    line: int | None = None
    language: str | None = None
    """Set when the text is in another language than the one it stands for (English-only kinds)."""
    links_from: str | None = None
    """The revision whose wording of the same text gave the links put back into this one."""
    newer: str | None = None
    """The newer revision whose wording a ``wording`` decision passed over for this one."""

    @property
    def official(self) -> bool:
        return self.revision is not None


@dataclass(slots=True)
class StatusCase:
    status: int
    when: dict[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Seen:
    """A revision, by id and date: where an entry's life starts or ends."""

    revision: str
    date: str

    def as_dict(self) -> dict[str, str]:
        return {"revision": self.revision, "date": self.date}


@dataclass(frozen=True, slots=True)
class Life:
    """When upstream listed an entry.

    Attributes:
        first_seen, last_seen: the oldest and newest revision that lists it (None: no row).
        documented: the newest revision of some page that fed it (in one language, any edition)
            still lists it.
        dropped: when no longer documented, the first revision after ``last_seen`` of a page
            that fed it: "no longer documented since".
    """

    first_seen: Seen | None
    last_seen: Seen | None
    documented: bool
    dropped: Seen | None = None


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
    life: Life
    conflicts: list[Conflict] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    """``(kind, language)``: a text older revisions gave that the revision shown no longer does."""

    @property
    def key(self) -> str:
        return self.entry.key

    @property
    def code(self) -> str:
        return self.entry.code

    @property
    def findable(self) -> list[str]:
        """Every spelling people may meet: the catalog's code and aliases, then the string
        codes upstream gives beside it (``names``)."""
        spellings = self.entry.spellings
        return [*spellings, *(n for n in self.names if n not in spellings)]


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
    per_family = _family_conflicts(catalog, evidence)
    streams = _streams(evidence.revisions)
    for family in catalog.families.values():
        for entry in family.entries:
            # one visit per entry for both, while its rows are fresh in memory
            rows = evidence.by_entry.get(entry.key, [])
            conflicts.extend(_entry_conflicts(entry, rows))
            resolved[entry.key] = _resolve(entry, family, rows, revs, streams, resolve_errors, resolve_warnings)
        conflicts.extend(per_family.get(family.id, []))
    conflicts.extend(_catalog_conflicts(catalog, evidence))
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
    errors += check_reasons(catalog, evidence)
    errors += check_translated_codes(resolved, evidence)
    found, _ = check_glossary(catalog.root, resolved)
    errors += [p for p in found if p.level != "warning"]
    warnings += [p for p in found if p.level == "warning"]
    return Reconciliation(conflicts, resolved, errors, warnings)


def _entry_conflicts(entry: Entry, rows: list[Row]) -> list[Conflict]:
    """The conflicts of the kinds detected over one entry's rows, in table order."""
    return [found for kind in ENTRY_KINDS if (found := kind.detect(entry, rows)) is not None]


def _family_conflicts(catalog: Catalog, evidence: Evidence) -> dict[str, list[Conflict]]:
    """The conflicts between entries of one family, by family id (listed after its entries)."""
    out: dict[str, list[Conflict]] = {}
    for kind in KINDS:
        if kind.scope == "family":
            for conflict in kind.detect(catalog, evidence):
                out.setdefault(conflict.entries[0].split("/", 1)[0], []).append(conflict)
    return out


def _catalog_conflicts(catalog: Catalog, evidence: Evidence) -> list[Conflict]:
    """The conflicts across families (listed last)."""
    return [conflict for kind in KINDS if kind.scope == "catalog" for conflict in kind.detect(catalog, evidence)]


def _attach_decisions(catalog: Catalog, conflicts: list[Conflict], errors: list[Problem],
                      warnings: list[Problem]) -> None:
    used: set[int] = set()
    for conflict in conflicts:
        found = _decisions_for(catalog, conflict)
        if found:  # the first one settles it; any other is reported unused below
            conflict.decision = found[0]
            used.add(id(found[0]))
    for entry in catalog.entries:
        for kind, decision in entry.decisions.items():
            # a wording decision that chooses a revision is a choice of its own: it holds although
            # no wording is flagged now (later revisions repeat the wording it passes over)
            if id(decision) not in used and not (kind == "wording" and decision.value is not None):
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
                                  f"decisions.{conflict.kind} {KIND[conflict.kind].how_to_decide}"))


def _decisions_for(catalog: Catalog, conflict: Conflict) -> list:
    """The decisions recorded for ``conflict``: on its entries, else (where its kind allows) on
    their families."""
    kind = conflict.kind
    entries = [e for e in map(catalog.entry, conflict.entries) if e is not None]
    found = [e.decisions[kind] for e in entries if kind in e.decisions]
    if not found and "family" in KIND[kind].where:
        families = [catalog.families[key.split("/", 1)[0]] for key in conflict.entries]
        found = [f.decisions[kind] for f in families if kind in f.decisions]
    return found


def _resolve(entry: Entry, family: Family, rows: list[Row], revs: dict[str, Revision],
             streams: dict[tuple[str, str], list[Revision]], errors: list[Problem],
             warnings: list[Problem]) -> Resolved:
    """The entry's status, texts and names from its rows (conflicts are added by ``reconcile``)."""
    newest = _newest_rows(rows, revs)
    texts, dropped = _resolve_texts(entry, family, newest, revs, errors, warnings)
    names = sorted({name for r in rows for name in string_codes(r)})
    variants = newest[0].variants if newest else []
    return Resolved(entry, family, _resolve_status(entry, rows), texts, names, list(variants), rows,
                    _life(newest, revs, streams), dropped=dropped)


def _stream(rev: Revision) -> tuple[str, str]:
    """One page in one language: a sequence of revisions, each replacing the last. Editions are
    merged: the cn copy of a page stopped changing when the intl one went on (cos-errors cn.zh
    ends 2020-08-06), and a stopped copy must not keep a code documented."""
    return rev.page, rev.language


def _streams(revisions: list[Revision]) -> dict[tuple[str, str], list[Revision]]:
    """Revisions per stream, oldest first."""
    out: dict[tuple[str, str], list[Revision]] = {}
    for rev in sorted(revisions, key=lambda r: (r.date, r.id)):
        out.setdefault(_stream(rev), []).append(rev)
    return out


def _life(newest: list[Row], revs: dict[str, Revision], streams: dict[tuple[str, str], list[Revision]]) -> Life:
    """When the entry was listed, from its rows (newest first) and the revisions of its pages."""
    if not newest:
        return Life(None, None, False)
    listed = {r.revision for r in newest}
    seen = lambda rev: Seen(rev.id, rev.date)  # noqa: E731
    first, last = revs[newest[-1].revision], revs[newest[0].revision]
    fed = {_stream(revs[rid]) for rid in listed}
    if any(streams[s][-1].id in listed for s in fed):
        return Life(seen(first), seen(last), True)
    # per stream, the first revision after the last one listing the entry; the earliest of them
    after = [next(r for r in reversed(streams[s]) if r.id in listed) for s in fed]
    drops = []
    for s, last_here in zip(fed, after):
        revisions = streams[s]
        i = revisions.index(last_here)
        if i + 1 < len(revisions):
            drops.append(revisions[i + 1])
    dropped = min(drops, key=lambda r: (r.date, r.id)) if drops else None
    return Life(seen(first), seen(last), False, seen(dropped) if dropped else None)


def _newest_rows(rows: list[Row], revs: dict[str, Revision]) -> list[Row]:
    return sorted(rows, key=lambda r: (revs[r.revision].date, r.revision), reverse=True)


def _resolve_status(entry: Entry, rows: list[Row]) -> list[StatusCase]:
    for kind in STATUS_KINDS:
        decision = entry.decisions.get(kind)
        if decision is None or decision.value is None:
            continue
        if isinstance(decision.value, int):
            return [StatusCase(decision.value)]
        if isinstance(decision.value, list) and decision.value and isinstance(decision.value[0], dict):
            return [StatusCase(v["status"], v.get("when")) for v in decision.value]
    seen = sorted({r.status for r in rows if r.status is not None})
    return [StatusCase(s) for s in seen]


def _resolve_texts(entry: Entry, family: Family, newest: list[Row], revs: dict[str, Revision],
                   errors: list[Problem], warnings: list[Problem]) -> tuple[dict[str, dict[str, TextValue]],
                                                                            list[tuple[str, str]]]:
    """Texts per kind and language (``newest``: rows newest first): the prose of one revision per
    language (``_prose_sources``), any other kind from the newest row giving it; and the
    ``(kind, language)`` pairs an older revision gave but the one shown no longer does."""
    out: dict[str, dict[str, TextValue]] = {}
    line, col = entry.positions.get("text", (entry.line, entry.column))
    # an action that is only a code (AccessDenied。, or spelled apart: Access denied) is a
    # cross-link (the code is among the entry's names), not advice
    not_advice = advice_filter(newest)
    prose, passed_over = _prose_sources(entry, newest, revs, not_advice, errors)
    dropped: list[tuple[str, str]] = []
    for kind in ENTRY_TEXT_KINDS:
        for lang in LANGUAGES:
            given = [r for r in newest if revs[r.revision].language == lang and gives(r, kind, not_advice)]
            if kind in PROSE:
                source = prose.get(lang)
                official = source if source is not None and gives(source, kind, not_advice) else None
            else:
                official = next(iter(given), None)
            own = entry.text.get(kind, {}).get(lang)
            if own is not None and (problem := _script_problem(own, lang)):
                errors.append(Problem(entry.path, line, col, f"{entry.code}: own text.{kind}.{lang} {problem}"))
            if official is not None:
                out.setdefault(kind, {})[lang] = _official(official, kind, given, passed_over.get(lang))
                if own is not None:
                    warnings.append(Problem(entry.path, line, col,
                                            f"{entry.code}: own text.{kind}.{lang} is superseded by the "
                                            f"official wording of {official.revision}; remove it", "warning"))
            elif given:
                # the revision shown no longer gives this text: a dropped text, a wording conflict
                # decided on the entry, never an own translation in its place
                out.setdefault(kind, {})[lang] = None  # type: ignore[assignment]
                if own is not None:
                    warnings.append(Problem(entry.path, line, col,
                                            f"{entry.code}: own text.{kind}.{lang} is not shown: the wording "
                                            f"of {prose[lang].revision} gives no {kind}; remove it", "warning"))
            elif own is not None:
                if kind in family.english_only and lang != "en":
                    errors.append(Problem(entry.path, line, col,
                                          f"{entry.code}: own text.{kind}.{lang}, but family {family.id} "
                                          f"gives {kind} in English only; remove it"))
                out.setdefault(kind, {})[lang] = TextValue(own, None)
        given = out.get(kind, {})
        if kind in family.english_only and given.get("en") is not None:
            for lang in LANGUAGES:
                if lang not in given:
                    tv = given["en"]
                    given[lang] = TextValue(tv.text, tv.revision, tv.line, "en")
        for lang in LANGUAGES:
            if given and lang not in given:
                have = next(iter(given))
                errors.append(Problem(entry.path, entry.line, entry.column,
                                      f"{entry.code}: {kind} has {have} text but no {lang}: no upstream "
                                      f"revision gives it; add text.{kind}.{lang} (the project's own)"))
        for lang in [lang for lang, tv in given.items() if tv is None]:
            dropped.append((kind, lang))
            del given[lang]
        if kind in out and not given:
            del out[kind]
    return out, dropped


def _prose_sources(entry: Entry, newest: list[Row], revs: dict[str, Revision], not_advice,
                   errors: list[Problem]) -> tuple[dict[str, Row], dict[str, str]]:
    """The row whose prose (description, action) each language shows: of the revision the entry's
    ``wording`` decision chooses, else of the newest revision giving prose. One revision each, so
    that a newer description never stands beside an older action. Also, per language, the newest
    revision a decision passed over."""
    out: dict[str, Row] = {}
    for row in newest:
        lang = revs[row.revision].language
        if lang not in out and any(gives(row, k, not_advice) for k in PROSE):
            out[lang] = row
    passed_over: dict[str, str] = {}
    decision = entry.decisions.get("wording")
    chosen = decision.chosen() if decision is not None else []
    for rid in chosen:
        row = next((r for r in newest if r.revision == rid and any(gives(r, k, not_advice) for k in PROSE)),
                   None)
        if row is None:
            errors.append(Problem(decision.path, decision.line, decision.column,
                                  f"{entry.code}: wording decision chooses {rid}, which gives no description "
                                  f"or action of this entry"))
            continue
        lang = revs[rid].language
        if sum(revs[r].language == lang for r in chosen) > 1:
            errors.append(Problem(decision.path, decision.line, decision.column,
                                  f"{entry.code}: wording decision chooses more than one {lang} revision"))
            continue
        if out[lang].revision != rid:
            passed_over[lang] = out[lang].revision
        out[lang] = row
    return out, passed_over


def _official(row: Row, kind: str, given: list[Row], newer: str | None) -> TextValue:
    """The text of ``kind`` in ``row``, with the links of older wordings (``given``: rows newest
    first) restored where it has none of its own; ``newer``: the revision a decision passed over."""
    text = row.texts[kind]
    older = given[given.index(row) + 1:]
    restored, added = restore_links(text, [r.texts[kind] for r in older])
    origin = None
    if added:
        origin = next(r.revision for r in older if restore_links(text, [r.texts[kind]])[1])
    return TextValue(restored, row.revision, row.line, links_from=origin, newer=newer)


def _script_problem(text: str, lang: str) -> str | None:
    """Why an own translation is not in its language's script, or None."""
    if lang == "zh" and not has_cjk(text):
        return "is not Chinese (no Chinese characters); translate it, or list the kind in the family's english_only"
    if lang == "en" and has_cjk(text):
        return "holds Chinese characters; an English translation must be in English"
    return None


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
    """Every entry needs a description in both languages; any other text too, if given, unless
    the revision a language shows no longer gives it (a decided wording conflict)."""
    texts = resolved.texts
    if not all(lang in texts.get("description", {}) for lang in LANGUAGES):
        return False
    return all(all(lang in by_lang or (kind, lang) in resolved.dropped for lang in LANGUAGES)
               for kind, by_lang in texts.items())
