"""The page-text reader: the text of a rendered documentation page, one table cell per line.

A table is a header block (two or more consecutive lines that are each a known column header
name) followed by its cells, one per line, until a blank line or the next table's title.
Everything else on the page (navigation chrome, prose, code samples) is ignored.
"""

from __future__ import annotations

import re
from http import HTTPStatus

from ..model import Problem, Row
from ..vocabulary import TEXT_KINDS, is_empty_cell
from .common import (
    CODE,
    STATUS,
    Header,
    best_cell_order,
    classify_header,
    clean_cell,
    clean_title,
    is_header_word,
    looks_like_identifier,
    looks_like_numeric_code,
    looks_like_status,
    parse_status,
    warn,
)

_SENTENCE_END = re.compile(r"[.。!?！？)）]$")
_REASON_WORD = re.compile(r"^[A-Z][A-Za-z-]*$")


def _header_block_at(lines: list[str], i: int) -> int:
    """End index (exclusive) of a header block starting at ``i``, or ``i`` when none."""
    j = i
    while j < len(lines) and lines[j].strip() and is_header_word(lines[j]):
        j += 1
    if j - i < 2:
        return i
    header = classify_header([lines[k] for k in range(i, j)])
    if header.is_error_table or header.is_node_table:
        return j
    return i


def find_header_blocks(lines: list[str]) -> list[tuple[int, int]]:
    blocks = []
    i = 0
    while i < len(lines):
        j = _header_block_at(lines, i)
        if j > i:
            blocks.append((i, j))
            i = j
        else:
            # A run of header words that is no table holds no table further down either
            # (each later start sees a part of the same run), so skip the run at once:
            # retrying from every line was quadratic in the run's length.
            k = i
            while k < len(lines) and lines[k].strip() and is_header_word(lines[k]):
                k += 1
            i = max(k, i + 1)
    return blocks


def has_header_block(lines: list[str]) -> bool:
    return bool(find_header_blocks(lines))


def _title_above(lines: list[str], start: int, floor: int) -> str:
    """The title of the table whose header block starts at ``start``.

    Skip blank lines upward, then take the first line of the paragraph found there (the
    line that stands after a blank line), never reaching into the previous table (``floor``).
    """
    k = start - 1
    while k >= floor and not lines[k].strip():
        k -= 1
    if k < floor:
        return ""
    while k - 1 >= floor and lines[k - 1].strip():
        k -= 1
    return clean_title(lines[k])


def _is_reason_phrase(status: int, text: str) -> bool:
    """``Failed Dependency`` after a bare ``424``: the rest of a status split over two lines."""
    s = text.strip()
    try:
        if HTTPStatus(status).phrase.lower() == s.lower():
            return True
    except ValueError:
        pass
    words = s.split()
    return len(words) >= 2 and all(_REASON_WORD.match(w) for w in words)


def read_pagetext(lines: list[str], path: str, revision_id: str) -> tuple[list[Row], list[Problem]]:
    rows: list[Row] = []
    warnings: list[Problem] = []
    section_counts: dict[str, int] = {}
    blocks = find_header_blocks(lines)
    block_starts = {b[0] for b in blocks}
    floor = 0
    for hstart, hend in blocks:
        header = classify_header([lines[k] for k in range(hstart, hend)])
        # body: until a blank line or the title line right above the next header block
        end = hend
        while end < len(lines) and lines[end].strip() and end not in block_starts and (end + 1) not in block_starts:
            end += 1
        title_floor, floor = floor, end
        if not header.is_error_table:
            continue
        section = _title_above(lines, hstart, title_floor)
        body = list(range(hend, end))
        for row in _read_table(lines, body, header, path, revision_id, section, warnings):
            row.index = section_counts.get(section, 0)
            section_counts[section] = row.index + 1
            rows.append(row)
    return rows, warnings


def _row_start_test(header: Header, body_lines: list[str]):
    """How a row's first line looks: a status, a numeric code or an identifier code.

    For code-first tables, the first line of the body that looks like a code decides.
    """
    if header.kinds[0] == STATUS:
        return lambda s: looks_like_status(s) and len(s) <= 60
    for line in body_lines:
        if looks_like_numeric_code(line):
            return looks_like_numeric_code
        if looks_like_identifier(line):
            return looks_like_identifier
    return looks_like_identifier


