"""Harvest benchmark: a synthetic repository shaped like the full upstream, harvested twice.

``python -m benchmarks.harvest [--commits 60000] [--files 4000] [--revisions 150] [--work DIR]``

The repository is made with ``git fast-import`` (a few seconds): a linear published line of
``--commits`` commits, each editing one or two of ``--files`` unrelated pages in a few hundred
folders, with a merge every 40 commits (as upstream's "Merge branch 'master'"), and among them
``--revisions`` edits of the mainland COS error-code page (moved once, as upstream did in 2016).
The first harvest imports and absorbs every revision into a copy of ``source/``; the second
finds nothing new. Targets (issue 14): first <= 60 s, second <= 5 s on the 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("api/存储与CDN/对象存储（标准 XML API）/错误码.md", "api/存储与CDN/对象存储（XML API）/错误码.md")
SNAPSHOT = ROOT / "source" / "upstream" / "cos-errors.cn.zh.2020-03-10.md"
START = 1_470_000_000  # 2016-07-31


def _blob(out, data: bytes) -> None:
    out.write(b"data %d\n" % len(data))
    out.write(data)
    out.write(b"\n")


def _commit(out, mark: int, parent: int | None, when: int, message: str, files: dict[str, bytes],
            merge: int | None = None, ref: str = "refs/heads/master") -> None:
    out.write(f"commit {ref}\nmark :{mark}\n".encode())
    out.write(f"author Bench <b@example.com> {when} +0800\ncommitter Bench <b@example.com> {when} +0800\n".encode())
    _blob(out, message.encode())
    if parent is not None:
        out.write(f"from :{parent}\n".encode())
    if merge is not None:
        out.write(f"merge :{merge}\n".encode())
    for path, data in files.items():
        if data is None:
            out.write(f"D {path}\n".encode())
        else:
            out.write(f"M 100644 inline {path}\n".encode())
            _blob(out, data)


def make_repository(path: Path, commits: int, files: int, revisions: int, seed: int = 14) -> dict:
    """A bare repository of ``commits`` first-parent commits; returns what it holds."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "--bare", "-b", "master", str(path)], check=True)
    names = [f"product/产品{i % 97}/目录{i % 13}/页面{i}.md" for i in range(files)]
    base = SNAPSHOT.read_bytes()
    every = max(1, commits // max(1, revisions))
    proc = subprocess.Popen(["git", "-C", str(path), "fast-import", "--quiet", "--done"],
                            stdin=subprocess.PIPE)
    out, mark, page_edits, side = proc.stdin, 0, 0, 10 ** 9
    for n in range(commits):
        when = START + n * 1800
        changed: dict[str, bytes | None] = {}
        for name in rng.sample(names, rng.choice((1, 2))):
            changed[name] = f"# {name}\n\nrevision {n}\n\n{'正文 ' * rng.randint(50, 400)}\n".encode()
        if n % every == every // 2 and page_edits < revisions:
            page = PAGES[0] if page_edits < revisions // 10 else PAGES[1]
            if page == PAGES[1] and page_edits == revisions // 10:
                changed[PAGES[0]] = None  # the 2016 move
            changed[page] = base + b"\n" * (page_edits + 1)  # a whitespace-only edit: a new revision
            page_edits += 1
        merge = None
        if n % 40 == 39:  # a side commit merged into the published line
            side += 1
            _commit(out, side, mark, when - 60, "side edit", {names[n % files]: f"side {n}\n".encode()},
                    ref="refs/heads/side")
            merge = side
        _commit(out, n + 1, mark or None, when, f"update {n}", changed, merge)
        mark = n + 1
    out.write(b"done\n")
    out.close()
    if proc.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "-C", str(path), "update-ref", "-d", "refs/heads/side"], check=True)
    return {"commits": commits, "files": files, "page_revisions": page_edits}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def harvest(repo: Path, source: Path) -> tuple[float, float, int, dict]:
    """One ``errdocs harvest --json`` in a fresh process: wall and CPU seconds (git included), exit, report."""
    cpu = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "generator", "harvest", f"{repo}=tencentyun/qcloud-documents",
                           "--json", "--source", str(source)], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode == 2:
        raise SystemExit(f"harvest failed:\n{proc.stderr[-3000:]}")
    return seconds, _children_cpu() - cpu, proc.returncode, json.loads(proc.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--commits", type=int, default=60_000)
    ap.add_argument("--files", type=int, default=4_000)
    ap.add_argument("--revisions", type=int, default=150, help="edits of the error-code page")
    ap.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="errdocs-bench-harvest-"))
    try:
        started = time.perf_counter()
        shape = make_repository(work / "upstream.git", args.commits, args.files, args.revisions)
        made = time.perf_counter() - started
        size = sum(p.stat().st_size for p in (work / "upstream.git").rglob("*") if p.is_file())
        source = work / "project" / "source"
        shutil.copytree(ROOT / "source", source)
        first, first_cpu, first_status, first_doc = harvest(work / "upstream.git", source)
        second, second_cpu, second_status, second_doc = harvest(work / "upstream.git", source)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    result = {**shape, "repository_bytes": size, "make_seconds": round(made, 2),
              "first_seconds": round(first, 2), "first_cpu_seconds": round(first_cpu, 2), "first_status": first_status, "first_new": first_doc["counts"]["new"],
              "second_seconds": round(second, 2), "second_cpu_seconds": round(second_cpu, 2),
              "second_status": second_status,
              "second_new": second_doc["counts"]["new"], "targets_met": first <= 60 and second <= 5}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"repository: {shape['commits']:,} commits, {shape['files']:,} files, "
              f"{shape['page_revisions']} page revisions, {size / 1e6:.0f} MB (made in {made:.1f} s)")
        print(f"first harvest:  {first:6.2f} s wall, {first_cpu:6.2f} s CPU  "
              f"({result['first_new']} new, exit {first_status})  target <= 60 s")
        print(f"second harvest: {second:6.2f} s wall, {second_cpu:6.2f} s CPU  "
              f"({result['second_new']} new, exit {second_status})  target <= 5 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
