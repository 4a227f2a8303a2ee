"""Issue 17, "every fact right": the rules that keep the real catalog's facts true, each
exercised on the real source the way a user meets it (lookup, API, links, check)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli.lookup import find
from generator.matching import string_codes
from generator.model import Row
from generator.project import load_project
from generator.site.api import spellings
from generator.site.crosslinks import compute_links
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent

#: ci-errors.intl.en.2023-01-18 lines 131-145: string codes given only in the "Error Message" column.
MEDIA_STRING_CODES = {
    "QueueNotFound": "1106", "TemplateNotFound": "1107", "BucketAlreadyBinded": "1100",
    "InvalidContentType": "1021", "BindedBucketNumLimit": "1109", "CreatedTemplateNumLimit": "1110",
    "MediaBucketUnBinded": "1111", "TemplateNameDuplicate": "1112",
    "ActiveWorkflowForbiddenUpdate": "1114", "WorkFlowNumLimit": "1120",
    "WriteTargetBucketDenied": "1124", "QueueNumLimit": "1145",
}


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT / "source")


def test_string_codes_of_a_row_name_message_and_variants():
    row = Row("r", "s", "-65011", None, None, {"name": "InvalidArgument", "message": "File is too large"}, 1,
              variants=[{"name": "ImageTooLarge", "message": "Input image's size exceeded limit"}])
    assert string_codes(row) == ["InvalidArgument", "ImageTooLarge"]
    media = Row("r", "s", "1106", None, None, {"message": "QueueNotFound", "description": "Queue not found"}, 1)
    assert string_codes(media) == ["QueueNotFound"]
    plain = Row("r", "s", "1", None, None, {"message": "Timeout"}, 1)
    assert string_codes(plain) == []


@pytest.mark.parametrize("name,code", sorted(MEDIA_STRING_CODES.items()))
def test_media_string_codes_are_found(project, name, code):
    key = f"ci-media-numeric/{code}"
    assert find(project, name)[0] == key
    assert find(project, name.lower())[0] == key
    assert key in spellings(project.reconciliation.resolved)[name.lower()]  # paste page and search


def test_lookup_cli_finds_a_string_code(capsys):
    rc, out, _ = run_cli(["lookup", "QueueNotFound", "--json", "--source", str(ROOT / "source")])
    assert rc == 0 and json.loads(out)[0]["key"] == "ci-media-numeric/1106"


def test_a_name_resolves_within_its_family_first(project):
    assert find(project, "ImageTooLarge")[0] == "cos-xml-api/ImageTooLarge"
    assert find(project, "ci-moderation/ImageTooLarge")[:2] == ["ci-moderation/-65011", "ci-moderation/-65024"]
    assert find(project, "ImageTooLarge", "ci-moderation")[-1] == "cos-xml-api/ImageTooLarge"
    links = compute_links(project.reconciliation.resolved)
    for key in ("ci-moderation/-65011", "ci-moderation/-65024"):
        assert "cos-xml-api/ImageTooLarge" not in links[key].paired
    assert "ci-media-api/AccessDenied" in links["ci-media-numeric/1018"].paired
