"""The catalog's dataclasses carry their schema: each YAML field is declared once, on the object."""

from __future__ import annotations

from pathlib import Path

from generator.catalog import (CodeDecisionSchema, Decision, Entry, Family, Service, StatusDecisionSchema,
                               load_catalog)
from generator.schema import Where, build, fields_of
from generator.yamlio import load_yaml

SOURCE = Path(__file__).resolve().parents[1] / "source"


def test_yaml_keys_are_the_declared_fields_in_order():
    assert list(fields_of(Entry)) == ["code", "aliases", "related", "text", "decisions"]
    assert list(fields_of(Family)) == ["id", "title", "summary", "kind", "sources", "decisions", "english_only", "entries"]
    assert list(fields_of(Service)) == ["id", "title", "summary", "families"]
    assert list(fields_of(StatusDecisionSchema)) == list(fields_of(CodeDecisionSchema)) == ["value", "reason"]


def test_loading_yields_the_objects_with_their_owner_and_place():
    catalog = load_catalog(SOURCE)
    decisions = 0
    for family in catalog.families.values():
        assert family.path.endswith(f"catalog/{family.id}.yaml") and family.service
        assert all(s.pattern is not None and s.pattern.pattern == s.section for s in family.sources)
        for entry in family.entries:
            assert (entry.family, entry.key, entry.path) == (family.id, f"{family.id}/{entry.code}", family.path)
            assert entry.line >= 1 and "code" in entry.positions
            for kind, decision in [*entry.decisions.items(), *family.decisions.items()]:
                assert isinstance(decision, Decision) and decision.kind == kind and decision.path == family.path
                assert set(decision.reason) == {"en", "zh"} and decision.line >= 1
                decisions += 1
    assert decisions > 0


def _node(tmp_path: Path, text: str):
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    return load_yaml(tmp_path / "x.yaml")


def test_a_dataclass_without_its_own_reader_is_made_by_field_name(tmp_path):
    node = _node(tmp_path, "id: cos\ntitle: {en: COS, zh: 对象存储}\nsummary: {en: x, zh: 甲}\nfamilies: [a, b]\n")
    problems: list = []
    service = build(Service, node, Where("services.yaml"), problems)
    assert problems == []
    assert service == Service("cos", {"en": "COS", "zh": "对象存储"}, {"en": "x", "zh": "甲"}, ["a", "b"])


def test_an_entry_without_a_valid_code_is_left_out_but_its_problems_kept(tmp_path):
    node = _node(tmp_path, "code: bad code\naliases: [X]\n")
    problems: list = []
    assert build(Entry, node, Where("f.yaml", owner="fam"), problems) is None
    assert [str(p) for p in problems] == [
        "f.yaml:1:7: code: invalid value 'bad code'; a canonical code is a number like -46618 or an ASCII "
        "identifier like NoSuchKey (no spaces, '/', '..', '?', '#', '%' or non-ASCII; record other spellings "
        "under aliases)"]
