"""The text-list reader: error codes written one per line as plain text.

The COS V4 call/SDK pages list their codes without tables: ``-1 指定的上传文件不存在`` or
``-99 ERROR_PROXY_GET_CONFIG proxy读取配置失败`` (a code, an optional name, the text), under
markdown headings that name the sections. Some lines are odd: a name written before its code
(``_SUCCESS 0 成功``), a list item whose code was lost (``- 参数错误``). In a section that lists
codes, a line that looks like a row but cannot be read is a warning; prose is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Problem, Row
from .common import clean_cell, clean_title, warn

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*\S")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+)\1\s*:?\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")

_CODE = r"[-−－]?\d+"
# a word of ASCII letters, digits and underscores with at least one letter or underscore; the
# lookahead keeps a long unbroken word from backtracking quadratically
_NAME = r"(?=[A-Za-z0-9_]*[A-Za-z_])[A-Za-z0-9_]+"
# code, then an optional separator, then the rest of the line
_CODE_FIRST = re.compile(rf"^(?P<code>{_CODE})(?:\s*[:：]\s*|\s+|$)(?P<rest>.*)$")
_NAME_FIRST = re.compile(rf"^(?P<name>{_NAME})\s+(?P<code>{_CODE})(?:\s*[:：]\s*|\s+|$)(?P<text>.*)$")
_LEADING_NAME = re.compile(rf"^(?P<name>{_NAME})(?:\s+|$)(?P<text>.*)$")
_BULLET = re.compile(r"^(?:[-*+•]|\d{1,2}[.)、])\s+")
_CODE_BULLET = re.compile(r"^[-*+•]\s+(?=[-−－]?\d)")
_STARTS_LIKE_ROW = re.compile(r"^(?:[-−－*+•]|\d)")
_CAMEL = re.compile(r"[a-z][A-Z]")

#: Code lines a page needs before it is read as a text list.
MIN_CODE_LINES = 3


@dataclass
class _Line:
    """One readable list line: its code, its name if any, its text, and how it was written."""

    code: str
    name: str
    text: str
    name_first: bool = False


def _is_strong_name(token: str) -> bool:
    """Certainly a name, whatever the page: ``ERROR_PROXY_GET_CONFIG``, ``ErrDecodeReq``."""
    return "_" in token or (token[:1].isupper() and len(_CAMEL.findall(token)) >= 1 and not token.isupper())


def _is_weak_name(token: str) -> bool:
    """A name on a page whose rows carry names: ``SUCCESS``, ``UNKOWN``, ``2RSP`` (not ``http``)."""
    return _is_strong_name(token) or (token.upper() == token and any(c.isalpha() for c in token))


def _split_name(rest: str, names_common: bool) -> tuple[str, str]:
    """(name, text) of what follows a code; the name only when the first token is one."""
    m = _LEADING_NAME.match(rest)
    if m:
        token = m.group("name")
        if _is_strong_name(token) or (names_common and _is_weak_name(token)):
            return token, m.group("text").strip()
    return "", rest.strip()


def parse_line(text: str, names_common: bool) -> _Line | None:
    """The list line ``text`` (already cleaned of markup), or None when it is no code line."""
    s = _CODE_BULLET.sub("", text, count=1)
    m = _CODE_FIRST.match(s)
    if m:
        name, rest = _split_name(m.group("rest"), names_common)
        return _Line(m.group("code"), name, rest)
    m = _NAME_FIRST.match(s)
    if m and _is_strong_name(m.group("name")):
        return _Line(m.group("code"), m.group("name"), m.group("text").strip(), name_first=True)
    return None


def _clean(line: str) -> str:
    return clean_cell(line).replace("\n", " ").strip()


def _is_heading(line: str) -> bool:
    return bool(_HEADING.match(line) or _BOLD_LINE.match(line))


def _names_common(lines: list[str]) -> bool:
    """True when at least half the code lines of the page give a name (decides ``SUCCESS``)."""
    parsed = [p for p in (parse_line(_clean(x), False) for x in lines if x.strip()) if p]
    return bool(parsed) and 2 * sum(1 for p in parsed if p.name) >= len(parsed)


def has_text_list(lines: list[str]) -> bool:
    """At least ``MIN_CODE_LINES`` code lines, making up at least half the page's text lines.

    The share keeps out prose that mentions a few codes at the start of its lines (a
    troubleshooting guide: ``403 is returned when ...``).
    """
    codes = text = 0
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and line.strip() and not _is_heading(line):
            text += 1
            codes += parse_line(_clean(line), True) is not None
    return codes >= MIN_CODE_LINES and 2 * codes >= text


def _sections(lines: list[str]) -> list[tuple[str, list[int]]]:
    """(title, line indexes) per section; code fences belong to no section."""
    out: list[tuple[str, list[int]]] = [("", [])]
    in_fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or not line.strip():
            continue
        if _is_heading(line):
            out.append((clean_title(line), []))
        else:
            out[-1][1].append(i)
    return out


def read_textlist(lines: list[str], path: str, revision_id: str) -> tuple[list[Row], list[Problem]]:
    """Rows of every code line, by section; warnings for row-like lines that cannot be read."""
    names_common = _names_common(lines)
    rows: list[Row] = []
    warnings: list[Problem] = []
    section_counts: dict[str, int] = {}
    for title, indexes in _sections(lines):
        parsed = {i: parse_line(_clean(lines[i]), names_common) for i in indexes}
        listing = any(parsed.values())  # else prose: a note, an introduction
        for i in indexes:
            item = parsed[i]
            if item is None:
                _warn_unread(lines[i], i + 1, path, listing, warnings)
                continue
            row = _row(item, i + 1, title, path, revision_id, warnings)
            row.index = section_counts.get(title, 0)
            section_counts[title] = row.index + 1
            rows.append(row)
    return rows, warnings


def _warn_unread(line: str, lineno: int, path: str, listing: bool, warnings: list[Problem]) -> None:
    """Report a list item without a code anywhere, and in a section of codes (``listing``) any
    line that starts like a row (a digit, a dash, a name)."""
    s = _clean(line)
    column = len(line) - len(line.lstrip()) + 1
    if _BULLET.match(s):
        warnings.append(warn(path, lineno, column, f"list line has no error code: {s!r}"))
    elif listing and (_STARTS_LIKE_ROW.match(s) or (_LEADING_NAME.match(s) and _is_strong_name(s.split()[0]))):
        warnings.append(warn(path, lineno, column, f"line cannot be read as an error code: {s!r}"))


def _row(item: _Line, lineno: int, section: str, path: str, revision_id: str, warnings: list[Problem]) -> Row:
    if item.name_first:
        warnings.append(
            warn(path, lineno, 1, f"name written before its code; read as code {item.code!r}, name {item.name!r}")
        )
    if not item.name and not item.text:
        warnings.append(warn(path, lineno, 1, f"code {item.code!r} has neither name nor text"))
    texts = {}
    if item.name:
        texts["name"] = item.name
    if item.text:
        texts["description"] = item.text
    return Row(
        revision=revision_id,
        section=section,
        code=item.code,
        status=None,
        status_text=None,
        texts=texts,
        line=lineno,
    )
