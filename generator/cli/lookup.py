"""``errdocs lookup CODE``: print one entry (any alias, any case) in the terminal."""

from __future__ import annotations

import argparse
import json

from ..errors import Abort
from ..project import Project, load_valid_project
from ..site.entry_json import entry_document
from ..site.crosslinks import compute_links
from ..similarity import is_numeric
from ..vocabulary import LANGUAGES
from . import add_source


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "lookup", help="print the entry of an error code (any spelling, any case)",
        description="Find every entry whose code or alias matches CODE (case-insensitive; "
                    "46618 also finds -46618) and print it in one language.")
    parser.add_argument("code", metavar="CODE")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default: en)")
    add_source(parser)
    parser.add_argument("--json", action="store_true", help="print the entries as JSON")
    parser.set_defaults(run=run)


def find(project: Project, code: str) -> list[str]:
    """Keys of entries spelled ``code`` (or ``-code`` for a number), exact spellings first."""
    wanted = code.strip().lower()
    forms = {wanted, "-" + wanted} if is_numeric(wanted) and not wanted.startswith("-") else {wanted}
    exact, loose = [], []
    for key, r in project.reconciliation.resolved.items():
        spellings = {s.lower() for s in r.entry.spellings}
        if wanted in spellings:
            exact.append(key)
        elif spellings & forms:
            loose.append(key)
    return exact + loose


def run(args: argparse.Namespace) -> int:
    project = load_valid_project(args.source)
    keys = find(project, args.code)
    if not keys:
        raise Abort(f"no entry is spelled {args.code!r}")
    links = compute_links(project.reconciliation.resolved)
    records = [entry_document(project.reconciliation.resolved[k], links[k], args.lang) for k in keys]
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(_human(rec, args.lang) for rec in records))
    return 0


def _human(rec: dict, lang: str) -> str:
    lines = [f"{rec['code']}  ({rec['key']})"]
    for case in rec["statuses"]:
        lines.append(f"  HTTP {case['status']}" + (f"  when {case['when']}" if case["when"] else ""))
    for kind, text in rec["texts"].items():
        mark = "" if text["official"] else ("  [not official wording]" if lang == "en" else "  [非官方译文]")
        lines.append(f"  {kind}: {text['text']}{mark}")
    if rec["aliases"]:
        lines.append(f"  aliases: {', '.join(rec['aliases'])}")
    for label in ("paired", "same_code", "related"):
        if rec[label]:
            lines.append(f"  {label.replace('_', ' ')}: {', '.join(rec[label])}")
    lines.append(f"  site: /{rec['url']}")
    return "\n".join(lines)
