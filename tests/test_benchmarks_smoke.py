"""Smoke test of benchmarks/: a tiny synthetic catalog is valid and the benchmark runs end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.synth import write_source
from generator.project import load_project

ROOT = Path(__file__).resolve().parent.parent


def test_synthetic_catalog_of_50_is_valid(tmp_path):
    summary = write_source(tmp_path / "source", 50)
    project = load_project(tmp_path / "source")
    s = project.summary()
    assert s["errors"] == 0, [str(p) for p in project.errors]
    assert s["families"] == 17 and s["entries"] == summary["entries"] >= 50
    assert s["rows"] == s["rows_covered"] > s["entries"]
    assert s["conflicts"] == s["conflicts_decided"] > 0
    assert s["entries_bilingual"] == s["entries"]
    codes = {e.code for e in project.catalog.entries}
    assert {"NoSuchKey", "-46618", "1013"} <= codes


def test_benchmark_runs_end_to_end_at_tiny_size(tmp_path):
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "benchmarks.run", "--sizes", "50", "--no-browser", "--out", str(out)],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "| N (entries) |" in r.stdout
    result = json.loads((out / "result-50.json").read_text(encoding="utf-8"))
    assert result["stages"]["complete"]
    assert set(result["stages"]["aggregate"]) == {"load", "validate", "reconcile", "render"}
    # every stage touches some fresh memory, the rendering most
    faults = {name: d["minor_faults"] for name, d in result["stages"]["stages"].items()}
    assert all(n >= 0 for n in faults.values()) and faults["render"] > 0
    assert result["build"]["returncode"] == 0 and result["build"]["html_pages"] > 0
    assert result["build"]["index_en_gzip_bytes"] > 0 and result["build"]["index_zh_gzip_bytes"] > 0
    assert result["baseline"]["returncode"] == 0
    # the plugin's own work is read from its log lines: a reworded line must not go unnoticed
    build = result["build"]
    assert build["plugin_own_s"] == round(sum(build[k] for k in ("plugin_load_s", "plugin_generate_s",
                                                                "plugin_split_s", "plugin_json_s")), 3)
    assert json.loads((out / "results.json").read_text(encoding="utf-8"))["results"][0]["size"] == "50"


def test_stage_runs_take_turns_between_sizes(tmp_path):
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "benchmarks.run", "--sizes", "30,60", "--full-build-max", "0",
                        "--stage-runs", "2", "--no-browser", "--out", str(out)],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    turns = [line.split("] ", 1)[1] for line in r.stderr.splitlines() if "stage process" in line]
    assert turns == ["30: stage process 1/2", "60: stage process 1/2", "30: stage process 2/2",
                     "60: stage process 2/2"]
    for size, other in (("30", ["60"]), ("60", ["30"])):
        result = json.loads((out / f"result-{size}.json").read_text(encoding="utf-8"))
        stages = result["stages"]
        assert stages["complete"] and stages["interleaved_with"] == other
        assert "skipped" in result["build"]
        runs = stages["stages"]["reconcile"]["runs"]
        assert len(runs) == 2 and stages["stages"]["reconcile"]["seconds"] == round(sum(runs) / 2, 4)


def test_reconcile_parts_times_every_part(tmp_path):
    for n in (20, 40):
        write_source(tmp_path / str(n), n)
    r = subprocess.run([sys.executable, "-m", "benchmarks.reconcile_parts", str(tmp_path / "20"), str(tmp_path / "40"),
                        "--runs", "1"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    rows = {line.split()[0]: line.split()[1:] for line in r.stdout.splitlines()[1:]}
    assert set(rows) == {"_entry_conflicts", "_resolve", "_family_conflicts", "_catalog_conflicts", "_attach_decisions",
                         "_check_related", "reconcile"}
    whole = float(rows["reconcile"][1])
    assert all(len(v) == 6 for v in rows.values()) and whole > 0  # seconds x2, ratio, faults x2, ratio
    assert sum(float(v[1]) for k, v in rows.items() if k != "reconcile") <= whole
    faults = int(rows["reconcile"][4])
    assert 0 <= sum(int(v[4]) for k, v in rows.items() if k != "reconcile") <= faults


def test_harvest_benchmark_runs_at_tiny_size():
    r = subprocess.run([sys.executable, "-m", "benchmarks.harvest", "--commits", "200", "--files", "30",
                        "--revisions", "6", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    result = json.loads(r.stdout)
    assert result["page_revisions"] == 6
    assert (result["first_status"], result["first_new"]) == (1, 6)  # every whitespace-only edit is a revision
    assert (result["second_status"], result["second_new"]) == (0, 0)
