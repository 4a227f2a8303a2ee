"""The catalog index (which family and entry a row belongs to) and the one absorb plan built on it."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from generator.absorb import plan_absorb
from generator.diff import intake, load_side
from generator.matching import CatalogIndex, codes_by_table
from generator.project import load_project

from helpers import FAMILY, FAMILY_YAML, REAL_UPSTREAM, SNAPSHOT_EN, make_project, replace_once, run_cli

PAGE = "ci-media-errors"
NEW = "ci-media-errors.intl.en.2027-01-15.md"
QUEUE_PAUSED = "| QueuePaused                | The queue is suspended.                                                 | 403 Forbidden                     |\n"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return load_project(make_project(tmp_path_factory.mktemp("base")))


def test_family_for_page_and_table(base, tmp_path):
    index = base.evidence.index
    family = base.catalog.families["ci-media-api"]
    assert index.family_for(PAGE, "Error Codes") is family
    assert index.families(PAGE, "anything") == (family,)
    assert index.family_for("cos-errors", "Error Codes") is None and index.families("cos-errors", "x") == ()
    two = FAMILY_YAML.replace("id: ci-media-api", "id: ci-media-api-2")
    src = make_project(tmp_path, {"source/catalog/ci-media-api-2.yaml": two, "source/catalog/services.yaml":
                                  Path(make_project(tmp_path) / "catalog/services.yaml").read_text(encoding="utf-8")
                                  .replace("[ci-media-api]", "[ci-media-api, ci-media-api-2]")})
    index = CatalogIndex(load_project(src).catalog)
    assert [f.id for f in index.families(PAGE, "Error Codes")] == ["ci-media-api", "ci-media-api-2"]
    assert index.family_for(PAGE, "Error Codes") is None  # several: the row is no one's


def test_entry_for_is_exact(base):
    index = base.evidence.index
    family = base.catalog.families["ci-media-api"]
    assert index.entry_for(family, "SlowDown").key == "ci-media-api/SlowDown"
    assert index.entry_for(family, "slowdown") is None and index.entry_for(family, "SlowDow") is None
    assert all(key == index.entry_for(family, row.code).key for row, key in base.evidence.rows)


def test_suggest_near_spellings_but_not_beside_or_numbers(base):
    index = base.evidence.index
    family = base.catalog.families["ci-media-api"]
    assert index.suggest(family, "SlowDwn") == ("SlowDown", index.entry_for(family, "SlowDown"))
    assert index.suggest(family, "slowdown")[0] == "SlowDown"  # case alone
    assert index.suggest(family, "SlowDwn", beside={"SlowDwn", "SlowDown"}) is None  # two codes side by side
    assert index.suggest(family, "Unrelated") is None and index.suggest(family, "-1") is None


def test_suggest_a_code_run_together_with_a_word(base):
    """Upstream once wrote "RequestIsNotMultiPartContent<TAB>Bucket" in one cell: no canonical code,
    too far from any spelling by edits, yet a variant of the code it starts with."""
    index = base.evidence.index
    family = base.catalog.families["ci-media-api"]
    entry = index.entry_for(family, "SlowDown")
    assert index.suggest(family, "SlowDown\tBucket") == ("SlowDown", entry)
    assert index.suggest(family, "Please SlowDown now") == ("SlowDown", entry)
    assert index.suggest(family, "SlowDown Bucket", beside={"SlowDown"}) is None
    assert index.suggest(family, "Unknown Words") is None


def test_spelled_on_page_and_uniqueness_errors(base, tmp_path):
    spelled = base.evidence.index.spelled_on(PAGE)
    assert [e.key for e in spelled["AccessDenied"]] == ["ci-media-api/AccessDenied"]
    assert base.evidence.index.spelled_on("cos-errors") == {}
    doubled = replace_once(FAMILY_YAML, "  - code: QueuePaused\n", "  - code: QueuePaused\n    aliases: [SlowDown]\n")
    catalog = load_project(make_project(tmp_path, {FAMILY: doubled})).catalog
    index = CatalogIndex(catalog)
    assert [p.message for p in index.errors] == [
        "code 'SlowDown' is already used by QueuePaused (line 42); codes and aliases must be "
        "unique within family ci-media-api"]
    assert index.entry_for(catalog.families["ci-media-api"], "SlowDown").code == "QueuePaused"  # the first keeps it


def test_codes_by_table(base):
    rows = base.evidence.imports["ci-media-errors.intl.en.2021-12-31"].rows
    tables = codes_by_table(rows)
    assert set(tables) == {r.section for r in rows}
    assert tables["3XX errors"] == {"PermanentRedirect", "TemporaryRedirect"}
    assert sum(len(codes) for codes in tables.values()) == len({(r.section, r.code) for r in rows})


# ---------------------------------------------------------------- one plan: absorb and diff --catalog

def new_revision(tmp_path: Path, replace: str) -> Path:
    text = (REAL_UPSTREAM / SNAPSHOT_EN).read_text(encoding="utf-8")
    path = tmp_path / NEW
    path.write_text(replace_once(text, QUEUE_PAUSED, replace), encoding="utf-8")
    return path


def plans(tmp_path: Path, replace: str) -> tuple[list[tuple], list[str], list[str]]:
    """diff --catalog items (kind, code, entry) of the new revision; absorb's lines once it is
    registered; ``check``'s message about the new code."""
    src = make_project(tmp_path / "p")
    file = new_revision(tmp_path, replace)
    with contextlib.chdir(tmp_path):
        code, out, _ = run_cli(["diff", "--catalog", str(file), "--source", str(src), "--format", "json"])
        assert code == 1
        items = [(i["kind"], i["code"], i["entry"]) for i in json.loads(out)["items"]]
        assert run_cli(["register", str(file), "--source", str(src)])[0] == 0
        code, absorbed, _ = run_cli(["absorb", "--source", str(src)])
        assert code == 1
        _, _, err = run_cli(["check", "--source", str(src)])
    return items, absorbed.splitlines()[:-1], [line for line in err.splitlines() if "QueuePause'" in line]


