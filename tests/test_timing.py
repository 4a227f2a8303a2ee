"""The pipeline's timing hook: stages reported in order, parts set apart, nothing without a recorder."""

from __future__ import annotations

import time

import pytest

from generator.project import load_project
from generator.timing import Stages, part


def test_a_stage_reports_its_time_and_value():
    seen = []
    stages = Stages(lambda name, seconds, value: seen.append((name, seconds, value)))
    assert stages.run("double", lambda x: 2 * x, 21) == 42
    assert [(n, v) for n, _, v in seen] == [("double", 42)] and seen[0][1] >= 0


def test_a_part_is_reported_first_and_taken_out_of_its_stage():
    seen = {}
    order = []

    def work():
        with part("inner"):
            time.sleep(0.05)
        time.sleep(0.02)

    Stages(lambda name, seconds, value: (order.append(name), seen.__setitem__(name, seconds))).run("outer", work)
    assert order == ["inner", "outer"]
    assert seen["inner"] >= 0.05 and 0.02 <= seen["outer"] < 0.05


def test_without_a_recorder_parts_and_stages_only_run():
    with part("nobody listens"):
        pass
    assert Stages().run("x", lambda: "done") == "done"


def test_a_failing_stage_is_not_reported():
    seen = []
    with pytest.raises(ValueError):
        Stages(lambda *a: seen.append(a)).run("boom", lambda: int("x"))
    assert seen == []


def test_load_project_reports_every_stage_in_order(tmp_path):
    from benchmarks.synth import write_source

    write_source(tmp_path / "source", 30)
    seen = []
    project = load_project(tmp_path / "source", record=lambda name, seconds, value: seen.append((name, value)))
    assert [n for n, _ in seen] == ["revisions", "catalog_parse", "catalog_validate", "import", "evidence",
                                    "reconcile"]
    values = dict(seen)
    assert values["catalog_validate"] is project.catalog
    assert values["reconcile"] is project.reconciliation
