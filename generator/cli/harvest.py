"""``errdocs harvest``: bring in every new upstream revision from local clones of the doc repositories."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ..errors import InputError
from ..harvest import apply_harvest, plan_harvest, report
from . import add_source


def add_parser(sub) -> None:
    p = sub.add_parser(
        "harvest", help="find every new revision of the registered pages in upstream git clones",
        description="Walk the published history (first parent of the default branch) of each REPO, a local "
                    "clone (bare or not) of tencentyun/qcloud-documents or tencentyun/intlcloud-documents, "
                    "find every revision of the pages in source/pages.yaml, and bring each new one in: copy "
                    "it into source/upstream/, register it in source/revisions.yaml, absorb it into the "
                    "catalog. Content already registered (same git blob) is skipped; a registered snapshot missing "
                    "from source/upstream/ is restored from its recorded blob (origin.blob), and one whose "
                    "bytes differ from it is an error. Nothing is written unless every new file imports "
                    "and is absorbed. Exit 0 when nothing is new, 1 when new "
                    "revisions were found, 2 on error.")
    p.add_argument("repos", nargs="+", metavar="REPO",
                   help="path of a clone; PATH=OWNER/NAME when neither an Upstream-Commit trailer nor a "
                        "GitHub origin remote says which repository it is")
    p.add_argument("--dry-run", action="store_true", help="report what would be harvested; write nothing")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_source(p)
    p.add_argument("--no-cache", action="store_true",
                   help="walk every repository from its first commit (the walk is otherwise cached in "
                        ".cache/errdocs/harvest/ beside the source folder)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    source = Path(args.source)
    cache = None if args.no_cache else source.resolve().parent / ".cache" / "errdocs" / "harvest"
    started = time.perf_counter()
    plan = plan_harvest(source, args.repos, cache)
    written = []
    if not plan.problems:
        try:
            written = apply_harvest(source, plan, args.dry_run)
        except InputError as exc:
            plan.problems.extend(exc.problems)
    if args.json:
        print(json.dumps(report(plan), ensure_ascii=False, indent=1))
    else:
        _print_text(plan, written, args.dry_run, time.perf_counter() - started)
    if plan.problems:
        for problem in plan.problems:
            print(problem, file=sys.stderr)
        print(f"errdocs harvest: {len(plan.problems)} problem(s); nothing written", file=sys.stderr)
        return 2
    return 1 if plan.new else 0


def _print_text(plan, written, dry_run: bool, seconds: float) -> None:
    for scan in plan.scans:
        print(f"{scan.path}: {scan.commits} commits, head {scan.head[:12]}")
    for item in plan.new:
        print(f"new: {item.id}  {item.path} @ {item.commit[:12]} ({item.rows} rows)" if item.kind == "codes" else f"new: {item.id}  {item.path} @ {item.commit[:12]} (guide)")
    restored = "to restore" if dry_run else "restored"
    for rev in plan.restore:
        print(f"{restored}: {rev.id}  {rev.path}")
    found = plan.found
    new = sum(f.status == "new" for f in found)
    print(f"{len(found)} revisions found ({sum(f.kind == 'guide' for f in found)} of guides): {new} new, "
          f"{len(found) - new} registered ({len(plan.restore)} {restored}) ({seconds:.1f} s)")
    if dry_run and (new or plan.restore):
        print("dry run: nothing written")
    for path in written:
        print(f"wrote {path}")
