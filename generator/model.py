"""Plain data types shared by every stage: revisions, imported rows, problems.

Data flows one way: upstream snapshot -> importer -> ImportResult(rows) -> catalog
-> reconciliation -> rendering. These types carry no behaviour beyond formatting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

@dataclass(frozen=True)
class Revision:
    """One upstream page revision, as described in ``source/revisions.yaml``."""

    id: str
    page: str
    edition: str
    language: str
    date: str
    path: str
    format: str
    origin_path: str | None = None
    origin_commit: str | None = None
    notes: str | None = None
    origin_repository: str | None = None
    origin_blob: str | None = None

    def as_dict(self) -> dict[str, Any]:
        # origin_repository and origin_blob are left out: adding them would change every JSON
        # output that lists revisions (import --json, the site's catalog JSON), a decision for a release.
        return {
            "id": self.id,
            "page": self.page,
            "edition": self.edition,
            "language": self.language,
            "date": self.date,
            "path": self.path,
            "format": self.format,
            "origin": {"path": self.origin_path, "commit": self.origin_commit},
            "notes": self.notes,
        }


@dataclass(slots=True)
class Row:
    """One table row of one revision, as the importer read it.

    Attributes:
        revision: id of the revision the row belongs to.
        section: title of the table the row sits in (nearest heading above it).
        code: the code exactly as written upstream (stripped of markup).
        status: HTTP status number, or None where the table gives none.
        status_text: the status cell as written (``"412 Precondition"``), or None.
        texts: text by kind (see vocabulary.TEXT_KINDS); only kinds the table gives.
        variants: alternate name/message/description groups of the same code
            (content moderation lists several per numeric code).
        line: 1-based line of the row in the file.
        index: 0-based position of the row within its section.
    """

    revision: str
    section: str
    code: str
    status: int | None
    status_text: str | None
    texts: dict[str, str]
    line: int
    index: int = 0
    variants: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "section": self.section,
            "code": self.code,
            "status": self.status,
            "status_text": self.status_text,
            "texts": dict(self.texts),
            "line": self.line,
        }
        if self.variants:
            out["variants"] = [dict(v) for v in self.variants]
        return out


@dataclass(frozen=True)
class Problem:
    """A located finding: an error or a warning about a file position."""

    path: str
    line: int
    column: int
    message: str
    level: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        prefix = "" if self.level == "error" else "warning: "
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "level": self.level,
            "message": self.message,
        }


@dataclass
class ImportResult:
    """What an importer returns for one file: its revision, rows and warnings."""

    revision: Revision
    rows: list[Row]
    warnings: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "revision": self.revision.as_dict(),
            "rows": [row.as_dict() for row in self.rows],
            "warnings": [w.as_dict() for w in self.warnings],
        }
