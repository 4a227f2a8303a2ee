"""Helpers shared by the importers: line preparation, header recognition, cell cleanup.

Everything here is pure text handling; the readers in ``markdown.py`` and ``pagetext.py``
decide what is a table and what a row is.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..model import Problem
from ..vocabulary import CJK_LETTERS, CJK_MARKS, is_empty_cell

# --------------------------------------------------------------------------- headers

#: Column kinds an error table may have. ``code`` and ``status`` are the row's key
#: fields, the others are text kinds (see vocabulary.TEXT_KINDS).
CODE, STATUS = "code", "status"

_HEADER_WORDS: dict[str, str] = {
    # code
    "错误码": CODE,
    "错误代码": CODE,
    "返回码": CODE,
    "code": CODE,
    "errorcode": CODE,
    "errcode": CODE,
    "returncode": CODE,
    # status
    "http状态码": STATUS,
    "状态码": STATUS,
    "httpstatuscode": STATUS,
    "httpstatus": STATUS,
    "statuscode": STATUS,
    "status": STATUS,
    # description
    "描述": "description",
    "含义": "description",
    "说明": "description",
    "错误描述": "description",
    "description": "description",
    "errordescription": "description",
    "meaning": "description",
    # action
    "处理措施": "action",
    "解决方案": "action",
    "处理方法": "action",
    "处理建议": "action",
    "解决措施": "action",
    "action": "action",
    "solution": "action",
    "handlingmeasures": "action",
    "handlingmeasure": "action",
    "suggestion": "action",
    # message
    "错误信息": "message",
    "errormessage": "message",
    "message": "message",
}

#: Headers of tables that describe XML nodes (not error tables).
_NODE_WORDS = {
    "元素名称",
    "节点名称（关键字）",
    "节点名称(关键字)",
    "节点名称",
    "父节点",
    "类型",
    "elementname",
    "nodename(keyword)",
    "nodename",
    "parentnode",
    "type",
}


def _header_key(cell: str) -> str:
    text = clean_cell(cell)
    return re.sub(r"\s+", "", text).lower()


def header_kind(cell: str) -> str | None:
    """Kind of one header cell: code/status/description/action/message, "node", or None."""
    key = _header_key(cell)
    if not key:
        return None
    if key in _HEADER_WORDS:
        return _HEADER_WORDS[key]
    if key in _NODE_WORDS:
        return "node"
    return None


def is_header_word(line: str) -> bool:
    """True when the whole line is a known column header name (page-text header blocks)."""
    return header_kind(line) is not None


@dataclass
class Header:
    """The meaning of a table's columns."""

    kinds: list[str | None]  # per column: code/status/text kind/"node"/None

    @property
    def is_error_table(self) -> bool:
        return CODE in self.kinds and "node" not in self.kinds

    @property
    def is_node_table(self) -> bool:
        return "node" in self.kinds

    @property
    def has_status(self) -> bool:
        return STATUS in self.kinds

    def index_of(self, kind: str) -> int | None:
        """The column of ``kind``, or None when the table has none."""
        try:
            return self.kinds.index(kind)
        except ValueError:
            return None


def classify_header(cells: list[str]) -> Header:
    """Column kinds of a header row. A second code column becomes ``name``."""
    kinds: list[str | None] = []
    for cell in cells:
        kind = header_kind(cell)
        if kind == CODE and CODE in kinds:
            kind = "name"
        kinds.append(kind)
    return Header(kinds)


# --------------------------------------------------------------------------- cells

# "</br>" too: upstream writes it for a line break (cos-errors.intl.zh.2023-07-10 line 95)
_BR = re.compile(r"<\s*/?\s*br\s*/?\s*>", re.IGNORECASE)
# Attributes stop at the next "<" as well as ">": with "[^>]*" every unclosed "<b " scanned to
# the end of the text (a 200 KB line of them took 50 s).
_TAG = re.compile(r"</?(?:b|strong|i|em|code|span|font|p|u|sup|sub)(?:\s[^<>]*)?>", re.IGNORECASE)
_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_TICKS = re.compile(r"`+([^`]*)`+")
_ENTITIES = {"&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&"}


def clean_cell(text: str) -> str:
    """Strip markup from a cell: bold, italics, backticks, HTML tags, ``<br>``/``</br>`` (to newline).

    Markdown links ``[text](url)`` are kept as they are.
    """
    s = _BR.sub("\n", text)
    s = _TAG.sub("", s)
    s = _TICKS.sub(r"\1", s)
    s = _BOLD.sub(r"\2", s)
    s = _ITALIC_STAR.sub(r"\1", s)
    for ent, rep in _ENTITIES.items():
        s = s.replace(ent, rep)
    lines = [re.sub(r"[ \t\u00a0\u3000]+", " ", part).strip() for part in s.split("\n")]
    return "\n".join(part for part in lines if part)


