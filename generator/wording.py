"""Which official wording an entry shows, and when a newer wording says something else.

An entry's prose (description and action) in one language comes from one revision: the newest
that gives it, or the one a ``wording`` decision chooses. A newer wording that changes the key
terms of the one it replaces (a glossary term, a code-like token, or not one content word in
common) or drops a text the older one gave is a ``wording`` conflict for a person to decide:
keep the newer wording, or choose an earlier one. Links an older wording of the same text
carried are kept where the newer one lost them (the page-text format has none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .glossary import Term, has_term, load_glossary
from .model import Revision, Row
from .vocabulary import CJK_LETTERS

#: The kinds of text that are a page's own prose, taken together from one revision. ``message``
#: (the literal string an API returns) and ``name`` are data, read from the newest row giving them.
PROSE = ("description", "action")

_CJK_LETTER = re.compile(f"[{CJK_LETTERS}]")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
#: A code-like token: letters and digits joined, holding a digit, an underscore or an inner capital.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*[A-Za-z0-9]")
_STOP = frozenset(
    "a an the is are was were be been being to of in on for with and or not no this that these it its by "
    "as at from can cannot does do did has have had please your you than too see details more information "
    "for further current currently".split())


def plain(text: str) -> str:
    """``text`` with each Markdown link reduced to its label."""
    return _LINK.sub(r"\1", text)


def _squeeze(text: str) -> str:
    """Lower case, letters and digits only: ``Secret Id``, ``1,000`` meet ``secretid``, ``1000``."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _tokens(text: str, lang: str) -> set[str]:
    # Chinese prose writes its technical terms in Latin letters (cname, bucket, appid): each is key
    return {t for t in _TOKEN.findall(plain(text))
            if lang == "zh" or any(c.isdigit() for c in t) or "_" in t or re.search(r"[a-z][A-Z]", t)}


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content(text: str, lang: str) -> set[str]:
    """Content words (English, stemmed) or Chinese characters."""
    text = plain(text)
    if lang == "zh":
        return set(_CJK_LETTER.findall(text))
    return {_stem(w) for w in re.findall(r"[A-Za-z]+", text) if w.lower() not in _STOP}


def _has_term(text: str, term: Term, lang: str) -> bool:
    # a Chinese text that writes the English term (Bucket, Object) still names it
    return has_term(text, getattr(term, lang), lang) or (lang == "zh" and has_term(text, term.en, "en"))


def changed_terms(old: str, new: str, lang: str, terms: Iterable[Term]) -> list[str]:
    """The key terms one wording has and the other lacks, each as ``-term`` (lost) or ``+term``
    (new), then ``~`` when the two share not one content word. Empty: the same key terms."""
    a, b = plain(old), plain(new)
    terms = tuple(terms)
    out = []
    for term in terms:
        was, now = _has_term(a, term, lang), _has_term(b, term, lang)
        if was != now:
            out.append(("+" if now else "-") + getattr(term, lang))
    squeezed = {"-": _squeeze(b), "+": _squeeze(a)}
    # a glossary term both wordings name, in either script (Bucket / 存储桶), is no token to flag
    both = {_squeeze(t.en) for t in terms if _has_term(a, t, lang) and _has_term(b, t, lang)}
    for sign, text in (("-", a), ("+", b)):
        out += sorted(f"{sign}{t}" for t in _tokens(text, lang)
                      if _squeeze(t) not in squeezed[sign] and _squeeze(t) not in both)
    words_a, words_b = _content(a, lang), _content(b, lang)
    if words_a and words_b and not words_a & words_b:
        out.append("~")
    return out


def glossary_terms(root: Path) -> tuple[Term, ...]:
    """The glossary's terms (read anew each time: ``serve`` sees an edit of the glossary)."""
    return tuple(load_glossary(Path(root))[0])


@dataclass(frozen=True, slots=True)
class Change:
    """A newer wording (``new``) whose key terms differ from the one it replaced (``old``)."""

    language: str
    kind: str
    old: Row
    new: Row
    terms: tuple[str, ...]
    """The changed terms (see ``changed_terms``), or ``("dropped",)``: the newer gives no such text."""


def prose_rows(rows: list[Row], revs: dict[str, Revision], lang: str,
               not_advice: Callable[[str, str], bool]) -> list[Row]:
    """The first row of each revision of ``lang`` giving prose, oldest first."""
    first: dict[str, Row] = {}
    for row in rows:
        if revs[row.revision].language == lang and any(gives(row, k, not_advice) for k in PROSE):
            first.setdefault(row.revision, row)
    return [first[r] for r in sorted(first, key=lambda r: (revs[r].date, r))]


