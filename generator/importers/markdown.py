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
        for k in range(start + 2, end):
            row = _read_row(lines[k], k + 1, header, path, revision_id, section, warnings)
            if row is None:
                continue
            row.index = section_counts.get(section, 0)
            section_counts[section] = row.index + 1
            rows.append(row)
    return rows, warnings


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
    cells = [clean_cell(c) for c in raw]
    ncols = len(header.kinds)

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
