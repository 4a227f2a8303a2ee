"""``errdocs export``: code constants from the catalog, as Python, TypeScript, JSON or CSV."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..export import FORMATS, build_constants, render
from ..project import load_valid_project
from ..vocabulary import LANGUAGES
from ..yamlio import write_atomic
from . import add_source


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "export", help="write code constants (Python, TypeScript, JSON, CSV) from the catalog",
        description="Write the catalog as code constants: one constant per entry named "
                    "<FAMILY>_<CODE> (COS_XML_API_NO_SUCH_KEY = \"NoSuchKey\"), with HTTP statuses, "
                    "aliases, descriptions and a lookup(code) that accepts any alias in any case "
                    "(python, typescript); or the same data as one JSON document or one CSV row per "
                    "entry. Output is deterministic: the same catalog gives byte-identical files. "
                    "Exit 1 when the catalog has errors (run `errdocs check`).")
    parser.add_argument("--format", required=True, choices=tuple(FORMATS), help="output format")
    parser.add_argument("--output", metavar="PATH",
                        help="file to write (atomically; untouched when unchanged); default: stdout")
    parser.add_argument("--lang", choices=LANGUAGES,
                        help="only this language's texts (default: every language)")
    add_source(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = load_valid_project(args.source)
    constants = build_constants(project, [args.lang] if args.lang else None)
    for note in constants.notes:
        print(f"errdocs export: note: {note}", file=sys.stderr)
    text = render(constants, args.format)
    if args.output is None:
        stream = getattr(sys.stdout, "buffer", None)
        if stream is not None:
            sys.stdout.flush()
            stream.write(text.encode("utf-8"))
            stream.flush()
        else:
            sys.stdout.write(text)
        return 0
    changed = write_atomic(args.output, text)
    if changed:
        _readable(Path(args.output))
    state = "wrote" if changed else "unchanged:"
    print(f"errdocs export: {state} {args.output} ({args.format}, {len(constants.entries)} entries, "
          f"{constants.digest[:19]}…)", file=sys.stderr)
    return 0


def _readable(path: Path) -> None:
    """Give the new file the mode any new file gets (write_atomic's temporary file is 0600):
    a generated module is meant to be read by others and by build tools."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)
