"""load_revisions keeps every field of the registry on the Revision, including origin.repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputError
from generator.importers import import_file
from generator.revision import blob_id, load_revisions

SOURCE = Path(__file__).resolve().parents[1] / "source"


def _write(tmp_path: Path, origin: str) -> Path:
    (tmp_path / "upstream").mkdir()
    (tmp_path / "upstream" / "p.md").write_text("| Code | Status |\n| --- | --- |\n| NoSuchKey | 404 |\n")
    (tmp_path / "revisions.yaml").write_text(
        "revisions:\n  - id: p.intl.en.2020-01-02\n    page: p\n    edition: intl\n    language: en\n"
        "    date: \"2020-01-02\"\n    file: upstream/p.md\n    format: markdown\n"
        f"    origin:\n{origin}    notes: a note\n")
    return tmp_path


def test_origin_repository_is_kept_on_the_revision(tmp_path):
    src = _write(tmp_path, "      repository: owner/docs\n      path: a/b.md\n      commit: abc123\n")
    [rev] = load_revisions(src)
    assert (rev.origin_repository, rev.origin_path, rev.origin_commit) == ("owner/docs", "a/b.md", "abc123")
    assert (rev.path, rev.notes) == ("upstream/p.md", "a note")


def test_origin_without_repository_reads_as_none(tmp_path):
    [rev] = load_revisions(_write(tmp_path, "      path: a page\n"))
    assert rev.origin_repository is None and rev.origin_commit is None


def test_every_repository_of_the_shipped_registry_reaches_its_revision():
    written = [line.split(":", 1)[1].strip().strip("\"") for line in (SOURCE / "revisions.yaml").read_text().splitlines()
               if line.strip().startswith("repository:")]
    kept = [r.origin_repository for r in load_revisions(SOURCE) if r.origin_repository is not None]
    assert kept == written and len(kept) > 20


def test_import_file_keeps_the_registered_revision_and_names_the_file_read(tmp_path):
    src = _write(tmp_path, "      repository: owner/docs\n      path: a/b.md\n")
    [rev] = load_revisions(src)
    result = import_file(src / rev.path, rev)
    assert result.revision is rev
    assert [r.code for r in result.rows] == ["NoSuchKey"]


def test_origin_blob_is_kept_and_checked_for_form(tmp_path):
    blob = blob_id(b"| Code | Status |\n| --- | --- |\n| NoSuchKey | 404 |\n")
    [rev] = load_revisions(_write(tmp_path, f"      path: a/b.md\n      blob: \"{blob}\"\n"))
    assert rev.origin_blob == blob
    (tmp_path / "revisions.yaml").write_text((tmp_path / "revisions.yaml").read_text().replace(blob, "abc"))
    with pytest.raises(InputError) as exc:
        load_revisions(tmp_path)
    assert [(p.line, p.column) for p in exc.value.problems] == [(11, 13)]
    assert "40-hex git blob id" in str(exc.value.problems[0])


def test_every_shipped_revision_records_the_blob_of_its_snapshot():
    revisions = load_revisions(SOURCE)
    assert all(r.origin_blob == blob_id((SOURCE / r.path).read_bytes()) for r in revisions)


def test_a_missing_snapshot_is_an_error_unless_files_are_not_required(tmp_path):
    src = _write(tmp_path, "      path: a/b.md\n")
    (src / "upstream" / "p.md").unlink()
    with pytest.raises(InputError) as exc:
        load_revisions(src)
    assert "file not found: upstream/p.md" in str(exc.value.problems[0])
    assert [r.path for r in load_revisions(src, require_files=False)] == ["upstream/p.md"]
