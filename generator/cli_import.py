"""``errdocs import FILE [--json]``: show what the importer reads from one snapshot."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import InputError
from .importers import import_file, read_text_file, revision_from_path
from .model import Revision

_SOURCE_DIR = Path(__file__).resolve().parent.parent / "source"


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "import",
        help="read one upstream snapshot and print its rows",
        description="Read one upstream snapshot (markdown or page text) and print the rows "
        "of its error-code tables, then any warnings (to stderr).",
    )
    p.add_argument("file", metavar="FILE", help="snapshot file (.md or page-text .txt)")
    p.add_argument("--json", action="store_true", help="print the ImportResult as JSON")
    p.set_defaults(func=run, run=run)
    return p


def _registered_revisions(source_dir: Path) -> list[tuple[Path, Revision]]:
    """Revisions of source/revisions.yaml with their resolved file paths (minimal loader)."""
    from ruamel.yaml import YAML

    registry = source_dir / "revisions.yaml"
    if not registry.is_file():
        return []
    data = YAML(typ="safe").load(registry.read_text(encoding="utf-8")) or {}
    out = []
    for item in data.get("revisions") or []:
        if not isinstance(item, dict) or "file" not in item:
            continue
        origin = item.get("origin") or {}
        rev = Revision(
            id=str(item.get("id")),
            page=str(item.get("page", "unknown")),
            edition=str(item.get("edition", "unknown")),
            language=str(item.get("language", "unknown")),
            date=str(item.get("date", "unknown")),
            path=str(item["file"]),
            format=str(item.get("format", "markdown")),
            origin_path=origin.get("path"),
            origin_commit=origin.get("commit"),
            notes=item.get("notes"),
        )
        out.append(((source_dir / item["file"]).resolve(), rev))
    return out


def find_revision(path: Path) -> Revision | None:
    """The registered revision whose file is ``path`` (by resolved path), if any."""
    target = path.resolve()
    for source_dir in dict.fromkeys([_SOURCE_DIR, Path.cwd() / "source"]):
        try:
            for file, rev in _registered_revisions(source_dir):
                if file == target:
                    return rev
        except Exception:  # a broken registry must not stop a plain import
            continue
    return None


def run(args) -> int:
    path = Path(args.file)
    if not path.exists():
        print(f"errdocs import: {args.file}: no such file", file=sys.stderr)
        return 1
    if not path.is_file():
        print(f"errdocs import: {args.file}: not a file", file=sys.stderr)
        return 1
    try:
        revision = find_revision(path)
        if revision is None:
            text, _ = read_text_file(path)
            revision = revision_from_path(args.file, text)
        result = import_file(args.file, revision)
    except InputError as exc:
        for problem in exc.problems:
            print(str(problem), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"errdocs import: {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1

    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        for row in result.rows:
            status = row.status_text or "-"
            desc = row.texts.get("description") or row.texts.get("message") or ""
            desc = desc.replace("\n", " / ")
            print(f"{row.line}\t{row.section}\t{row.code}\t{status}\t{desc}")
    for warning in result.warnings:
        print(str(warning), file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Standalone entry point (the main CLI calls add_parser/run)."""
    parser = argparse.ArgumentParser(prog="errdocs")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
