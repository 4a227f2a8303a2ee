"""Text comparison with noise normalisation, and a word-level (English) or
character-level (Chinese) diff.

Noise that never counts as a change: whitespace (amount, line endings, spaces
between Chinese and Latin text), full- vs half-width punctuation, a trailing period.
Markdown links count as their text (a rendered page shows no link targets).
Everything else (wording, case, digits) does.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from ..vocabulary import CJK_LETTERS, is_empty_cell

#: Punctuation NFKC leaves alone but that has a half-width twin.
_PUNCT = str.maketrans({
    "。": ".", "、": ",", "｡": ".", "､": ",", "“": '"', "”": '"', "‘": "'", "’": "'",
    "「": '"', "」": '"', "『": '"', "』": '"', "【": "[", "】": "]", "〔": "(", "〕": ")",
    "—": "-", "–": "-", "―": "-", "…": "...", "〜": "~", "～": "~", "·": ".", "・": ".",
})

#: Tokens: one CJK character, a run of word characters, or one other non-space character.
_TOKEN = re.compile(rf"(\s*)([{CJK_LETTERS}]|[^\s{CJK_LETTERS}\W]+|[^\s])", re.UNICODE)
_TRAILING_STOP = {".", "。"}


#: A markdown link: compared (and shown) as its text; page text renders links without targets.
_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")


def strip_links(text: str) -> str:
    return _LINK.sub(r"\1", text)


def _key(token: str) -> str:
    return unicodedata.normalize("NFKC", token).translate(_PUNCT)


def tokens(text: str) -> list[tuple[str, str]]:
    """``(shown, key)`` pairs; ``shown`` keeps the whitespace before the token.

    Tokens are words (runs of letters and digits) and single punctuation marks; a
    Chinese character is a token by itself, so Chinese diffs are character-level.
    Text is NFKC-normalised first so full-width letters split like half-width ones.
    """
    out = []
    for m in _TOKEN.finditer(strip_links(text or "")):
        key = _key(m.group(2))
        if not key.strip():
            continue
        out.append((m.group(1), m.group(2), key))
    # NFKC may turn one full-width mark into several characters ("…" -> "..."); fine as one key.
    keys = [(ws + tok, key) for ws, tok, key in out]
    while keys and keys[-1][1] in _TRAILING_STOP:
        keys.pop()
    return keys


def _normal_tokens(text: str) -> list[str]:
    keys = []
    for shown, key in tokens(text):
        keys.append(key)
    return keys


def normalise(text: str | None) -> str:
    """The comparison key of a text: equal keys mean no change."""
    if is_empty_cell(text):
        return ""
    return "\u241f".join(_normal_tokens(text))


def same_text(a: str | None, b: str | None) -> bool:
    return normalise(a) == normalise(b)


def diff(old: str | None, new: str | None) -> list[list[str]]:
    """Edit script ``[[op, text], ...]`` with op ``=`` (kept), ``-`` (old only), ``+`` (new only).

    Joining the ``=`` and ``-`` pieces gives the old text, ``=`` and ``+`` the new one (up to
    leading whitespace and a trailing period); neighbouring pieces of one op are merged.
    """
    a = tokens(old or "")
    b = tokens(new or "")
    matcher = difflib.SequenceMatcher(None, [k for _, k in a], [k for _, k in b], autojunk=False)
    ops: list[list[str]] = []

    def add(op: str, pieces: list[tuple[str, str]]) -> None:
        text = "".join(shown for shown, _ in pieces)
        if not text:
            return
        if not ops:
            text = text.lstrip()
        if ops and ops[-1][0] == op:
            ops[-1][1] += text
        else:
            ops.append([op, text])

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("=", b[j1:j2])
        else:
            add("-", a[i1:i2])
            add("+", b[j1:j2])
    return ops


def ratio(old: str | None, new: str | None) -> float:
    """Similarity of two texts in 0..1, on normalised tokens."""
    a, b = _normal_tokens(old or ""), _normal_tokens(new or "")
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
