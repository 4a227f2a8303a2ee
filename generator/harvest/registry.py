"""The page registry ``source/pages.yaml``: which upstream files are revisions of which page."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Problem
from ..schema import ID_PATTERN, LANGUAGES, ListOf, Nested, String, Where, validate
from ..yamlio import display_path, load_yaml, read_yaml_text, value_position

KINDS = ("codes", "guide")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REPOSITORY = re.compile(r"^[\w.-]+/[\w.-]+$")


class FileRuleSchema:
    """Where one edition and language of a page lives in one repository."""

    edition = String(required=True, choices=("cn", "intl"))
    """``cn`` mainland site or ``intl`` international site."""
    language = String(required=True, choices=LANGUAGES)
    """Language of the page."""
    repository = String(required=True, pattern=_REPOSITORY, hint="expected owner/name")
    """Upstream repository (owner/name)."""
    path = String(required=True)
    """Regular expression the whole path must match."""
    since = String(pattern=_DATE, hint="expected YYYY-MM-DD")
    """First author date (inclusive) the rule applies to."""
    until = String(pattern=_DATE, hint="expected YYYY-MM-DD")
    """Author date (exclusive) from which the rule no longer applies."""


class PageSchema:
    """One logical upstream page."""

    id = String(required=True, pattern=ID_PATTERN, hint="a page id such as cos-errors")
    """Page id, the first part of its revisions' ids."""
    kind = String(required=True, choices=KINDS)
    """``codes`` pages are imported into rows; ``guide`` pages (troubleshooting) into cases."""
    title = String(required=True)
    """What the page is, for people."""
    files = ListOf(Nested(FileRuleSchema), required=True)
    """Path rules, per edition and language."""


class BackupSchema:
    """Paths that hold copies, not pages."""

    repository = String(pattern=_REPOSITORY, hint="expected owner/name")
    """Only in this repository (all when omitted)."""
    path = String(required=True)
    """Regular expression searched in the path."""
    reason = String(required=True)
    """Why these files are not pages."""


class PagesFileSchema:
    pages = ListOf(Nested(PageSchema), required=True)
    """Registered pages."""
    backups = ListOf(Nested(BackupSchema))
    """Backup copies to ignore."""


@dataclass(frozen=True)
class FileRule:
    page: str
    kind: str
    edition: str
    language: str
    repository: str
    path: re.Pattern
    since: str | None
    until: str | None

    def matches(self, repository: str, path: str, date: str) -> bool:
        return (repository == self.repository and self.path.fullmatch(path) is not None
                and (self.since is None or date >= self.since) and (self.until is None or date < self.until))


@dataclass(frozen=True)
class Backup:
    repository: str | None
    path: re.Pattern


@dataclass(frozen=True)
class PageRegistry:
    """Rules read from ``pages.yaml``; ``digest`` changes whenever the file does."""

    rules: tuple[FileRule, ...]
    backups: tuple[Backup, ...]
    digest: str

    def classify(self, repository: str, path: str, date: str) -> FileRule | None:
        """The rule a file falls under, or None for backups and unrelated files.

        Raises:
            ValueError: when two rules of different pages claim the path.
        """
        if any((b.repository in (None, repository)) and b.path.search(path) for b in self.backups):
            return None
        found = [r for r in self.rules if r.matches(repository, path, date)]
        if len({(r.page, r.edition, r.language) for r in found}) > 1:
            raise ValueError(f"{repository}:{path} ({date}) matches several pages: "
                             f"{', '.join(sorted({r.page for r in found}))}")
        return found[0] if found else None

    def repositories(self) -> set[str]:
        return {r.repository for r in self.rules}


def load_pages(source: Path | str) -> PageRegistry:
    """Read ``<source>/pages.yaml``.

    Raises:
        InputError: every problem found (schema, bad regular expressions), located.
    """
    path = Path(source) / "pages.yaml"
    shown = display_path(path)
    node = load_yaml(path, shown)
    problems: list[Problem] = []
    data = validate(PagesFileSchema, node, Where(shown), problems) or {}
    rules, seen = [], set()
    for i, page in enumerate(data.get("pages", [])):
        raw = node["pages"][i]
        if page.get("id") in seen:
            problems.append(Problem(shown, *value_position(raw, "id"), f"page id {page['id']!r} is listed twice"))
        seen.add(page.get("id"))
        for j, rule in enumerate(page.get("files", [])):
            pattern = _compile(rule.get("path"), shown, raw["files"][j], problems)
            if pattern is not None and "id" in page and "kind" in page:
                rules.append(FileRule(page["id"], page["kind"], rule["edition"], rule["language"],
                                      rule["repository"], pattern, rule.get("since"), rule.get("until")))
    backups = []
    for i, item in enumerate(data.get("backups", []) or []):
        pattern = _compile(item.get("path"), shown, node["backups"][i], problems)
        if pattern is not None:
            backups.append(Backup(item.get("repository"), pattern))
    if problems:
        raise InputError(problems)
    digest = hashlib.sha1(read_yaml_text(path, shown).encode()).hexdigest()
    return PageRegistry(tuple(rules), tuple(backups), digest)


def _compile(text: str | None, shown: str, raw, problems: list[Problem]) -> re.Pattern | None:
    if text is None:
        return None
    try:
        return re.compile(text)
    except re.error as exc:
        problems.append(Problem(shown, *value_position(raw, "path"), f"invalid regular expression: {exc}"))
        return None