def _read_table(lines, body, header, path, revision_id, section, warnings):
    if not body:
        return []
    is_start = _row_start_test(header, [lines[k].strip() for k in body])
    starts = _with_catch_all_rows([k for k in body if is_start(lines[k].strip())], lines, body, len(header.kinds))
    if not starts:
        warnings.append(warn(path, body[0] + 1, 1, "table cannot be read: no line looks like a row's first cell"))
        return []
    for k in body:
        if k >= starts[0]:
            break
        warnings.append(warn(path, k + 1, 1, f"table line cannot be read: {lines[k].strip()!r}"))
    rows = []
    bounds = starts + [body[-1] + 1]
    for a, b in zip(bounds, bounds[1:]):
        cell_lines = [clean_cell(lines[k]) for k in range(a, b)]
        row = _build_row(cell_lines, a + 1, header, path, revision_id, section, warnings)
        if row is not None:
            rows.append(row)
    return rows


#: Words a code column uses for the catch-all row ("any other code").
_CATCH_ALL = {"other", "others", "其他", "其它", "其他错误"}


def _with_catch_all_rows(starts: list[int], lines: list[str], body: list[int], ncols: int) -> list[int]:
    """Add rows that start with a catch-all word where a new row may begin (a full row after the last)."""
    out: list[int] = []
    last = None
    for k in body:
        if k in starts or (last is not None and k - last >= ncols and lines[k].strip().lower() in _CATCH_ALL):
            out.append(k)
            last = k
    return out


def _build_row(cells, lineno, header, path, revision_id, section, warnings):
    kinds = header.kinds
    ncols = len(kinds)

    # A status split over two lines: "424" then "Failed Dependency".
    if kinds[0] == STATUS and len(cells) > ncols and re.fullmatch(r"\d{3}", cells[0]):
        if _is_reason_phrase(int(cells[0]), cells[1]):
            cells = [f"{cells[0]} {cells[1]}"] + cells[2:]

    variants: list[dict[str, str]] = []
    if "name" in kinds and kinds[0] == CODE:
        values, variants = _grouped(cells, kinds)
    else:
        if len(cells) > ncols:
            # cells spanning several lines: the extra lines belong to the last text cell
            last = max((i for i, k in enumerate(kinds) if k not in (CODE, STATUS, None)), default=ncols - 1)
            extra = cells[ncols:]
            cells = cells[:ncols]
            cells[last] = "\n".join([cells[last]] + extra)
        perm = best_cell_order(kinds, cells)
        if perm is not None:
            moved = [f"{kinds[c] or 'column ' + str(c + 1)}={cells[s]!r}" for c, s in enumerate(perm) if c != s]
            cells = [cells[s] for s in perm] + cells[len(perm):]
            warnings.append(warn(path, lineno, 1, "cells in another order than the header; read as " + ", ".join(moved)))
        values = {}
        for col, kind in enumerate(kinds):
            if col < len(cells) and kind and kind != "node":
                values.setdefault(kind, cells[col])
        missing = [k for k in kinds[len(cells):] if k]
        if missing:
            warnings.append(warn(path, lineno, 1, f"row has {len(cells)} of {ncols} cells; missing: {', '.join(missing)}"))

    code = values.get(CODE, "")
    if not code:
        warnings.append(warn(path, lineno, 1, "table line cannot be read: no error code"))
        return None
    status_text = values.get(STATUS) if STATUS in kinds else None
    texts = {
        k: values[k] for k in TEXT_KINDS if k in values and not is_empty_cell(values[k])
    }
    return Row(
        revision=revision_id,
        section=section,
        code=code,
        status=parse_status(status_text),
        status_text=status_text or None,
        texts=texts,
        line=lineno,
        variants=variants,
    )


def _grouped(cells: list[str], kinds: list[str | None]) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Rows where one code carries several name/message/description groups.

    The first group is read in header order; later groups start at a string code (name)
    or, without one, at a message; a description follows a message when it reads as a
    sentence. A lone line is a message variant.
    """
    values: dict[str, str] = {CODE: cells[0]}
    text_kinds = [k for k in kinds[1:] if k in ("name", "message", "description", "action")]
    rest = cells[1:]
    first = rest[: len(text_kinds)]
    for kind, cell in zip(text_kinds, first):
        values[kind] = cell
    groups: list[dict[str, str]] = []
    cur: dict[str, str] | None = None
    for line in rest[len(text_kinds):]:
        if cur is not None:
            if "name" in cur and "message" not in cur:
                cur["message"] = line
                continue
            if (
                "message" in cur
                and "description" not in cur
                and not looks_like_identifier(line)
                and ("name" in cur or _SENTENCE_END.search(line))
            ):
                cur["description"] = line
                continue
        cur = {"name": line} if looks_like_identifier(line) else {"message": line}
        groups.append(cur)
    return values, groups
