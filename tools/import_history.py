"""Run the importers on every file content ever published in upstream git clones.

Usage: .venv/bin/python tools/import_history.py REPO... [--out DIR] [--rows] [--summary]

For each REPO (a local clone, bare or not) walks the first-parent history of HEAD, collects
every distinct blob of every path that was added or modified (each blob once, in the first
REPO that has it), writes it to DIR (a temporary
folder by default) as ``<blob>.<repo>.<language>.<date>.md`` so that ``errdocs import`` can
name its revision, imports it and prints one line per blob:

    blob  kind  rows  warnings  failure  first-date  path

``kind`` is ``troubleshooting`` for the 故障处理 guides (prose, not tables; read elsewhere),
``empty`` for a file upstream emptied, else ``codes``. The last lines count blobs that read without warnings, with warnings, and
that fail (an exception or zero rows on an error-code page), per kind.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.errors import InputError  # noqa: E402
from generator.importers import import_file  # noqa: E402
from generator.importers.common import guess_language  # noqa: E402

TROUBLESHOOTING = "故障处理"


def _git(repo: str, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", repo, "-c", "core.quotePath=false", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def history_blobs(repo: str) -> dict[str, tuple[str, str]]:
    """Blob id -> (first date it was published, its path then), oldest first."""
    out = _git(repo, "log", "--first-parent", "--reverse", "--raw", "--no-renames", "--no-abbrev",
               "--format=@%as", "HEAD")
    blobs: dict[str, tuple[str, str]] = {}
    date = ""
    for line in out.splitlines():
        if line.startswith("@"):
            date = line[1:]
        elif line.startswith(":"):
            meta, path = line.split("\t", 1)
            blob = meta.split()[3]
            if set(blob) != {"0"}:
                blobs.setdefault(blob, (date, path))
    return blobs


def _language(path: str, text: str) -> str:
    if "_intl_en" in path or "_en." in path:
        return "en"
    if "_intl_cn" in path:
        return "zh"
    return guess_language(text)


def import_blob(repo: str, blob: str, date: str, path: str, folder: Path) -> dict:
    """Write the blob to ``folder`` and import it; a dict describing the outcome."""
    data = subprocess.run(["git", "-C", repo, "cat-file", "blob", blob], check=True, capture_output=True).stdout
    text = data.decode("utf-8", errors="replace")
    name = f"{blob[:12]}.{Path(repo).name.lower()}.{_language(path, text)}.{date}.md"
    target = folder / name
    target.write_bytes(data)
    kind = "troubleshooting" if TROUBLESHOOTING in path else "codes" if text.strip() else "empty"
    info = {"blob": blob, "kind": kind, "rows": 0, "warnings": 0, "failure": "", "date": date,
            "path": path, "file": str(target)}
    try:
        result = import_file(target)
    except InputError as exc:
        info["failure"] = "; ".join(p.message for p in exc.problems)
        return info
    except Exception as exc:  # a crash is what this tool is here to find
        info["failure"] = f"crash: {type(exc).__name__}: {exc}"
        return info
    info["rows"] = len(result.rows)
    info["warnings"] = len(result.warnings)
    info["messages"] = [str(w) for w in result.warnings]
    if not result.rows and kind == "codes":
        info["failure"] = "no rows"
    return info


def category(info: dict) -> str:
    if info["failure"]:
        return "fail"
    return "warnings" if info["warnings"] else "clean"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("repos", nargs="+", metavar="REPO")
    ap.add_argument("--out", help="folder for the blob copies (default: a temporary folder)")
    ap.add_argument("--warnings", action="store_true", help="print every warning under its blob")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.out or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        counts: Counter[tuple[str, str]] = Counter()
        seen: set[str] = set()
        for repo in args.repos:
            for blob, (date, path) in history_blobs(repo).items():
                if blob in seen:  # the same bytes published in both repositories
                    continue
                seen.add(blob)
                info = import_blob(repo, blob, date, path, folder)
                counts[info["kind"], category(info)] += 1
                print(f"{blob[:12]}\t{info['kind']}\t{info['rows']}\t{info['warnings']}\t"
                      f"{info['failure'] or '-'}\t{date}\t{path}")
                if args.warnings:
                    for message in info.get("messages", []):
                        print(f"    {message}")
        for kind in ("codes", "troubleshooting", "empty"):
            total = sum(n for (k, _), n in counts.items() if k == kind)
            parts = ", ".join(f"{cat} {counts[kind, cat]}" for cat in ("clean", "warnings", "fail"))
            print(f"# {kind}: {total} blobs: {parts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
