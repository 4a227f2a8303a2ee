"""``errdocs diff OLD NEW`` and ``errdocs diff --catalog REVISION``."""

from __future__ import annotations

import argparse
import os
import sys

from ..errors import Abort, InputError
from ..vocabulary import LANGUAGES
from . import add_source

FORMATS = ("text", "markdown", "html", "json")


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "diff", help="compare two upstream revisions, or a revision with the catalog",
        description="Compare two revisions (registered ids or snapshot files, imported on the fly) and "
                    "classify every change: code-added/-removed, code-renamed, section-added/-removed/"
                    "-renamed, status-changed, status-reformatted, text-changed, moved, reordered, "
                    "duplicate-added/-removed. Across languages only codes, statuses and tables are "
                    "compared. With --catalog, list what the catalog must absorb from one revision. "
                    "Exit status: 0 no changes, 1 changes, 2 error.")
    parser.add_argument("revisions", nargs="*", metavar="REVISION",
                        help="OLD NEW (or one REVISION with --catalog): a revision id or a file path")
    parser.add_argument("--catalog", action="store_true",
                        help="compare one revision with the catalog: what must be absorbed")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="labels of text/markdown/html output")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour terminal text (default: auto, on a TTY only)")
    add_source(parser)
    parser.set_defaults(run=run)


def _colour(args) -> bool:
    if args.color == "always":
        return True
    if args.color == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def run(args: argparse.Namespace) -> int:
    from ..diff import load_side
    from ..diff.formatters import format_intake, format_json, format_markdown, format_text, render_html

    if args.catalog:
        if len(args.revisions) != 1:
            raise Abort("--catalog takes exactly one REVISION (an id or a file)", 2)
    elif len(args.revisions) != 2:
        raise Abort("expected OLD NEW (two revision ids or files)", 2)

    if args.catalog:
        from ..diff.intake import intake
        from ..project import load_project

        try:
            project = load_project(args.source)
        except InputError as exc:
            first = exc.problems[0] if exc.problems else "unknown problem"
            raise Abort(f"cannot load the catalog in {args.source}: {first}", 2)
        result = load_side(args.revisions[0], args.source, project.revisions)
        found = intake(project, result)
        sys.stdout.write(format_intake(found, args.format, _colour(args), args.lang))
        return 1 if found.items else 0

    from ..diff import diff_revisions
    from ..revision import load_revisions
    from pathlib import Path

    revisions = []
    if (Path(args.source) / "revisions.yaml").is_file():
        try:
            revisions = load_revisions(args.source)
        except InputError as exc:
            raise Abort(f"cannot read {Path(args.source) / 'revisions.yaml'}: {exc.problems[0]}", 2)
    old = load_side(args.revisions[0], args.source, revisions)
    new = load_side(args.revisions[1], args.source, revisions)
    report = diff_revisions(old, new)
    if args.format == "json":
        out = format_json(report)
    elif args.format == "markdown":
        out = format_markdown(report, args.lang)
    elif args.format == "html":
        out = render_html(report, args.lang)
    else:
        out = format_text(report, _colour(args), args.lang)
    sys.stdout.write(out)
    return 1 if report.changes else 0
