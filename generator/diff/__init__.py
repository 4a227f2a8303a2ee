"""Compare upstream revisions: ``errdocs diff OLD NEW`` and the API the site calls.

API:
    load_side(spec, source="source") -> ImportResult   (a registered id or a file path)
    diff_revisions(old, new) -> Report                  (ImportResults in, classified changes out)
    consecutive_pairs(revisions) -> [(old, new), ...]   (same page, edition, language; by date)
    render_html(report, lang) -> str                    (escaped fragment, labels in en or zh)
    intake(project, result) -> Intake                   (what the catalog must absorb)

The kinds of change, their ids and severities are in ``rules.RULES``.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Abort, InputError
from ..model import ImportResult, Revision
from .changes import Change, Report, consecutive_pairs, diff_revisions
from .formatters import format_json, format_markdown, format_text, render_html
from .intake import Intake, intake
from .rules import RULE, RULES, Rule

__all__ = ["Change", "Report", "Rule", "RULE", "RULES", "Intake", "consecutive_pairs", "diff_revisions",
           "format_json", "format_markdown", "format_text", "intake", "load_side", "render_html"]


def load_side(spec: str, source: Path | str = "source",
              revisions: list[Revision] | None = None) -> ImportResult:
    """Import one side of a diff: a revision id of ``<source>/revisions.yaml`` or a file path.

    A path that is a registered snapshot gets its registered revision (id, language, ...).

    Raises:
        Abort(code=2): unknown id, missing or unreadable file, no error-code table in it.
    """
    from ..importers import import_file, read_text_file, revision_from_path
    from ..revision import load_revisions

    root = Path(source)
    if revisions is None:
        try:
            revisions = load_revisions(root) if (root / "revisions.yaml").is_file() else []
        except InputError as exc:
            raise Abort(f"{root / 'revisions.yaml'}: cannot read the registry ({exc.problems[0]})", 2)
    by_id = {r.id: r for r in revisions}
    path = Path(spec)
    if spec in by_id:
        rev = by_id[spec]
        path = root / rev.path
    elif path.is_file():
        rev = next((r for r in revisions if (root / r.path).resolve() == path.resolve()), None)
    elif path.exists():
        raise Abort(f"{spec}: not a file", 2)
    else:
        looks_like_id = "/" not in spec and not path.suffix in (".md", ".txt")
        what = "no such revision id in " + str(root / "revisions.yaml") + " and no such file" if looks_like_id \
            else "no such file"
        raise Abort(f"{spec}: {what}", 2)
    try:
        if rev is None:
            text, _ = read_text_file(path)
            rev = revision_from_path(path, text)
        result = import_file(path, rev)
    except InputError as exc:
        raise Abort(f"{spec}: cannot read: {exc.problems[0].message}", 2)
    except (OSError, UnicodeError) as exc:
        raise Abort(f"{spec}: cannot read: {getattr(exc, 'strerror', None) or exc}", 2)
    if not result.rows and not result.cases:
        raise Abort(f"{spec}: no error-code table found", 2)
    return result
