"""The pipe-table reader: error-code tables in markdown pages."""

from __future__ import annotations

import re

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
    looks_like_identifier,
    looks_like_title,
    parse_status,
    warn,
)

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*\S")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+)\1\s*:?\s*$")
_SEPARATOR_CELL = re.compile(r"^:?-{1,}:?$")


def split_cells(line: str) -> tuple[list[str], bool, bool]:
    """Cells of a pipe-table line (raw, unstripped text), and whether outer pipes were there.

    Pipes escaped as ``\\|`` do not split.
    """
    s = line.strip()
    parts = re.split(r"(?<!\\)\|", s)
    lead = s.startswith("|")
    trail = s.endswith("|") and not s.endswith("\\|")
    if lead:
        parts = parts[1:]
    if trail and parts:
        parts = parts[:-1]
    return [p.replace("\\|", "|") for p in parts], lead, trail


def is_separator(line: str) -> bool:
    if "-" not in line:
        return False
    cells, _, _ = split_cells(line)
    cells = [c.strip() for c in cells]
    # a stray trailing cell after the last pipe may be empty
    while cells and cells[-1] == "":
        cells.pop()
    return bool(cells) and all(_SEPARATOR_CELL.match(c) for c in cells)


def is_table_line(line: str) -> bool:
    return "|" in line and line.strip() != ""


def find_tables(lines: list[str]) -> list[tuple[int, int]]:
    """(header index, end index exclusive) of every pipe table outside code fences."""
    tables = []
    in_fence = False
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if _FENCE.match(line):
            in_fence = not in_fence
            i += 1
            continue
        if in_fence:
            i += 1
            continue
        if is_table_line(line) and i + 1 < n and is_separator(lines[i + 1]):
            j = i + 2
            while j < n and not _FENCE.match(lines[j]):
                if is_table_line(lines[j]):
                    j += 1
                    continue
                # A stray non-pipe line with table lines right after it stays in the table
                # (and is reported as unreadable) rather than silently cutting it short.
                if (
                    lines[j].strip()
                    and not _HEADING.match(lines[j])
                    and j + 1 < n
                    and is_table_line(lines[j + 1])
                    and not (j + 2 < n and is_separator(lines[j + 2]))
                ):
                    j += 1
                    continue
                break
            tables.append((i, j))
            i = j
            continue
        i += 1
    return tables


def has_pipe_table(lines: list[str]) -> bool:
    return bool(find_tables(lines))


def _title_above(lines: list[str], header: int, floor: int, headings: list[int] | None = None) -> str:
    """Nearest heading above line index ``header`` (not above ``floor``).

    Markdown headings and bold lines count wherever they are; a plain line counts when it
    is the first non-blank line above the table and reads like a title.

    ``headings`` (from ``_heading_index``) gives, per line index, the nearest heading or
    bold line at or above it outside code fences, so that many tables do not each scan
    the page back to its start.
    """
    if headings is None:
        headings = _heading_index(lines)
    k = header - 1
    while k >= floor and not lines[k].strip():
        k -= 1
    if k < floor:
        return ""
    line = lines[k]
    if not _FENCE.match(line):
        # a table is outside any fence, so is the first non-blank line above it
        if _HEADING.match(line) or _BOLD_LINE.match(line):
            return clean_title(line)
        if not is_table_line(line) and looks_like_title(line):
            return clean_title(line)
    found = headings[k]
    return clean_title(lines[found]) if found >= floor else ""


def _heading_index(lines: list[str]) -> list[int]:
    """Per line index: the nearest heading or bold line at or above it outside code fences (-1: none)."""
    out: list[int] = []
    last = -1
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and line.strip() and (_HEADING.match(line) or _BOLD_LINE.match(line)):
            last = len(out)
        out.append(last)
    return out


def read_markdown(lines: list[str], path: str, revision_id: str) -> tuple[list[Row], list[Problem]]:
    rows: list[Row] = []
    warnings: list[Problem] = []
    section_counts: dict[str, int] = {}
    headings: list[int] | None = None
    for start, end in find_tables(lines):
        header_cells, _, _ = split_cells(lines[start])
        header = classify_header(header_cells)
        if not header.is_error_table:
            if not header.is_node_table:
                warnings.append(
                    warn(path, start + 1, 1, "table skipped: its header has no error-code column")
                )
            continue
        if headings is None:
            headings = _heading_index(lines)
        section = _title_above(lines, start, 0, headings)
        header = _numeric_codes_in_status_column(lines, start, end, header_cells, header, path, warnings)
        _warn_unread_columns(lines, start, end, header_cells, header, path, warnings)
        for k in range(start + 2, end):
            row = _read_row(lines[k], k + 1, header, path, revision_id, section, warnings)
            if row is None:
                continue
            row.index = section_counts.get(section, 0)
            section_counts[section] = row.index + 1
            rows.append(row)
    return rows, warnings


def _body_cells(lines: list[str], start: int, end: int) -> list[list[str]]:
    return [[clean_cell(c) for c in split_cells(lines[k])[0]] for k in range(start + 2, end) if not is_separator(lines[k])]


def _column_at(line: str, cells: list[str], col: int) -> int:
    """1-based column of header cell ``col`` in ``line``."""
    found = line.find(cells[col].strip()) if cells[col].strip() else -1
    return found + 1 if found >= 0 else 1


