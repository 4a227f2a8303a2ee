"""Hostile upstream text: importers never crash, stay sane, and run in bounded time and memory."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.importers import import_file, import_text
from generator.importers import common
from generator.model import ImportResult, Revision

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM = ROOT / "source" / "upstream"
SNAPSHOTS = sorted(p for p in UPSTREAM.iterdir() if p.name != "INDEX.md")
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in SNAPSHOTS}
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rev(fmt: str) -> Revision:
    return Revision(id="t", page="p", edition="e", language="en", date="2020-01-01", path="t.md", format=fmt)


def assert_sane(result, text: str) -> None:
    assert isinstance(result, ImportResult)
    nlines = len(common.split_lines(text))
    for row in result.rows:
        assert 1 <= row.line <= nlines
        assert isinstance(row.code, str) and row.code
        assert row.status is None or (isinstance(row.status, int) and 100 <= row.status <= 599)
        assert isinstance(row.section, str)
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in row.texts.items())
    for problem in result.warnings:
        assert 1 <= problem.line <= max(nlines, 1) and problem.column >= 1


def import_any(text: str, fmt: str) -> None:
    try:
        result = import_text(text, rev(fmt))
    except InputError as exc:  # allowed, if every problem names a line
        assert exc.problems and all(p.line >= 1 for p in exc.problems)
        return
    assert_sane(result, text)


# --------------------------------------------------------------------------- mutations

def _drop_cell(line: str, k: int) -> str:
    parts = line.split("|")
    if len(parts) > 2:
        del parts[1 + k % (len(parts) - 2)]
    return "|".join(parts)


def _add_cell(line: str, k: int) -> str:
    parts = line.split("|")
    parts.insert(1 + k % max(len(parts) - 1, 1), " extra ")
    return "|".join(parts)


MUTATIONS = {
    "drop cell": _drop_cell,
    "add cell": _add_cell,
    "double pipes": lambda line, k: line.replace("|", "||"),
    "full-width pipes": lambda line, k: line.replace("|", "｜"),
    "tabs": lambda line, k: line.replace(" ", "\t"),
    "drop line": lambda line, k: "",
    "duplicate line": lambda line, k: line + "\n" + line,
    "strip pipes": lambda line, k: line.strip().strip("|"),
    "status 999": lambda line, k: line.replace("| 4", "| 9").replace("| 5", "| 0"),
}


@st.composite
def mutated(draw):
    name = draw(st.sampled_from(sorted(TEXTS)))
    lines = TEXTS[name].split("\n")
    for _ in range(draw(st.integers(0, 12))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(sorted(MUTATIONS)))
        lines[i] = MUTATIONS[how](lines[i], draw(st.integers(0, 20)))
    if draw(st.booleans()):
        i = draw(st.integers(0, len(lines)))
        lines.insert(i, draw(st.text(max_size=80)))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(lines)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


@FUZZ
@given(text=mutated(), fmt=st.sampled_from(["markdown", "pagetext", "auto"]))
def test_mutated_snapshots_never_crash(text, fmt):
    import_any(text, fmt)


TOKENS = list("|｜-: \t\n\r*`_#<>/ab4049错误码描述状态") + ["code", "status", "NoSuchKey", "404", "<br>", "**"]


@FUZZ
@given(text=st.lists(st.sampled_from(TOKENS), max_size=200).map("".join),
       fmt=st.sampled_from(["markdown", "pagetext"]))
def test_table_shaped_noise_never_crashes(text, fmt):
    import_any(text, fmt)


@FUZZ
@given(text=st.text(max_size=300), fmt=st.sampled_from(["markdown", "pagetext"]))
def test_random_text_never_crashes(text, fmt):
    import_any(text, fmt)


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=2000), prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"| code | description |\n|--|--|\n"]))
def test_random_bytes_through_import_file(tmp_path_factory, data, prefix):
    path = tmp_path_factory.mktemp("bytes") / "x.cos-errors.intl.en.2020-01-01.md"
    path.write_bytes(prefix + data)
    try:
        result = import_file(path)
    except InputError as exc:
        assert [str(p) for p in exc.problems] == [f"{path}:1:1: not a text file (contains NUL bytes)"]
        return
    assert_sane(result, path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff"))


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_every_truncation_point_of_a_small_snapshot(name):
    """Cut each real snapshot at 40 evenly spread offsets."""
    text = TEXTS[name]
    for k in range(40):
        import_any(text[: len(text) * k // 40], "markdown" if name.endswith(".md") else "pagetext")


# --------------------------------------------------------------------------- reordering

def brute_force_order(kinds, cells):
    """The original exhaustive search (every permutation), as a reference."""
    n = min(len(kinds), len(cells))
    if n < 2 or common.CODE not in kinds[:n]:
        return None
    roles = kinds[:n]

    def score(perm):
        return sum(common._role_score(roles[col], cells[perm[col]]) for col in range(n))

    best, best_score = None, score(tuple(range(n)))
    base = best_score
    for perm in itertools.permutations(range(n)):
        s = score(perm)
        if s > best_score or (best is not None and s == best_score and common._moved(perm) < common._moved(best)):
            best, best_score = perm, s
    return list(best) if best is not None and best_score > base else None


CELLS = ["404", "404 Not Found", "NoSuchKey", "-46618", "", "-", "N/A", "some text", "x", "500", "4001", "a b"]
KINDS = ["code", "status", "description", None, "action", "name", "message"]


@settings(max_examples=300, deadline=None)
@given(kinds=st.lists(st.sampled_from(KINDS), min_size=1, max_size=7),
       cells=st.lists(st.sampled_from(CELLS), min_size=1, max_size=8))
def test_cell_order_matches_exhaustive_search(kinds, cells):
    assert common.best_cell_order(kinds, cells) == brute_force_order(kinds, cells)


def test_wide_rows_are_fast():
    kinds = ["code", "status"] + [None] * 2000
    started = time.perf_counter()
    assert common.best_cell_order(kinds, ["404"] + ["NoSuchKey"] * 2001)[:2] == [1, 0]
    text = "| 错误码 | 状态码 | " + " | ".join(f"c{i}" for i in range(30)) + " |\n|" + "---|" * 32 + "\n"
    text += ("| 404 | NoSuchKey | " + " | ".join("x" for _ in range(30)) + " |\n") * 200
    result = import_text(text, rev("markdown"))
    assert len(result.rows) == 200 and result.rows[0].code == "NoSuchKey" and result.rows[0].status == 404
    assert time.perf_counter() - started < 5


# --------------------------------------------------------------------------- size and time

HOSTILE = {
    "tables without headings": ("markdown", "| code | description |\n|---|---|\n| NoSuchKey | x |\n\n"),
    "unclosed tags": ("markdown", "| code | description |\n|---|---|\n| NoSuchKey | " + "<b " * 100_000 + "|\n"),
    "header words": ("pagetext", "描述\n"),
    "page-text tables": ("pagetext", "错误码\n描述\nNoSuchKey\nx\n\n"),
    "bold markers": ("markdown", "| code | description |\n|---|---|\n| NoSuchKey | " + "**a__" * 60_000 + "|\n"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_shapes_are_linear(name):
    """300 KB of each shape: the quadratic versions took from 20 s to many minutes."""
    fmt, unit = HOSTILE[name]
    text = unit * max(1, 300_000 // len(unit))
    started = time.perf_counter()
    import_any(text, fmt)
    assert time.perf_counter() - started < 10


BIG_SCRIPT = r"""
import json, sys, time
from generator.importers import import_file
path, size = sys.argv[1], int(sys.argv[2])
# this process's own high-water mark: ru_maxrss may carry the forking parent's (a test session
# holding built sites), so reset the kernel's VmHWM and read it back
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")
started = time.perf_counter()
result = import_file(path)
elapsed = time.perf_counter() - started
status = open("/proc/self/status").read()
peak = int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1]) * 1024
bad = sum(1 for r in result.rows if not r.code or not (r.status is None or 100 <= r.status <= 599))
print(json.dumps({"seconds": elapsed, "peak": peak, "rows": len(result.rows), "bad": bad}))
"""


def test_a_50_mb_file(tmp_path):
    """Real snapshots repeated (and mangled on the way) up to 50 MB: under a minute, peak memory under 20x."""
    parts, size, i = [], 0, 0
    names = [n for n in sorted(TEXTS) if n.endswith(".md")]
    while size < 50_000_000:
        chunk = TEXTS[names[i % len(names)]]
        if i % 7 == 3:
            chunk = chunk.replace("|", "｜", 50).replace("\n", "\r\n")
        if i % 11 == 5:
            chunk = chunk[: len(chunk) // 2]
        parts.append(chunk)
        size += len(chunk.encode("utf-8"))
        i += 1
    path = tmp_path / "big.cos-errors.intl.en.2020-01-01.md"
    path.write_text("".join(parts), encoding="utf-8", newline="")
    size = path.stat().st_size
    proc = subprocess.run([sys.executable, "-c", BIG_SCRIPT, str(path), str(size)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    stats = json.loads(proc.stdout)
    assert stats["rows"] > 100_000 and stats["bad"] == 0
    assert stats["seconds"] < 60, stats
    assert stats["peak"] < 20 * size, stats