# --------------------------------------------------------------------------- shapes

# HTTP statuses are 100-599: "900 Bad Request" or "000" is no status (a row read one in).
_STATUS_RE = re.compile(r"^\s*([1-5]\d{2})(?!\d)")
_NUMERIC_CODE_RE = re.compile(r"^[-−]?\d+$")
_IDENT_CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.:-]*$")


def parse_status(cell: str | None) -> int | None:
    """The leading status 100-599 of a status cell (``"412 Precondition"`` -> 412), else None."""
    if not cell:
        return None
    m = _STATUS_RE.match(cell)
    return int(m.group(1)) if m else None


def looks_like_status(cell: str | None) -> bool:
    """``400 Bad Request``, ``503``, ``409 ObjectNotAppendale`` (not ``-400``, not ``4001``)."""
    return bool(cell) and parse_status(cell) is not None


def looks_like_numeric_code(cell: str | None) -> bool:
    return bool(cell) and bool(_NUMERIC_CODE_RE.match(cell.strip()))


def looks_like_code(cell: str | None) -> bool:
    """A single token: an identifier (``NoSuchKey``) or a number (``-46618``)."""
    if not cell:
        return False
    s = cell.strip()
    return bool(_NUMERIC_CODE_RE.match(s) or _IDENT_CODE_RE.match(s))


def looks_like_identifier(cell: str | None) -> bool:
    return bool(cell) and bool(_IDENT_CODE_RE.match(cell.strip()))


def _role_score(role: str | None, cell: str) -> int:
    if role == CODE:
        if looks_like_code(cell) and not looks_like_status(cell):
            return 2
        if looks_like_code(cell):  # a bare 3-digit number: a code too, but less sure
            return 1
        return 0
    if role == STATUS:
        if looks_like_status(cell):
            return 2
        if is_empty_cell(cell):
            return 1
        return 0
    return 0


def best_cell_order(kinds: list[str | None], cells: list[str]) -> list[int] | None:
    """Find a better assignment of cells to columns when code/status cells look misplaced.

    Returns a permutation ``perm`` (cell index for each column) when one fits the code and
    status columns strictly better than the written order, else None. Among the best
    fitting permutations, the one moving fewest cells wins, then the first in
    lexicographic order.

    Only the code and status columns score, so instead of trying every permutation of
    the row (factorial in its width) this tries every choice of cells for those columns
    and completes each choice with the fewest moves.
    """
    n = min(len(kinds), len(cells))
    if n < 2 or CODE not in kinds[:n]:
        return None
    roles = kinds[:n]
    keyed = [c for c in range(n) if roles[c] in (CODE, STATUS)]
    base = sum(_role_score(roles[c], cells[c]) for c in keyed)
    if base == 2 * len(keyed):
        return None  # nothing can fit better
    if n > _EXHAUSTIVE and len(keyed) > _MAX_KEYED:
        return None  # a wide row with a header too odd to guess from
    scores = {c: [_role_score(roles[c], cells[j]) for j in range(n)] for c in keyed}
    keyed_set = set(keyed)
    if n <= _EXHAUSTIVE:
        candidates = list(range(n))
    else:
        # A wide row: the cells of keyed columns, plus the first few cells of every other
        # column per score profile (same score, same moves; only the tie-break between
        # equals may differ from an exhaustive search).
        profiles: dict[tuple[int, ...], list[int]] = {}
        for j in range(n):
            if j in keyed_set:
                continue
            profile = tuple(scores[c][j] for c in keyed)
            if any(profile):
                bucket = profiles.setdefault(profile, [])
                if len(bucket) < len(keyed):
                    bucket.append(j)
        candidates = sorted(keyed_set.union(*profiles.values()))
    best_key: tuple | None = None
    best: list[int] | None = None
    for choice in itertools.permutations(candidates, len(keyed)):
        s = sum(scores[c][j] for c, j in zip(keyed, choice))
        if s <= base:
            continue
        perm = _complete(n, keyed, choice)
        key = (-s, _moved(tuple(perm)), perm)
        if best_key is None or key < best_key:
            best_key, best = key, perm
    return best


#: Wide rows with more code/status columns than this are left as written.
_MAX_KEYED = 4
#: Rows up to this wide consider every cell for the code/status columns.
_EXHAUSTIVE = 8


