"""The project's words, each list in one place: languages, text kinds, change severities,
the cells that say "nothing here", and which characters are CJK script.

Adding a language or a text kind starts here; every module that walks these lists imports them.
"""

from __future__ import annotations

import unicodedata

#: Languages of the site, the catalog and the reports, in display order (English first).
LANGUAGES = ("en", "zh")

#: Text an entry carries per language (catalog ``text:`` and reconciled texts), in display order.
ENTRY_TEXT_KINDS = ("description", "action", "message")
#: Text a table row may carry: the entry's kinds, plus ``name``, the string code some tables
#: give beside a numeric code (media processing, content moderation).
TEXT_KINDS = (*ENTRY_TEXT_KINDS, "name")

#: Severities of a change, gravest first: ``major`` (a client matching on codes or statuses is
#: affected), ``minor`` (the page says more or says it differently), ``info`` (presentation only).
SEVERITIES = ("major", "minor", "info")

#: Whole cells that say "nothing here", compared after ``is_empty_cell`` normalises them
#: (NFKC, outer spaces, a trailing full stop, case): the importers drop such a cell and the
#: diff reads it as no text, so both must agree on the list.
EMPTY_CELLS = frozenset({"", "-", "--", "—", "–", "/", "n/a", "na", "none", "null", "无", "暂无"})


def is_empty_cell(text: str | None) -> bool:
    """Whether a cell carries nothing: empty, a lone dash or slash, or a word such as N/A or 无。.

    Args:
        text: the cell as written (markup already removed), or None for a missing cell.

    Returns:
        True when the cell counts as absent.
    """
    if text is None:
        return True
    return unicodedata.normalize("NFKC", text).strip().rstrip(".。").lower() in EMPTY_CELLS


#: Characters that are words of CJK script by themselves: ideographs (extension A, unified,
#: compatibility), kana and hangul syllables. A Chinese diff compares them one by one.
CJK_LETTER_RANGES = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"),
                     ("\u3040", "\u30ff"), ("\uac00", "\ud7af"))
#: CJK punctuation and full-width forms: no words, but a sign of CJK text all the same.
CJK_MARK_RANGES = (("\u3000", "\u303f"), ("\uff00", "\uffef"))


def char_class(ranges: tuple[tuple[str, str], ...]) -> str:
    """The body of a regular-expression character class (no brackets) matching ``ranges``."""
    return "".join(f"{first}-{last}" for first, last in ranges)


#: Character-class bodies for the two range lists, for use inside ``[...]``.
CJK_LETTERS = char_class(CJK_LETTER_RANGES)
CJK_MARKS = char_class(CJK_MARK_RANGES)


_CJK_LETTER = None


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a CJK letter: what a Chinese text must have and an English one must not."""
    global _CJK_LETTER
    if _CJK_LETTER is None:
        import re
        _CJK_LETTER = re.compile(f"[{CJK_LETTERS}]")
    return _CJK_LETTER.search(text) is not None
