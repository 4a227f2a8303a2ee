"""register + absorb: a new upstream revision flows into the catalog without losing edits."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.cli import main
from generator.revision import blob_id

NEW_NAME = "cos-errors.intl.en.2027-01-15.md"


def new_revision(tmp_path: Path) -> Path:
    """The 2023 intl page with a typo introduced and a code added, as a future revision might."""
    text = Path("source/upstream/cos-errors.intl.en.2023-07-10.md").read_text(encoding="utf-8")
    text = text.replace("| 404 Not Found | NoSuchKey |", "| 404 Not Found | NoSuchKeyy |")
    text = text.replace("| 409 Conflict | UploadConflict |",
                        "| 409 Conflict | BrandNewConflict | A code nobody has seen |\n"
                        "| 409 Conflict | UploadConflict |")
    path = tmp_path / NEW_NAME
    path.write_text(text, encoding="utf-8")
    return path


def copy_source(tmp_path: Path) -> Path:
    src = tmp_path / "source"
    shutil.copytree("source", src)
    return src


def test_register_absorb_check_cycle(tmp_path, capsys):
    src = copy_source(tmp_path)
    snapshot = new_revision(tmp_path)
    before = (src / "catalog" / "cos-xml-api.yaml").read_text(encoding="utf-8")

    assert main(["register", str(snapshot), "--source", str(src), "--commit", "abc123"]) == 0
    assert (src / "upstream" / NEW_NAME).read_bytes() == snapshot.read_bytes()
    registry = (src / "revisions.yaml").read_text(encoding="utf-8")
    assert registry.endswith(
        "  - id: cos-errors.intl.en.2027-01-15\n    page: cos-errors\n    edition: intl\n"
        "    language: en\n    date: \"2027-01-15\"\n    file: upstream/cos-errors.intl.en.2027-01-15.md\n"
        "    format: markdown\n    origin:\n      path: \"cos-errors.intl.en.2027-01-15.md\"\n"
        f"      commit: \"abc123\"\n      blob: \"{blob_id(snapshot.read_bytes())}\"\n")
    assert main(["register", str(snapshot), "--source", str(src)]) == 0
    assert (src / "revisions.yaml").read_text(encoding="utf-8") == registry  # idempotent

    assert main(["check", "--source", str(src)]) == 1
    assert main(["absorb", "--source", str(src)]) == 1
    out = capsys.readouterr().out
    assert "cos-xml-api: add alias 'NoSuchKeyy' to NoSuchKey (cos-errors.intl.en.2027-01-15:136)" in out
    assert "cos-xml-api: add entry 'BrandNewConflict' (cos-errors.intl.en.2027-01-15:164)" in out

    assert main(["absorb", "--source", str(src), "--write"]) == 0
    after = (src / "catalog" / "cos-xml-api.yaml").read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["    aliases: [NoSuchKeyy]", "  - code: BrandNewConflict"]
    assert after.splitlines()[0] == before.splitlines()[0]  # header comment kept

    capsys.readouterr()
    assert main(["absorb", "--source", str(src), "--write"]) == 0
    assert "nothing to absorb" in capsys.readouterr().out
    assert (src / "catalog" / "cos-xml-api.yaml").read_text(encoding="utf-8") == after

    # what is left is for people: a spelling decision and a Chinese text
    assert main(["check", "--source", str(src)]) == 1
    err = capsys.readouterr().err
    assert "undecided spelling conflict: NoSuchKey is spelled 2 ways: NoSuchKey, NoSuchKeyy" in err
    assert "BrandNewConflict: description has en text but no zh" in err


def test_register_refuses_unreadable_input_and_writes_nothing(tmp_path, capsys):
    src = copy_source(tmp_path)
    bad = tmp_path / "cos-errors.intl.en.2027-02-01.md"
    bad.write_bytes(b"| a | b |\n\x00\x01binary")
    registry = (src / "revisions.yaml").read_bytes()
    assert main(["register", str(bad), "--source", str(src)]) == 1
    assert "not a text file" in capsys.readouterr().err
    assert (src / "revisions.yaml").read_bytes() == registry
    assert not (src / "upstream" / bad.name).exists()


def test_register_needs_an_id_it_can_trust(tmp_path, capsys):
    src = copy_source(tmp_path)
    odd = tmp_path / "errors.md"
    odd.write_text("| 错误码 | 含义 |\n| --- | --- |\n| -1 | 失败 |\n", encoding="utf-8")
    assert main(["register", str(odd), "--source", str(src)]) == 1
    assert "cannot tell page, edition, language and date from the file name" in capsys.readouterr().err
    assert main(["register", str(odd), "--source", str(src), "--id", "wanxiang-errors.cn.zh.2018-01-01"]) == 0
    assert (src / "upstream" / "wanxiang-errors.cn.zh.2018-01-01.md").exists()
