"""No lost edits: YAML round trips byte for byte, atomic writes never leave half a file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import yamlio
from generator.yamlio import dump_yaml, load_yaml, load_yaml_text, write_atomic

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted((ROOT / "source").rglob("*.yaml"))


def test_there_are_real_yaml_files():
    names = {p.name for p in YAML_FILES}
    assert {"revisions.yaml", "services.yaml", "cos-xml-api.yaml"} <= names


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_load_dump_is_byte_identical(path):
    text = path.read_bytes().decode("utf-8")
    assert dump_yaml(load_yaml(path)) == text


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_one_edit_changes_one_line(path):
    """Editing one value keeps every other line (comments, quoting, flow style) as it was."""
    text = path.read_text(encoding="utf-8")
    data = load_yaml(path)
    key = next(iter(data))
    seq_or_value = data[key]
    if isinstance(seq_or_value, list):
        item = seq_or_value[0]
        first = next(iter(item))
        item[first] = "EDITED"
    else:
        data[key] = "EDITED"
    before, after = text.splitlines(), dump_yaml(data).splitlines()
    assert len(before) == len(after)
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(changed) == 1 and "EDITED" in after[changed[0]]


def test_comments_survive_an_edit():
    text = "# head\nservices:  # trailing\n  - id: a   # after a\n    title: {en: A, zh: 甲}\n# tail\n"
    data = load_yaml_text(text, "t.yaml")
    data["services"][0]["id"] = "b"
    assert dump_yaml(data) == text.replace("id: a ", "id: b ")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_writes_and_reports_change(tmp_path):
    path = tmp_path / "sub" / "x.yaml"
    assert write_atomic(path, "a: 1\n") is True
    assert path.read_text(encoding="utf-8") == "a: 1\n"
    assert write_atomic(path, "a: 2\n") is True
    assert path.read_text(encoding="utf-8") == "a: 2\n"
    assert leftovers(path.parent) == []


def test_write_atomic_writes_nothing_when_unchanged(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
    assert write_atomic(path, "a: 1\n") is False
    assert path.stat().st_mtime == 1_000_000
    assert leftovers(tmp_path) == []


def test_write_atomic_keeps_the_mode(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "a: 2\n")
    assert path.stat().st_mode & 0o777 == 0o640


class Boom(Exception):
    pass


def test_exception_mid_write_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "x.yaml"
    path.write_text("old: 1\n", encoding="utf-8")
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()
            return False

        def write(self, text):
            self.fh.write(text[: len(text) // 2])
            self.fh.flush()
            raise Boom("disk full")

    monkeypatch.setattr(yamlio.os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    with pytest.raises(Boom):
        write_atomic(path, "new: 2\n" * 1000)
    assert path.read_text(encoding="utf-8") == "old: 1\n"
    assert leftovers(tmp_path) == []


def test_exception_before_rename_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "x.yaml"
    path.write_text("old: 1\n", encoding="utf-8")

    def fail(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(yamlio.os, "replace", fail)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new: 2\n")
    assert path.read_text(encoding="utf-8") == "old: 1\n"
    assert leftovers(tmp_path) == []


CRASH = r"""
import os, sys
from generator import yamlio
def die(*args):
    os._exit(9)  # the process dies between writing the temporary file and the rename
yamlio.os.replace = die
yamlio.write_atomic(sys.argv[1], "new: 2\n" * 1000)
"""


def test_a_crash_during_write_keeps_the_old_file(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("old: 1\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", CRASH, str(path)], cwd=ROOT, capture_output=True, timeout=60)
    assert proc.returncode == 9
    assert path.read_text(encoding="utf-8") == "old: 1\n"
    # a hard kill cannot clean up: the temporary file is hidden (dot name) and never the real one
    assert all(name.startswith(".x.yaml.") for name in leftovers(tmp_path))
