"""The glossary (``source/glossary.yaml``): official term pairs that own translations must use.

Every pair must be supported by at least one official bilingual pair (an entry whose official
English and Chinese texts of one kind carry both terms). An own text is checked against the
other language's text of the same kind: where that holds one term of a pair, the own text must
hold the other (terms spelled alike in both languages keep their official letter case).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from .model import Problem

GLOSSARY = "glossary.yaml"


@dataclass(frozen=True)
class Term:
    en: str
    zh: str
    line: int
    column: int


def load_glossary(source: Path) -> tuple[list[Term], list[Problem]]:
    """The terms of ``source/glossary.yaml`` (none when the file is absent)."""
    path = source / GLOSSARY
    if not path.is_file():
        return [], []
    data = YAML().load(path.read_text(encoding="utf-8")) or {}
    terms, problems = [], []
    for i, item in enumerate(data.get("terms") or []):
        line, col = (item.lc.line + 1, item.lc.col + 1) if hasattr(item, "lc") else (1, 1)
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) and item[k] for k in ("en", "zh")):
            problems.append(Problem(str(path), line, col, f"terms[{i}]: expected {{en: …, zh: …}}"))
            continue
        terms.append(Term(item["en"], item["zh"], line, col))
    return terms, problems


def has_term(text: str, term: str, lang: str, exact_case: bool = False) -> bool:
    if lang == "zh" and not term.isascii():
        return term in text
    return _term_pattern(term, exact_case).search(text) is not None


@functools.lru_cache(maxsize=None)  # a few dozen terms, asked ~50,000 times per load
def _term_pattern(term: str, exact_case: bool) -> re.Pattern:
    # a whole word, plural allowed: not BUCKET in ERR_URL_PARAM_BUCKETID
    return re.compile(rf"(?<![A-Za-z_]){re.escape(term)}(?:e?s)?(?![A-Za-z_])", 0 if exact_case else re.IGNORECASE)


def check_glossary(source: Path, resolved: dict) -> tuple[list[Problem], dict[str, int]]:
    """Problems (errors: unsupported terms; warnings: own texts that miss a term) and each
    term's support count (official bilingual texts carrying both terms)."""
    terms, problems = load_glossary(source)
    path = str(source / GLOSSARY)
    support: dict[str, int] = {}
    for term in terms:
        n = sum(1 for r in resolved.values() for by in r.texts.values()
                if "en" in by and "zh" in by and by["en"].official and by["zh"].official and by["zh"].language is None
                and has_term(by["en"].text, term.en, "en") and has_term(by["zh"].text, term.zh, "zh"))
        support[f"{term.en}={term.zh}"] = n
        if not n:
            problems.append(Problem(path, term.line, term.column,
                                    f"term {term.en!r} = {term.zh!r}: no official bilingual text carries both"))
    alike = {t.en for t in terms if t.en == t.zh}
    for r in resolved.values():
        entry = r.entry
        line, col = entry.positions.get("text", (entry.line, entry.column))
        for kind, by in r.texts.items():
            for own, other in (("zh", "en"), ("en", "zh")):
                mine, theirs = by.get(own), by.get(other)
                if mine is None or theirs is None or mine.official or mine.language:
                    continue
                missing = {getattr(t, own) for t in terms if has_term(theirs.text, getattr(t, other), other)
                           and not has_term(mine.text, getattr(t, own), own, exact_case=getattr(t, own) in alike)}
                # a term with two official renderings (分块, 分片 for part) needs only one of them
                rendered = {getattr(t, own) for t in terms if has_term(mine.text, getattr(t, own), own)}
                for word in sorted(missing):
                    alternatives = {getattr(t, own) for t in terms
                                    if getattr(t, other) in {getattr(u, other) for u in terms if getattr(u, own) == word}}
                    if alternatives & rendered and word not in alike:
                        continue
                    problems.append(Problem(entry.path, line, col,
                                            f"{entry.code}: own text.{kind}.{own} does not use the glossary term "
                                            f"{word!r} (the {other} text has its counterpart)", "warning"))
    return problems, support
