"""The table of conflict kinds: complete in both languages, every detector at work, the rest derived."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from generator import catalog
from generator.catalog import CodeDecisionSchema, Entry, RevisionDecisionSchema, StatusDecisionSchema
from generator.conflict_kinds import ENTRY_KINDS, KIND, KINDS, well_formed_status
from generator.model import Row
from generator.project import load_project
from generator.site.render import Renderer, load_labels

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


def row(code: str, status: int | None = 404, text: str | None = "404 Not Found", revision: str = "r1",
        line: int = 1) -> Row:
    return Row(revision, "4xx", code, status, text, {"description": "d"}, line)


ENTRY = Entry(code="NoSuchKey", family="fam", path="fam.yaml", line=1, column=1)

#: For each kind detected over one entry's rows: rows that show it and rows that do not.
ENTRY_CASES = {
    "spelling": ([row("NoSuchKey"), row("NoSuchKeyy", line=2)], [row("NoSuchKey"), row("NoSuchKey", revision="r2")]),
    "status": ([row("NoSuchKey"), row("NoSuchKey", 410, "410 Gone", "r2")],
               [row("NoSuchKey"), row("NoSuchKey", 404, "404", "r2")]),
    "malformed-status": ([row("NoSuchKey", 412, "412 Precondition")], [row("NoSuchKey", 302, "302 Moved Temporarily")]),
    "duplicate": ([row("NoSuchKey"), row("NoSuchKey", line=2)], [row("NoSuchKey"), row("NoSuchKey", revision="r2")]),
}


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT / "source")


def test_every_kind_has_every_field_in_both_languages():
    assert [k.id for k in KINDS] == list(KIND)
    for kind in KINDS:
        assert kind.decision in ("status", "code", "revision"), kind.id
        assert kind.scope in ("entry", "family", "catalog"), kind.id
        assert callable(kind.detect), kind.id
        assert kind.how_to_decide.startswith("with a reason") or kind.how_to_decide.startswith("with a value")
        assert set(kind.where) <= {"entry", "family"} and "entry" in kind.where, kind.id
        for text in (kind.summary, kind.label):
            assert set(text) == {"en", "zh"} and all(text.values()), kind.id
        fields = [{f for _, f, _, _ in string.Formatter().parse(kind.summary[lang]) if f} for lang in ("en", "zh")]
        assert fields[0] == fields[1] and "code" in fields[0], kind.id


@pytest.mark.parametrize("kind_id", sorted(ENTRY_CASES))
def test_entry_detectors(kind_id):
    kind = KIND[kind_id]
    shows, not_shown = ENTRY_CASES[kind_id]
    conflict = kind.detect(ENTRY, shows)
    assert conflict is not None and conflict.kind == kind_id
    assert conflict.id == f"{kind_id}:fam/NoSuchKey" and conflict.entries == ["fam/NoSuchKey"]
    assert conflict.evidence and all(e["revision"] in ("r1", "r2") for e in conflict.evidence)
    for lang in ("en", "zh"):
        assert conflict.summary_in(lang).startswith("NoSuchKey")
    assert kind.detect(ENTRY, not_shown) is None
    assert kind.detect(ENTRY, []) is None


def test_entry_kinds_are_the_entry_scoped_ones_in_table_order():
    assert [k.id for k in ENTRY_KINDS] == sorted(ENTRY_CASES, key=list(KIND).index)


def test_every_detector_finds_its_kind_in_the_real_catalog(project):
    """The real evidence holds every kind; each conflict's summary formats in both languages."""
    found = {c.kind for c in project.reconciliation.conflicts}
    assert found == set(KIND)
    for conflict in project.reconciliation.conflicts:
        assert conflict.summary_in("en") and conflict.summary_in("zh")
    shared = [c for c in project.reconciliation.conflicts if c.kind == "shared-code"]
    assert all(len({k.split("/")[0] for k in c.entries}) > 1 for c in shared)
    similar = [c for c in project.reconciliation.conflicts if c.kind == "similar-code"]
    assert all(len({k.split("/")[0] for k in c.entries}) == 1 for c in similar)


def test_catalog_scoped_detectors_run_alone(project):
    by_kind = {k.id: k.detect(project.catalog, project.evidence) for k in KINDS if k.scope != "entry"}
    for kind_id, conflicts in by_kind.items():
        assert conflicts and {c.kind for c in conflicts} == {kind_id}
        ids = [c.id for c in project.reconciliation.conflicts if c.kind == kind_id]
        assert [c.id for c in conflicts] == ids


def test_family_decisions_stand_for_every_entry(project):
    """A kind decided on a family settles its conflicts there; shared-code is such a kind."""
    family_kinds = {k.id for k in KINDS if "family" in k.where}
    assert family_kinds == {"shared-code"}
    decided_by_family = [c for c in project.reconciliation.conflicts
                         if c.decision is not None and any(c.decision is f.decisions.get(c.kind)
                                                           for f in project.catalog.families.values())]
    assert decided_by_family and {c.kind for c in decided_by_family} <= family_kinds


def test_catalog_constants_derive_from_the_table():
    assert catalog.CONFLICT_KINDS == tuple(KIND)
    assert catalog.STATUS_KINDS == tuple(k.id for k in KINDS if k.decision == "status")
    assert catalog.FAMILY_KINDS == ("shared-code",)
    assert set(catalog.DECISION_FIELDS) == set(KIND)
    for kind in KINDS:
        schema = catalog.DECISION_FIELDS[kind.id].schema
        assert schema is {"status": StatusDecisionSchema, "code": CodeDecisionSchema,
                          "revision": RevisionDecisionSchema}[kind.decision]


def test_labels_used_by_templates_exist():
    labels = Renderer(TEMPLATES).labels
    for kind in KINDS:
        assert labels[f"kind_{kind.id}"] == kind.label
    used = set()
    for path in TEMPLATES.glob("*.j2"):
        used |= set(re.findall(r"t\('(kind_[a-z-]+)'", path.read_text(encoding="utf-8")))
        if "t('kind_' ~ c.kind)" in path.read_text(encoding="utf-8"):
            used |= {f"kind_{k.id}" for k in KINDS}
    assert used and used <= set(labels)


def test_labels_yaml_may_not_redefine_a_kind_label(tmp_path):
    text = (TEMPLATES / "labels.yaml").read_text(encoding="utf-8")
    (tmp_path / "labels.yaml").write_text(text + "kind_status: {en: x, zh: y}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="kind_status come from generator/conflict_kinds.py"):
        load_labels(tmp_path / "labels.yaml")


@pytest.mark.parametrize("text, ok", [("404", True), ("404 Not Found", True), ("302 Moved Temporarily", True),
                                      ("412 Precondition", False), ("40 Not Found", False), ("999 Odd", False)])
def test_well_formed_status(text, ok):
    assert well_formed_status(text) is ok
