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
        description="Find every entry whose code, alias or upstream string code matches CODE "
                    "(case-insensitive; 46618 also finds -46618) and print it in one language. "
                    "FAMILY/CODE (or --family) puts that family's entries first.")
    parser.add_argument("code", metavar="CODE")
    parser.add_argument("--family", help="resolve CODE within this family first")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language (default: en)")
    add_source(parser)
    parser.add_argument("--json", action="store_true", help="print the entries as JSON")
    parser.set_defaults(run=run)


def find(project: Project, code: str, family: str | None = None) -> list[str]:
    """Keys of entries spelled ``code`` (or ``-code`` for a number): the catalog's spellings
    before upstream string codes given beside another code (``names``), exact before loose, and
    within each, entries of ``family`` (or of the ``FAMILY/`` prefix of ``code``) first: a
    name resolves within its family before anywhere else."""
    resolved = project.reconciliation.resolved
    head, sep, tail = code.strip().partition("/")
    if sep and head in project.catalog.families and family is None:
        family, code = head, tail
    if family is not None and family not in project.catalog.families:
        raise Abort(f"no family {family!r}; expected one of {', '.join(project.catalog.families)}")
    wanted = code.strip().lower()
    forms = {wanted, "-" + wanted} if is_numeric(wanted) and not wanted.startswith("-") else {wanted}
    ranked = []
    for i, (key, r) in enumerate(resolved.items()):
        spellings = {s.lower() for s in r.entry.spellings}
        names = {n.lower() for n in r.names}
        tier = (0 if wanted in spellings else 1 if spellings & forms else 2 if wanted in names else None)
        if tier is not None:
            ranked.append((r.family.id != family, tier, i, key))
    return [key for *_, key in sorted(ranked)]


def run(args: argparse.Namespace) -> int:
    project = load_valid_project(args.source)
    keys = find(project, args.code, args.family)
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
