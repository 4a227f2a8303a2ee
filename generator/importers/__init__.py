"""Importers: turn one upstream snapshot (markdown page, page text or text list) into rows, or a
troubleshooting guide into cases.

API:
    detect_format(text) -> "markdown" | "pagetext" | "textlist" | "guide"
    import_text(text, revision) -> ImportResult
    import_file(path, revision=None) -> ImportResult
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..model import ImportResult, Problem, Revision
from .common import guess_language, prepare_lines, split_lines
from .guide import has_guide_shape, read_guide
from .markdown import has_pipe_table, read_markdown
from .pagetext import has_header_block, read_pagetext
from .textlist import has_text_list, read_textlist

__all__ = ["detect_format", "import_text", "import_file", "revision_from_path", "read_text_file"]

FORMATS = ("markdown", "pagetext", "textlist", "guide")

_NAME_RE = re.compile(
    r"^(?P<page>[A-Za-z0-9_-]+)\.(?P<edition>[A-Za-z0-9_-]+)\.(?P<language>[A-Za-z]{2,3}(?:-[A-Za-z]+)?)"
    r"\.(?P<date>\d{4}-\d{2}-\d{2})\.(?P<ext>[A-Za-z0-9]+)$"
)


def detect_format(text: str) -> str:
    """"pagetext" when the text has no pipe tables but has page-text header blocks;
    "textlist" when it has neither but lists codes one per line (``-1 参数错误``); "guide" for a
    troubleshooting page without tables (a symptom heading opens it)."""
    lines = split_lines(text)
    if has_pipe_table(lines):
        return "markdown"
    if has_guide_shape(lines):
        return "guide"
    if has_header_block(lines):
        return "pagetext"
    if has_text_list(lines):
        return "textlist"
    return "markdown"


def import_text(text: str, revision: Revision) -> ImportResult:
    """Read every error-code table of ``text`` (every case of a guide); warnings name ``revision.path``."""
    path = revision.path
    lines, warnings = prepare_lines(text, path)
    fmt = revision.format if revision.format in FORMATS else detect_format(text)
    if fmt == "guide":
        cases, more = read_guide(lines, path)
        warnings.extend(more)
        warnings.sort(key=lambda p: (p.line, p.column))
        return ImportResult(revision=revision, rows=[], warnings=warnings, cases=cases)
    if fmt == "pagetext":
        rows, more = read_pagetext(lines, path, revision.id)
    elif fmt == "textlist":
        rows, more = read_textlist(lines, path, revision.id)
    else:
        rows, more = read_markdown(lines, path, revision.id)
    warnings.extend(more)
    warnings.sort(key=lambda p: (p.line, p.column))
    return ImportResult(revision=revision, rows=rows, warnings=warnings)


def read_text_file(path: str | Path) -> tuple[str, list[Problem]]:
    """Decode a snapshot: UTF-8 (BOM stripped); invalid UTF-8 is replaced with a warning.

    Raises InputError for binary files (NUL bytes).
    """
    p = Path(path)
    data = p.read_bytes()
    if b"\x00" in data:
        raise InputError([Problem(str(path), 1, 1, "not a text file (contains NUL bytes)")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        line = data[: exc.start].count(b"\n") + 1
        return text, [
            Problem(
                str(path),
                1,
                1,
                f"not valid UTF-8 (first bad byte on line {line}); undecodable bytes replaced with U+FFFD",
                level="warning",
            )
        ]


def revision_from_path(path: str | Path, text: str = "", fmt: str | None = None) -> Revision:
    """A Revision derived from a file name ``<page>.<edition>.<language>.<date>.<ext>``."""
    p = Path(path)
    fmt = fmt or detect_format(text)
    m = _NAME_RE.match(p.name)
    if m:
        return Revision(
            id=p.name[: -(len(m.group("ext")) + 1)],
            page=m.group("page"),
            edition=m.group("edition"),
            language=m.group("language"),
            date=m.group("date"),
            path=str(path),
            format=fmt,
        )
    return Revision(
        id=p.stem,
        page="unknown",
        edition="unknown",
        language=guess_language(text),
        date="unknown",
        path=str(path),
        format=fmt,
    )


def import_file(path: str | Path, revision: Revision | None = None) -> ImportResult:
    """Import one snapshot file. Without ``revision``, one is derived from the file name.

    Warnings name ``path`` as given (not ``revision.path``).
    """
    text, warnings = read_text_file(path)
    if revision is None:
        revision = revision_from_path(path, text)
    result = import_text(text, replace(revision, path=str(path)))
    result.revision = revision
    result.warnings = warnings + result.warnings
    return result
