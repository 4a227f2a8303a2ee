"""Where text set as HTML may break across lines: never inside a joined word (2016-12-07, X-ErrNo,
Access-Control-Request-Method), a name wraps only after its dots or slashes.

Shared by the site's templates (the ``words`` and ``wrap_at`` filters) and the diff's HTML fragment.
Browsers break after any hyphen and, with ``overflow-wrap: anywhere``, inside any word: a code
split over two lines reads as two codes.
"""

from __future__ import annotations

import functools
import re

from markupsafe import Markup, escape

#: A word joined by hyphens, dots, colons or slashes (2016-12-07, X-ErrNo, cos-errors.cn.zh.2017-06-06,
#: Access-Control-Request-Method, source/upstream).
_JOINED = re.compile(r"[A-Za-z0-9_]+(?:[-.:/][A-Za-z0-9_]+)+")
_HYPHENED = re.compile(r"[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)+")
#: A negative code (-1404) or a signed term (-storage, +Content-MD5 in a wording conflict's summary):
#: browsers may break after the sign (after a Chinese comma: 、-1404; at a line's end).
_NEGATIVE = re.compile(r"(?<![A-Za-z0-9_+-])[-+][A-Za-z0-9_]+(?:[-.:/][A-Za-z0-9_]+)*")
#: A code longer than a phone's line holds (ERROR_PROXY_SIGN_BUCKET_NOTMATCH, 32 capitals, is 343 px
#: at 16 px on a 342 px line) may wrap after its underscores rather than anywhere. A shorter one never
#: does: browsers take any break that fits, and ERROR_PROXY_INVALID_CMD_REQ (27) split at "INVALID_".
_LONG = 30
_LONG_CODE = re.compile(rf"(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]{{{_LONG + 1},}})[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+")
#: Han characters on an English page: a Chinese name (万象优图) is marked as Chinese.
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+")
#: Latin words in a row, separated by single spaces (an English phrase quoted in Chinese text).
_PHRASE = re.compile(r"[A-Za-z][A-Za-z0-9_'’-]*(?: [A-Za-z0-9][A-Za-z0-9_'’-]*){2,}")


def _nowrap(piece: str) -> str:
    """``piece`` escaped, in a span that never breaks (plain concatenation: Markup.format is ten
    times slower, and this runs for every id and joined word of every page)."""
    return f'<span class="errdocs-nowrap">{escape(piece)}</span>'


@functools.lru_cache(maxsize=1 << 16)  # a pure function of strings, called ~11,000 times a build for ~3,000 names
def wrap_at(name: str, separators: str = "./") -> Markup:
    """``name`` escaped, in pieces that never break inside, with a break allowed after each of its
    ``separators``: a revision id wraps only at its dots (``cos-errors.`` / ``intl.`` / ``en.`` /
    ``2026-06-02``), a path only at its slashes. A dot between two digits is a decimal point
    (1.5, 4.2.1): no break there."""
    pieces, start = [], 0
    for i, ch in enumerate(name):
        if ch in separators and 0 < i < len(name) - 1 and not (name[i - 1].isdigit() and name[i + 1].isdigit()):
            pieces.append(name[start:i + 1])
            start = i + 1
    pieces.append(name[start:])
    return Markup("<wbr>".join(_nowrap(p) for p in pieces if p))


def words(text: str, lang: str, whole: str = "joined") -> Markup:
    """``text`` escaped, each joined word and signed code or term kept whole (wrapping only at its dots and
    slashes, a code too long for a phone's line also at its underscores) and the other language
    marked: on an English page each Han run ``lang="zh"``, in Chinese text an English phrase (three
    or more words, two of them lowercase: "You are denied by bucket referer rule") ``lang="en"``.
    ``whole="hyphens"``: only words joined by hyphens (X-ErrNo) are kept whole, in one piece
    (navigation titles)."""
    text = text or ""
    if lang != "zh" or whole != "joined":
        return _words(text, lang, whole)
    out, pos = [], 0
    for m in _PHRASE.finditer(text):
        if sum(1 for w in m.group(0).split() if re.fullmatch(r"[a-z]{2,}", w)) >= 2:
            out += [_words(text[pos:m.start()], lang, whole),
                    Markup('<span lang="en">{}</span>').format(_words(m.group(0), "en", whole))]
            pos = m.end()
    out.append(_words(text[pos:], lang, whole))
    return Markup("").join(out)


_KEEP = re.compile(f"{_JOINED.pattern}|{_LONG_CODE.pattern}|{_NEGATIVE.pattern}")
#: What ``_words`` keeps whole, by (whole, page language): on an English page Han runs too.
_PATTERNS = {(whole, en): re.compile(f"{keep.pattern}|{_HAN.pattern}") if en else keep
             for whole, keep in (("joined", _KEEP), ("hyphens", _HYPHENED)) for en in (True, False)}


def _words(text: str, lang: str, whole: str) -> Markup:
    out, pos = [], 0
    pattern = _PATTERNS[whole, lang == "en"]
    for m in pattern.finditer(text):
        out.append(escape(text[pos:m.start()]))
        word = m.group(0)
        if _HAN.fullmatch(word):
            out.append(Markup('<span lang="zh">{}</span>').format(word))
        else:
            out.append(wrap_at(word, "./_" if len(word) > _LONG else "./") if whole == "joined"
                       else Markup(_nowrap(word)))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)
