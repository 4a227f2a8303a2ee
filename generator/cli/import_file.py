"""``errdocs import FILE [--json]``: show what the importer reads from one snapshot."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import InputError
from ..importers import import_file
from ..model import Revision
from ..revision import load_revisions
from . import add_source


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "import",
        help="read one upstream snapshot and print its rows",
        description="Read one upstream snapshot (markdown or page text) and print the rows "
        "of its error-code tables (a troubleshooting guide: its cases), then any warnings (to stderr). A file registered in "
        "<source>/revisions.yaml is read as that revision; any other file gets a revision "
        "derived from its name.",
    )
    p.add_argument("file", metavar="FILE", help="snapshot file (.md or page-text .txt)")
    p.add_argument("--json", action="store_true", help="print the ImportResult as JSON")
    add_source(p)
    p.set_defaults(run=run)
    return p


def find_revision(path: Path, source: Path) -> Revision | None:
    """The registered revision whose file is ``path``, if any; a broken registry counts as none."""
    if not (source / "revisions.yaml").is_file():
        return None
    try:
        revisions = load_revisions(source)
    except InputError:  # a broken registry must not stop a plain import
        return None
    target = path.resolve()
    return next((r for r in revisions if (source / r.path).resolve() == target), None)


def run(args) -> int:
    path = Path(args.file)
    if not path.exists():
        print(f"errdocs import: {args.file}: no such file", file=sys.stderr)
        return 1
    if not path.is_file():
        print(f"errdocs import: {args.file}: not a file", file=sys.stderr)
        return 1
    try:
        result = import_file(args.file, find_revision(path, Path(args.source)))
    except InputError as exc:
        for problem in exc.problems:
            print(str(problem), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"errdocs import: {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1

    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    elif result.revision.format == "guide":
        for case in result.cases:
            status = case.status or "-"
            print(f"{case.line}\t{case.code or '-'}\t{status}\t{case.message or case.title}\t{len(case.steps)} steps")
    else:
        for row in result.rows:
            status = row.status_text or "-"
            desc = row.texts.get("description") or row.texts.get("message") or ""
            desc = desc.replace("\n", " / ")
            print(f"{row.line}\t{row.section}\t{row.code}\t{status}\t{desc}")
    for warning in result.warnings:
        print(str(warning), file=sys.stderr)
    return 0