def test_a_near_spelling_alone_is_an_alias_for_both_commands(tmp_path):
    items, absorbed, checked = plans(tmp_path, QUEUE_PAUSED.replace("QueuePaused", "QueuePause "))
    assert items == [("new-spelling", "QueuePause", "ci-media-api/QueuePaused")]
    assert absorbed == ["ci-media-api: add alias 'QueuePause' to QueuePaused (ci-media-errors.intl.en.2027-01-15:68)"]
    assert "did you mean 'QueuePaused'?" in checked[0]


def test_a_near_spelling_beside_its_twin_is_a_new_code_for_both_commands(tmp_path):
    """Before the one plan, ``diff --catalog`` called QueuePause a new spelling of QueuePaused even
    where both stand in the same table (so are two codes); ``absorb`` and now every command say
    it is a new code, and ``check`` suggests no alias."""
    items, absorbed, checked = plans(tmp_path, QUEUE_PAUSED + QUEUE_PAUSED.replace("QueuePaused", "QueuePause "))
    assert items == [("new-code", "QueuePause", None)]
    assert absorbed == ["ci-media-api: add entry 'QueuePause' (ci-media-errors.intl.en.2027-01-15:69)"]
    assert "did you mean" not in checked[0] and checked[0].endswith("add an entry for it")


def test_absorb_plans_what_diff_catalog_plans(tmp_path):
    """For a registered revision, absorb's steps are diff --catalog's new codes and spellings."""
    file = new_revision(tmp_path, QUEUE_PAUSED.replace("QueuePaused", "QueuePause ") + "| BrandNew | x | 400 Bad Request |\n")
    src = make_project(tmp_path / "p")
    assert run_cli(["register", str(file), "--source", str(src)])[0] == 0
    project = load_project(src)
    steps, unplaced = plan_absorb(project)
    found = intake(project, load_side(NEW.removesuffix(".md"), src, project.revisions))
    assert not unplaced and found.registered
    assert [str(s) for s in steps] == [str(i) for i in found.items if i.kind in ("new-code", "new-spelling")]
    assert [s.kind for s in steps] == ["new-spelling", "new-code"]


def test_new_conflicts_come_from_the_conflict_detectors(tmp_path):
    """A decided status conflict reopens for a status number its decision never weighed; an
    undecided one is new; a decided one with known numbers is not."""
    text = (REAL_UPSTREAM / SNAPSHOT_EN).read_text(encoding="utf-8")
    text = text.replace("| No permission.                                                     | 401 Unauthorized ",
                        "| No permission.                                                     | 404 Not Found ")
    text = replace_once(text, "| 429 Too Many Requests ", "| 503 Service Unavailable ")
    file = tmp_path / NEW
    file.write_text(text, encoding="utf-8")
    src = make_project(tmp_path / "p")
    project = load_project(src)
    found = intake(project, load_side(str(file), src, project.revisions))
    assert [(i.kind, i.code, i.entry, i.suggestion.split(" on ")[0]) for i in found.items] == [
        ("new-conflict", "AccessDenied", "ci-media-api/AccessDenied", "record decisions.status"),
        ("new-conflict", "SlowDown", "ci-media-api/SlowDown", "record decisions.status"),
    ]
    assert found.items[1].detail == "SlowDown has different statuses: 429, 503"
    registered = load_side("ci-media-errors.intl.en.2021-12-31", src, project.revisions)
    assert intake(project, registered).items == []