def _warn_unread_columns(lines, start, end, header_cells, header, path, warnings) -> None:
    """A column of an error table whose header names no kind of text is reported once, if it holds text."""
    if None not in header.kinds:
        return
    body = _body_cells(lines, start, end)
    for col, kind in enumerate(header.kinds):
        if kind is not None or not any(len(row) > col and not is_empty_cell(row[col]) for row in body):
            continue
        title = clean_cell(header_cells[col])
        what = f"column {title!r}" if title else f"column {col + 1} (no header)"
        warnings.append(
            warn(path, start + 1, _column_at(lines[start], header_cells, col), f"{what} not read: its header names no kind of text")
        )


_BARE_NUMBER = re.compile(r"^\d+$")


def _numeric_codes_in_status_column(lines, start, end, header_cells, header, path, warnings) -> Header:
    """Read a status column holding numbers that are no HTTP status as the code, the code column as the name.

    The first COS SDK client code page wrote ``|InvalidArgument|参数校验失败|10000|`` under
    ``错误码 | 描述 | 状态码``; its later revisions put 10000 under 错误码 and the name beside it.
    """
    status, code = header.index_of(STATUS), header.index_of(CODE)
    if status is None or code is None or "name" in header.kinds:
        return header
    first = split_cells(lines[start + 2])[0] if start + 2 < end else []
    if len(first) <= status or not _BARE_NUMBER.match(clean_cell(first[status])):
        return header  # the usual table: no need to look at every row
    body = [row for row in _body_cells(lines, start, end) if len(row) > max(status, code)]
    numbers = [row[status] for row in body]
    if len(body) < 2 or not all(_BARE_NUMBER.match(n) and parse_status(n) is None for n in numbers):
        return header
    if not all(looks_like_identifier(row[code]) for row in body):
        return header
    kinds = list(header.kinds)
    kinds[status], kinds[code] = CODE, "name"
    warnings.append(
        warn(
            path,
            start + 1,
            _column_at(lines[start], header_cells, status),
            f"column {clean_cell(header_cells[status])!r} holds numbers that are no HTTP status "
            f"({', '.join(numbers[:3])}, ...): read as the error code, "
            f"and column {clean_cell(header_cells[code])!r} as its name",
        )
    )
    return Header(kinds)


def _join_quoted(raw: list[str], ncols: int) -> tuple[list[str], bool]:
    """Cells of a row where a quoted cell (``"a|b"``, a spreadsheet export) was split at a pipe."""
    out: list[str] = []
    i = 0
    joined = False
    while i < len(raw):
        cell = raw[i].strip()
        if cell.startswith('"') and not (len(cell) > 1 and cell.endswith('"')):
            j = next((j for j in range(i + 1, len(raw)) if raw[j].strip().endswith('"')), None)
            if j is not None:
                out.append("|".join(c.strip() for c in raw[i : j + 1])[1:-1])
                i = j + 1
                joined = True
                continue
        out.append(raw[i])
        i += 1
    if not joined or len(out) > ncols:
        return raw, False
    return out, True


def _read_row(
    line: str,
    lineno: int,
    header: Header,
    path: str,
    revision_id: str,
    section: str,
    warnings: list[Problem],
) -> Row | None:
    raw, lead, trail = split_cells(line)
    ncols = len(header.kinds)
    if len(raw) > ncols:
        raw, joined = _join_quoted(raw, ncols)
        if joined:
            warnings.append(warn(path, lineno, 1, "a quoted cell held a pipe; read as one cell"))
    cells = [clean_cell(c) for c in raw]

    if is_separator(line):
        warnings.append(warn(path, lineno, 1, "table line cannot be read: separator row inside a table"))
        return None

    # Extra cells beyond the header: stray text after the last pipe, or empty cells.
    if len(cells) > ncols:
        extra = cells[ncols:]
        cells = cells[:ncols]
        stray = [c for c in extra if c.strip() not in ("", "-", "—", "–")]
        if stray:
            col = line.find(raw[ncols].strip()) + 1 if raw[ncols].strip() else 1
            warnings.append(
                warn(path, lineno, max(col, 1), f"text after the last column ignored: {' | '.join(stray)!r}")
            )

    nonempty = [c for c in cells if c]
    if len(nonempty) < 2 and ncols >= 2:
        warnings.append(
            warn(path, lineno, 1, f"table line cannot be read: {len(nonempty)} non-empty cell(s), header has {ncols}")
        )
        return None

    # Cells standing in another order than the header.
    perm = best_cell_order(header.kinds, cells)
    if perm is not None:
        reordered = list(cells)
        for col, src in enumerate(perm):
            reordered[col] = cells[src]
        moved = [
            f"{header.kinds[col] or 'column ' + str(col + 1)}={cells[src]!r}"
            for col, src in enumerate(perm)
            if col != src
        ]
        warnings.append(
            warn(path, lineno, 1, "cells in another order than the header; read as " + ", ".join(moved))
        )
        cells = reordered

    values: dict[str, str] = {}
    for col, kind in enumerate(header.kinds):
        if col >= len(cells) or kind is None or kind == "node":
            continue
        values.setdefault(kind, cells[col])

    missing = [k for k in header.kinds[len(cells):] if k]
    code = values.get(CODE, "")
    if not code:
        warnings.append(warn(path, lineno, 1, "table line cannot be read: the error-code cell is empty"))
        return None
    if missing:
        warnings.append(
            warn(path, lineno, 1, f"row has {len(cells)} of {ncols} cells; missing: {', '.join(missing)}")
        )

    status_text = None
    status = None
    if header.has_status:
        status_text = values.get(STATUS) or None
        status = parse_status(status_text)
    texts = {
        kind: values[kind]
        for kind in TEXT_KINDS
        if kind in values and not is_empty_cell(values[kind])
    }
    return Row(
        revision=revision_id,
        section=section,
        code=code,
        status=status,
        status_text=status_text,
        texts=texts,
        line=lineno,
    )