def _complete(n: int, keyed: list[int], choice: tuple[int, ...]) -> list[int]:
    """The permutation placing ``choice`` in the ``keyed`` columns and moving fewest others.

    Columns whose own cell was taken receive, in order, the cells of keyed columns left
    unused; every other column keeps its own cell.
    """
    perm = list(range(n))
    for c, j in zip(keyed, choice):
        perm[c] = j
    used = set(choice)
    keyed_set = set(keyed)
    free = sorted(c for c in keyed if c not in used)
    taken = sorted(j for j in choice if j not in keyed_set)
    for col, cell in zip(taken, free):
        perm[col] = cell
    return perm


def _moved(perm: tuple[int, ...]) -> int:
    return sum(1 for i, p in enumerate(perm) if i != p)


# --------------------------------------------------------------------------- titles

_NUMBERING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*(?:[.、)）]\s*|\s+)|[一二三四五六七八九十]+、\s*)(?=\S)")


def clean_title(text: str) -> str:
    """Section title without ``#``, bold markers and leading numbering (``1 ``, ``2.1 ``)."""
    s = text.strip()
    s = re.sub(r"^#+\s*", "", s)
    s = re.sub(r"\s*#+$", "", s)
    s = clean_cell(s)
    s = s.strip().rstrip(":：").strip()
    m = _NUMBERING.match(s)
    if m:
        s = s[m.end():].strip()
    return s


_SENTENCE_END = re.compile(r"[。.：:；;，,!?！？]$")


def looks_like_title(line: str) -> bool:
    """A plain (non-markdown) line that can be a table title: short, not a sentence."""
    s = clean_cell(line).strip()
    if not s or "|" in s:
        return False
    if _SENTENCE_END.search(s):
        return False
    return len(s) <= 60


# --------------------------------------------------------------------------- text prep

# Characters a cp1252 (or latin-1) decoder produces for bytes 0x80..0xFF.
_CP1252_HIGH: dict[str, int] = {}
for _b in range(0x80, 0x100):
    try:
        _ch = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:
        _ch = chr(_b)  # undefined in cp1252: decoders pass them through as C1 controls
    _CP1252_HIGH[_ch] = _b
for _b in (0x81, 0x8D, 0x8F, 0x90, 0x9D):
    _CP1252_HIGH.setdefault(chr(_b), _b)

_MOJIBAKE_RUN = re.compile("[" + re.escape("".join(_CP1252_HIGH)) + "]{2,}")


def _utf8_len(lead: int) -> int:
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _repair_run(run: str) -> str:
    data = [_CP1252_HIGH[c] for c in run]
    out: list[str] = []
    i = 0
    while i < len(data):
        n = _utf8_len(data[i])
        if n and i + n <= len(data):
            try:
                out.append(bytes(data[i : i + n]).decode("utf-8"))
                i += n
                continue
            except UnicodeDecodeError:
                pass
        out.append(run[i])
        i += 1
    return "".join(out)


def repair_mojibake(line: str) -> tuple[str, list[tuple[str, str]]]:
    """Repair runs of UTF-8 that were read as cp1252 (``â€™`` -> ``’``).

    Only runs that decode as UTF-8 are changed. Returns the line and (old, new) pairs.
    """
    changes: list[tuple[str, str]] = []

    def fix(m: re.Match[str]) -> str:
        old = m.group(0)
        new = _repair_run(old)
        if new != old:
            changes.append((old, new))
        return new

    fixed = _MOJIBAKE_RUN.sub(fix, line)
    return fixed, changes


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF or CR; drop a leading BOM."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return re.split(r"\r\n|\r|\n", text)


def prepare_lines(text: str, path: str) -> tuple[list[str], list[Problem]]:
    """Lines of ``text`` (1-based line i is ``lines[i-1]``) with mojibake repaired."""
    lines = split_lines(text)
    warnings: list[Problem] = []
    for i, line in enumerate(lines):
        fixed, changes = repair_mojibake(line)
        if changes:
            lines[i] = fixed
            desc = ", ".join(f"{old!r} -> {new!r}" for old, new in changes)
            warnings.append(
                Problem(
                    path,
                    i + 1,
                    line.index(changes[0][0]) + 1,
                    f"repaired mojibake (UTF-8 read as cp1252): {desc}",
                    level="warning",
                )
            )
    return lines, warnings


def warn(path: str, line: int, column: int, message: str) -> Problem:
    return Problem(path, line, column, message, level="warning")


_CJK = re.compile(f"[{CJK_LETTERS}{CJK_MARKS}]")


def guess_language(text: str) -> str:
    """"zh" when CJK characters make up a noticeable share of the letters, else "en"."""
    cjk = len(_CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if cjk == 0:
        return "en"
    # a CJK character carries about a word's worth of meaning; weigh accordingly
    return "zh" if cjk * 3 >= latin * 0.5 else "en"
