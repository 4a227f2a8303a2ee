"""Reasons must match the evidence they name.

A decision's reason is prose, but the facts it names can be checked: a revision it names
(``cos-errors.intl.zh.2023-07-10`` or ``intl.zh 2023-07-10``) must be a revision of a page
that feeds the decision's entries; a status text it quotes (``'412 Precondition'``) must be
written so in a row of those entries, in a revision the same sentence names when it names any;
a code a shared-code reason lists (``1, 2 or -1``) must be a code of the families its pages feed. Each mismatch is an error at the
decision.
"""

from __future__ import annotations

import re
from typing import Iterable

from .catalog import Catalog, Decision
from .evidence import Evidence
from .model import Problem, Revision, Row

#: ``cn.zh 2020-03-10.2``, then dates that share its edition and language (``, 2020-08-03 and 2020-08-21``).
_SHORT = re.compile(r"\b(cn|intl)\.(en|zh) (\d{4}-\d{2}-\d{2}(?:\.\d+)?)((?:(?:, | and |、|和| 和 )\d{4}-\d{2}-\d{2}(?:\.\d+)?)*)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:\.\d+)?")
_FULL = re.compile(r"\b([a-z][a-z0-9-]*)\.(cn|intl)\.(en|zh)\.(\d{4}-\d{2}-\d{2}(?:\.\d+)?)")
#: A quoted status text: '412 Precondition', “307暂时移动”, `409 ObjectNotAppendale`.
_QUOTED_STATUS = re.compile(r"['‘“`]([1-5]\d\d[ A-Za-z\u4e00-\u9fff][^'’”`]*)['’”`]")
#: Codes listed together: "16 and 17", "1, 2 or -1", "3、4、5" (dates and counts stand alone).
_CODE_LIST = re.compile(r"(?<![\d.-])(-?\d{1,6})(?:(?:, |,|、| and | or | to | 和 | 或 | 至 |和|或|至)(-?\d{1,6}))+(?![\d-])")
#: Clauses of a sentence: a quoted status and the revisions it is said to appear in stand in one;
#: an aside in parentheses is a clause of its own.
_CLAUSE = re.compile(r"[,;，；]")
_ASIDE = re.compile(r"[(（][^()（）]*[)）]")
_SENTENCE = re.compile(r"(?<=[;；。])|(?<=\.)\s")


def check_reasons(catalog: Catalog, evidence: Evidence) -> list[Problem]:
    """Every mismatch between a decision's reason and the evidence of its entries."""
    revs = {r.id: r for r in evidence.revisions}
    problems: list[Problem] = []
    for family in catalog.families.values():
        family_rows = [row for e in family.entries for row in evidence.by_entry.get(e.key, [])]
        # a shared code belongs to the families one page feeds: their codes are the ones to name
        pages = {s.page for s in family.sources}
        codes = {e.code for f in catalog.families.values() if pages & {s.page for s in f.sources}
                 for e in f.entries}
        for kind, decision in family.decisions.items():
            problems += _check(decision, f"{family.id} {kind}", family_rows, revs, codes, kind)
        for entry in family.entries:
            rows = evidence.by_entry.get(entry.key, [])
            for kind, decision in entry.decisions.items():
                problems += _check(decision, f"{entry.code} {kind}", rows, revs, codes, kind)
    return problems


def _check(decision: Decision, what: str, rows: list[Row], revs: dict[str, Revision], codes: set[str],
           kind: str) -> Iterable[Problem]:
    pages = {revs[r.revision].page for r in rows}
    for lang, reason in decision.reason.items():
        for sentence in _SENTENCE.split(reason):
            named = list(_revisions_named(sentence, revs, pages))
            for label, found in named:
                if not found:
                    yield _problem(decision, f"{what} reason ({lang}) names revision {label!r}, which is not a "
                                             f"revision of the pages that feed it ({', '.join(sorted(pages))})")
            for clause in _clauses(sentence):
                yield from _check_quotes(decision, what, lang, clause, rows, revs, pages)
            if kind == "shared-code":

                for code in _codes_listed(sentence):
                    if code not in codes:
                        yield _problem(decision, f"{what} reason ({lang}) lists code {code}, which is not a code "
                                                 f"of the families its pages feed")


def _clauses(sentence: str) -> list[str]:
    asides = _ASIDE.findall(sentence)
    return [c for part in [_ASIDE.sub(" ", sentence), *(a[1:-1] for a in asides)] for c in _CLAUSE.split(part)]


def _check_quotes(decision: Decision, what: str, lang: str, clause: str, rows: list[Row],
                  revs: dict[str, Revision], pages: set[str]) -> Iterable[Problem]:
    """A quoted status must be written so by a row of the evidence, and by a revision the same
    clause names, if it names any ("`412 Precondition` appears again in intl.zh 2023-07-10")."""
    in_named = {rid for _, found in _revisions_named(clause, revs, pages) for rid in found}
    for quoted in _QUOTED_STATUS.findall(clause):
        seen = {r.revision for r in rows if (r.status_text or "").strip() == quoted.strip()}
        if not seen:
            yield _problem(decision, f"{what} reason ({lang}) quotes status {quoted!r}, which no row of "
                                     f"its evidence writes")
        elif in_named and not seen & in_named:
            yield _problem(decision, f"{what} reason ({lang}) quotes status {quoted!r} beside "
                                     f"{', '.join(sorted(in_named))}, none of which writes it")


def _revisions_named(sentence: str, revs: dict[str, Revision], pages: set[str]):
    """``(as written, revision ids it can mean)`` for every revision the sentence names."""
    for m in _FULL.finditer(sentence):
        rid = m.group(0)
        yield rid, [rid] if rid in revs else []
    stripped = _FULL.sub("", sentence)
    for m in _SHORT.finditer(stripped):
        edition, lang = m.group(1), m.group(2)
        for date in [m.group(3), *_DATE.findall(m.group(4))]:
            found = [r.id for r in revs.values() if r.page in pages and r.edition == edition
                     and r.language == lang and r.id.endswith(f".{date}")]
            yield f"{edition}.{lang} {date}", found


def _codes_listed(sentence: str) -> list[str]:
    text = _DATE.sub(" ", sentence)
    out = []
    for m in _CODE_LIST.finditer(text):
        out += re.findall(r"-?\d+", m.group(0))
    return out


def _problem(decision: Decision, message: str) -> Problem:
    return Problem(decision.path, decision.line, decision.column, message)
