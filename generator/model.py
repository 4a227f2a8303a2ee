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


@dataclass(frozen=True)
class Link:
    """A link written in a guide; ``image`` links point at pictures, shown as links, never loaded."""

    text: str
    url: str
    image: bool = False


@dataclass
class GuideStep:
    """One step of a troubleshooting case: its text (inline markdown as written upstream), the
    number it carries (None for a step written as plain prose or a bullet), and what hangs under it:
    branches ("If so… / If not…", sub-steps), notes (``>`` blocks), commands (code blocks)."""

    text: str
    line: int
    number: int | None = None
    branches: list["GuideStep"] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # prose written under the step, after its text


@dataclass
class GuideCase:
    """One case of a troubleshooting guide: the response it answers (code, message, HTTP status;
    any may be missing) and what to do about it.

    Attributes:
        title: the case's heading (or, on a one-case page, its symptom) as plain text.
        anchor: the anchor upstream gave the case (``<span id>``), if any.
        line: 1-based line of the case's heading.
    """

    title: str
    code: str | None
    message: str | None
    status: int | None
    line: int
    anchor: str | None = None
    causes: list[str] = field(default_factory=list)
    steps: list[GuideStep] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The case as ``errdocs import --json`` prints it (``steps``: top-level steps)."""
        return {"title": self.title, "code": self.code, "message": self.message, "status": self.status,
                "line": self.line, "steps": len(self.steps)}


@dataclass
class ImportResult:
    """What an importer returns for one file: its revision, rows and warnings (and, for a
    troubleshooting guide, its cases instead of rows)."""

    revision: Revision
    rows: list[Row]
    warnings: list[Problem] = field(default_factory=list)
    cases: list[GuideCase] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        if self.revision.format == "guide":
            # issue 15's contract: a guide has cases, no rows; warnings go to stderr only
            return {"revision": self.revision.as_dict(), "rows": [],
                    "cases": [case.summary() for case in self.cases]}
        return {
            "revision": self.revision.as_dict(),
            "rows": [row.as_dict() for row in self.rows],
            "warnings": [w.as_dict() for w in self.warnings],
        }