def gives(row: Row, kind: str, not_advice: Callable[[str, str], bool]) -> bool:
    """Whether ``row`` gives a text of ``kind`` (an action that is only a code gives none)."""
    text = row.texts.get(kind)
    return bool(text) and not not_advice(kind, text)


def changes(old: Row, new: Row, lang: str, terms: Iterable[Term],
            not_advice: Callable[[str, str], bool]) -> list[Change]:
    """The prose of ``new`` whose key terms differ from ``old``'s, or that ``new`` no longer gives."""
    out = []
    for kind in PROSE:
        if not gives(old, kind, not_advice):
            continue
        if not gives(new, kind, not_advice):
            out.append(Change(lang, kind, old, new, ("dropped",)))
        elif _squeeze(plain(old.texts[kind])) != _squeeze(plain(new.texts[kind])):  # not punctuation or spacing only
            found = changed_terms(old.texts[kind], new.texts[kind], lang, terms)
            if found:
                out.append(Change(lang, kind, old, new, tuple(found)))
    return out


def restore_links(text: str, older: Iterable[str]) -> tuple[str, int]:
    """``text`` with the links of ``older`` wordings (newest first) put back on their labels,
    where ``text`` has none of its own and writes the label (a plural and the space of a split
    compound aside: ``ObjectKey`` / ``Object Key``; a title keeps its capitals: ``object key`` in a
    sentence is no title). Each address once. Returns the text and the links added."""
    if _LINK.search(text):
        return text, 0
    spans: list[tuple[int, int, str]] = []
    for old in older:
        for label, url in _LINK.findall(old):
            if any(u == url for _, _, u in spans):
                continue
            found = _find_label(text, label.strip(), spans)
            if found is not None:
                spans.append((*found, url))
    out, at = [], 0
    for start, end, url in sorted(spans):
        out += [text[at:start], f"[{text[start:end]}]({url})"]
        at = end
    return "".join(out) + text[at:], len(spans)


def _find_label(text: str, label: str, taken: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """Where ``text`` writes ``label`` outside the spans already linked, or None."""
    if not any(ch.isalnum() for ch in label):
        return None
    parts = [p for p in re.split(r"(?<=[a-z])(?=[A-Z])|\s+", label) if p]
    rx = re.compile(r"(?<!\w)" + r"\s?".join(map(re.escape, parts)) + r"(?:e?s)?(?!\w)", re.IGNORECASE)
    # a title (Object Key, ObjectKey) keeps its capital; a phrase (Submit a ticket) may open a sentence
    title = sum(p[0].isupper() for p in parts) > 1
    for m in rx.finditer(text):
        if title and m.group(0)[0] != label[0]:
            continue
        if not any(s < m.end() and m.start() < e for s, e, _ in taken):
            return m.start(), m.end()
    return None


def describe(found: Iterable[Change]) -> str:
    """The changes in one line: ``description (en) OLD → NEW: -storage class; …``."""
    said = {"~": "no word in common"}
    return "; ".join(f"{c.kind} ({c.language}) {c.old.revision} → {c.new.revision}: "
                     f"{' '.join(said.get(t, t) for t in c.terms)}" for c in found)


def advice_filter(rows: list[Row]) -> Callable[[str, str], bool]:
    """``(kind, text) -> True`` for an action that is only a code (``AccessDenied。``, or spelled
    apart, ``Access denied``, where some row writes it so): a cross-link, not advice."""
    from .matching import code_only

    codes = {c.lower() for r in rows if "action" in r.texts and (c := code_only(r.texts["action"]))}
    if not codes:
        return lambda kind, text: False
    return lambda kind, text: kind == "action" and _squeeze(text) in codes


def entry_changes(rows: list[Row], revs: dict[str, Revision], terms: Iterable[Term]) -> list[Change]:
    """The changes of the newest wording in each language against the one it replaced."""
    not_advice = advice_filter(rows)
    out = []
    for lang in sorted({revs[r.revision].language for r in rows}):
        seq = prose_rows(rows, revs, lang, not_advice)
        if len(seq) > 1:
            out += changes(seq[-2], seq[-1], lang, terms, not_advice)
    return out


def history_changes(rows: list[Row], revs: dict[str, Revision], terms: Iterable[Term]) -> list[Change]:
    """The changes each revision brought over the one before it, in every language: what the
    check would have flagged had each revision been the newest."""
    not_advice = advice_filter(rows)
    out = []
    for lang in sorted({revs[r.revision].language for r in rows}):
        seq = prose_rows(rows, revs, lang, not_advice)
        for old, new in zip(seq, seq[1:]):
            out += changes(old, new, lang, terms, not_advice)
    return out
