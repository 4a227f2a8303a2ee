"""``errdocs check``: validate the catalog, prove coverage, list undecided conflicts."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import InputError
from ..harvest.registry import load_pages
from ..model import Problem
from ..project import load_project
from . import add_source


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "check", help="validate source/ and prove every upstream row is covered",
        description="Validate the catalog (schema, statuses, languages, unique codes and aliases, "
                    "references) and the page registry pages.yaml, prove that every row of every registered revision maps to exactly "
                    "one entry, and list conflicts without a recorded decision. Problems print as "
                    "path:line:column: message. Exit 1 on any error, 0 otherwise.")
    add_source(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON summary on stdout")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    pages = _page_registry_problems(Path(args.source))
    try:
        project = load_project(args.source)
    except InputError as exc:
        raise InputError(exc.problems + pages) from None
    project.errors = sorted(project.errors + pages, key=lambda p: (p.path, p.line, p.column, p.message))
    for problem in project.warnings + project.errors:
        print(problem, file=sys.stderr)
    summary = project.summary()
    if args.json:
        summary["problems"] = [p.as_dict() for p in project.errors + project.warnings]
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(_human(summary))
    return 1 if project.errors else 0


def _page_registry_problems(source: Path) -> list[Problem]:
    """Problems in ``pages.yaml`` (what ``harvest`` reads), when the source has one."""
    if not (source / "pages.yaml").is_file():
        return []
    try:
        load_pages(source)
    except InputError as exc:
        return exc.problems
    return []


def _human(s: dict) -> str:
    return (f"{s['entries']} entries in {s['families']} families; {s['revisions']} revisions, "
            f"{s['rows_covered']}/{s['rows']} rows covered; {s['conflicts_decided']}/{s['conflicts']} "
            f"conflicts decided; {s['entries_bilingual']}/{s['entries']} entries bilingual; "
            f"{s['errors']} error(s), {s['warnings']} warning(s)")
