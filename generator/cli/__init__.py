"""Command line: ``python -m generator <command>`` (also installed as ``errdocs``)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from .. import __version__
from ..errors import Abort, InputError

#: Sub-command name -> module implementing ``add_parser(subparsers)`` and ``run(args)``.
COMMANDS = {
    "import": "generator.cli.import_file",
    "check": "generator.cli.check",
    "export": "generator.cli.export",
    "lookup": "generator.cli.lookup",
    "register+absorb": "generator.cli.absorb",
    "diff": "generator.cli.diff",
    "harvest": "generator.cli.harvest",
}

DESCRIPTION = """\
errdocs turns Tencent Cloud COS and Cloud Infinite error-code pages (every upstream
revision, English and Chinese) into one bilingual catalog and a searchable site.

Data flows one way: source/upstream snapshots -> importers -> source/catalog
(what people decide) -> reconciliation -> site. Run `errdocs check` after every
edit of source/; `mkdocs build --strict` builds the site.
"""


def add_source(parser: argparse.ArgumentParser) -> None:
    """The ``--source DIR`` option every command that reads the project takes."""
    parser.add_argument("--source", default="source", help="project source folder (default: source)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="errdocs", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"errdocs {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        importlib.import_module(module).add_parser(sub)
    return parser


#: Third-party modules every command needs (the site build needs mkdocs besides).
REQUIRED = ("ruamel.yaml", "jinja2")


def missing_dependency() -> str | None:
    """The first required module this Python cannot import, or None."""
    for name in REQUIRED:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError:
            return name
    return None


#: Set in the environment of a re-run under the project's .venv: never re-run twice.
_RERUN = "ERRDOCS_RERUN_IN_VENV"


def project_python() -> Path | None:
    """The project's ``.venv`` interpreter (made by ``make site``) when it exists and is not the one
    running: ``python -m generator`` with another Python then runs under it instead of failing."""
    venv = Path(__file__).resolve().parents[2] / ".venv"
    python = venv / "bin" / "python"
    if os.environ.get(_RERUN) or not python.exists() or Path(sys.prefix).resolve() == venv.resolve():
        return None
    return python


def main(argv: list[str] | None = None) -> int:
    missing = missing_dependency()
    python = project_python() if missing else None
    if python is not None:
        args = sys.argv[1:] if argv is None else argv
        os.execve(python, [str(python), "-m", "generator", *args], {**os.environ, _RERUN: "1"})
    if missing:
        print(f"errdocs: {sys.executable} lacks the dependency {missing!r}. Run `make site` once (it creates "
              f".venv with the pinned dependencies), then use `.venv/bin/errdocs …` or "
              f"`.venv/bin/python -m generator …` (or activate it: `. .venv/bin/activate`).", file=sys.stderr)
        return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        errors = sum(1 for p in exc.problems if p.level == "error")
        print(f"errdocs {args.command}: {errors} error(s); nothing written", file=sys.stderr)
        return 1
    except Abort as exc:
        print(f"errdocs {args.command}: {exc}", file=sys.stderr)
        return exc.code
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`| head`): not an error of ours
        return 0
    except KeyboardInterrupt:
        return 130
