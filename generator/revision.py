"""The registry of upstream revisions: ``source/revisions.yaml``."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .errors import InputError
from .importers import FORMATS
from .model import Problem, Revision
from .schema import ID_PATTERN, Nested, ListOf, String, Where, validate
from .vocabulary import LANGUAGES
from .fastyaml import load_yaml_fast
from .yamlio import FileCache, display_path, value_position

#: ``.2``, ``.3``... after the date: a later revision of the same page, edition and language that day.
REVISION_ID = re.compile(r"^[a-z0-9-]+\.[a-z0-9-]+\.(en|zh)\.\d{4}-\d{2}-\d{2}(\.[1-9][0-9]*)?$")


def blob_id(data: bytes) -> str:
    """The git blob id of ``data`` (what ``git hash-object`` prints): a snapshot's identity upstream."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class OriginSchema:
    """Where the snapshot was taken from."""

    repository = String()
    """Source repository (owner/name), when the page came from one."""
    path = String(required=True)
    """Path of the page in that repository, or a description of the source."""
    commit = String()
    """Commit the snapshot was taken at."""
    blob = String(pattern=re.compile(r"^[0-9a-f]{40}$"), hint="expected the 40-hex git blob id of the file")
    """Git blob id of the snapshot's bytes: what ``harvest`` matches upstream and restores a missing file from."""


class RevisionSchema:
    """One registered snapshot."""

    id = String(required=True, pattern=REVISION_ID, hint="expected <page>.<edition>.<en|zh>.<YYYY-MM-DD>")
    """Stable, readable id: ``cos-errors.intl.en.2019-10-23``."""
    page = String(required=True, pattern=ID_PATTERN, hint="a page id such as cos-errors")
    """Which upstream page this is a revision of."""
    edition = String(required=True, choices=("cn", "intl"))
    """``cn`` mainland site or ``intl`` international site."""
    language = String(required=True, choices=LANGUAGES)
    """Language of the page."""
    date = String(required=True, pattern=re.compile(r"^\d{4}-\d{2}-\d{2}$"), hint="expected YYYY-MM-DD")
    """Commit date of the revision (or the page's last-updated date)."""
    file = String(required=True)
    """Snapshot path, relative to ``source/``."""
    format = String(required=True, choices=FORMATS)
    """Importer that reads it."""
    origin = Nested(OriginSchema, required=True)
    """Where it came from."""
    notes = String()
    """Anything a maintainer should know about the snapshot."""


class RevisionsFileSchema:
    revisions = ListOf(Nested(RevisionSchema), required=True)
    """Registered revisions."""


def load_revisions(source: Path | str, require_files: bool = True,
                   cache: FileCache | None = None) -> list[Revision]:
    """Read ``<source>/revisions.yaml``; ids unique, fields consistent with the id, files present.

    Args:
        require_files: a missing snapshot is an error (``harvest`` passes False: it restores them).
        cache: (``mkdocs serve``) the parsed file kept while it is unchanged.

    Raises:
        InputError: every problem found, located.
    """
    root = Path(source)
    shown = display_path(root / "revisions.yaml")
    path = root / "revisions.yaml"
    node = load_yaml_fast(path, shown) if cache is None else \
        cache.get("yaml", path, lambda: load_yaml_fast(path, shown), shown)
    problems: list[Problem] = []
    data = validate(RevisionsFileSchema, node, Where(shown), problems) or {}
    out, seen = [], set()
    for i, item in enumerate(data.get("revisions", [])):
        raw = node["revisions"][i]
        if "id" not in item:
            continue
        if item["id"] in seen:
            problems.append(Problem(shown, *value_position(raw, "id"), f"revision id {item['id']!r} is listed twice"))
            continue
        seen.add(item["id"])
        parts = item["id"].split(".")
        for key, expected in zip(("page", "edition", "language", "date"), parts):
            if key in item and item[key] != expected:
                problems.append(Problem(shown, *value_position(raw, key),
                                        f"{key} {item[key]!r} does not match the id {item['id']!r}"))
        if require_files and "file" in item and not (root / item["file"]).is_file():
            problems.append(Problem(shown, *value_position(raw, "file"), f"file not found: {item['file']}"))
        origin = item.get("origin", {})
        out.append(Revision(item["id"], item.get("page", ""), item.get("edition", ""), item.get("language", ""),
                            item.get("date", ""), item.get("file", ""), item.get("format", ""),
                            origin.get("path"), origin.get("commit"), item.get("notes"),
                            origin.get("repository"), origin.get("blob")))
    if problems:
        raise InputError(problems)
    return out
