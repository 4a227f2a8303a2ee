"""Guide cases attached to the catalog: unknown codes are check errors, guide messages are message variants."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.evidence import message_variants
from generator.project import load_project

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT / "source")


def test_every_case_with_a_code_finds_its_entry(project):
    cases = project.evidence.cases
    assert len({c.revision.id for c in cases}) == 23
    assert all(c.key is not None for c in cases if c.case.code is not None)
    assert {c.key for c in cases if c.key} == {"cos-xml-api/AccessDenied", "cos-xml-api/SignatureDoesNotMatch",
                                               "cos-xml-api/InvalidPolicyDocument", "cos-xml-api/MalformedPOSTRequest",
                                               "cos-xml-api/NoSuchKey"}
    bare = [c for c in cases if c.case.code is None]
    assert bare and {(c.revision.page, c.case.status) for c in bare} == {("cos-cdn-403-guide", 403)}


def test_guide_messages_are_message_variants_not_codes(project):
    variants = {c.case.message: c for c in message_variants(project.evidence, "cos-xml-api/AccessDenied")}
    assert "You are denied by bucket referer rule" in variants and "Access Denied." in variants
    # a message that is another code of the family names that entry (the page cross-links it)
    assert variants["InvalidAccessKeyId"].names == "cos-xml-api/InvalidAccessKeyId"
    assert variants["You are denied by bucket referer rule"].names is None
    # recorded on the entry, never a new code
    assert not any(e.code == "You are denied by bucket referer rule" for e in project.catalog.entries)
    assert project.errors == []


def test_unknown_code_in_a_guide_is_a_located_check_error(tmp_path, capsys):
    source = tmp_path / "source"
    shutil.copytree(ROOT / "source", source)
    text = ("## Symptom\n\n403 is returned.\n\n## Troubleshooting\n\n### Message: \"<b>x</b>\"\n\n```\n"
            "<Code>NoSuchThingEver</Code>\n<Message><b>x</b></Message>\n```\n\n1. Do it.\n")
    (source / "upstream" / "cos-403-guide.intl.en.2030-01-01.md").write_text(text, encoding="utf-8")
    with (source / "revisions.yaml").open("a", encoding="utf-8") as f:
        f.write("  - id: cos-403-guide.intl.en.2030-01-01\n    page: cos-403-guide\n    edition: intl\n"
                "    language: en\n    date: \"2030-01-01\"\n    file: upstream/cos-403-guide.intl.en.2030-01-01.md\n"
                "    format: guide\n    origin:\n      path: \"made in the test\"\n")
    assert main(["check", "--source", str(source)]) == 1
    err = capsys.readouterr()
    out = err.out + err.err
    assert (f"upstream/cos-403-guide.intl.en.2030-01-01.md:7:1: guide case 'Message: \"x\"' answers code "
            f"'NoSuchThingEver', which matches no entry of family cos-xml-api") in out
