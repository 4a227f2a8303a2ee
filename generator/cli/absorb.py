"""``errdocs register`` and ``errdocs absorb``: bring a new upstream revision into the catalog."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..absorb import apply_absorb, plan_absorb, register_snapshot
from ..errors import Abort, InputError
from ..model import Revision
from ..project import load_project
from ..revision import REVISION_ID
from . import add_source


def add_parser(sub) -> None:
    reg = sub.add_parser(
        "register", help="copy a new upstream snapshot into source/ and register it",
        description="Copy FILE unchanged into source/upstream/ and add it to source/revisions.yaml. "
                    "The file is imported first; nothing is written unless it reads. The id comes from "
                    "the file name <page>.<edition>.<en|zh>.<YYYY-MM-DD>.<ext> or from --id. Running it "
                    "twice changes nothing.")
    reg.add_argument("file", type=Path, help="the snapshot (markdown or page text)")
    reg.add_argument("--id", help="revision id, e.g. cos-errors.intl.en.2027-01-15")
    reg.add_argument("--origin-path", help="where the page came from (repository path or URL)")
    reg.add_argument("--commit", help="commit of the origin repository")
    add_source(reg)
    reg.set_defaults(run=run_register)

    absorb = sub.add_parser(
        "absorb", help="add entries and aliases for rows the catalog does not cover yet",
        description="List (or with --write, apply) what the catalog must absorb: a new spelling of a "
                    "known code becomes an alias (then `check` asks for a spelling decision); a new "
                    "code becomes an entry. Comments and order are kept; files are written atomically; "
                    "a second run changes nothing. Exit 0 when nothing is left to absorb, 1 otherwise.")
    absorb.add_argument("--write", action="store_true", help="write the changes into source/catalog/")
    add_source(absorb)
    absorb.set_defaults(run=run_absorb)


def run_register(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise Abort(f"{args.file}: no such file")
    revision = None
    if args.id:
        if not REVISION_ID.match(args.id):
            raise Abort(f"--id {args.id!r}: expected <page>.<edition>.<en|zh>.<YYYY-MM-DD>")
        page, edition, language, date = args.id.split(".")[:4]
        revision = Revision(args.id, page, edition, language, date, "", "")
    rev, wrote = register_snapshot(Path(args.source), args.file, revision, args.origin_path, args.commit)
    print(f"{'registered' if wrote else 'already registered'}: {rev.id} ({rev.path})")
    return 0


def run_absorb(args: argparse.Namespace) -> int:
    project = load_project(args.source)
    steps, unplaced = plan_absorb(project)
    for step in steps:
        print(step)
    if unplaced:
        raise InputError(unplaced)
    if not steps:
        print("nothing to absorb")
        return 0
    if args.write:
        changed = apply_absorb(project, steps)
        for path in changed:
            print(f"wrote {path}")
        print("run `errdocs check`: new spellings and codes may need decisions and translations")
        return 0
    print(f"{len(steps)} change(s) to absorb; run with --write to apply them")
    return 1
