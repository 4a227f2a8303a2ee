"""The command line's own behaviour: help, and a clear message when dependencies are missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cli


def test_help_lists_every_command(capsys):
    assert cli.main([]) == 2
    out = capsys.readouterr().out
    for command in ("import", "check", "register", "absorb", "diff", "export", "lookup"):
        assert command in out


def test_missing_dependency_is_a_clear_message_not_a_traceback(monkeypatch, capsys):
    monkeypatch.setattr(cli, "REQUIRED", ("ruamel.yaml", "no_such_module_errdocs"))
    monkeypatch.setenv("ERRDOCS_RERUN_IN_VENV", "1")  # as in a re-run that still lacks it: no second re-run
    assert cli.main(["check"]) == 2
    err = capsys.readouterr().err
    assert "lacks the dependency 'no_such_module_errdocs'" in err and "make site" in err


def test_python_dash_m_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("errdocs ")


def test_another_python_runs_the_command_under_the_project_venv():
    """``python -m generator check`` with a Python lacking the dependencies (the one the venv was
    made from) re-runs itself under ``.venv/bin/python`` instead of stopping with a message."""
    root = Path(__file__).resolve().parent.parent
    if not (root / ".venv" / "bin" / "python").exists():
        pytest.skip("no .venv: `make site` or `make test` makes it")
    base = Path(sys.base_prefix) / "bin" / "python3"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "ERRDOCS_RERUN_IN_VENV")}
    lacks = subprocess.run([str(base), "-c", "import ruamel.yaml"], capture_output=True, env=env).returncode != 0
    if not lacks:
        pytest.skip(f"{base} has the dependencies itself: nothing to re-run")
    done = subprocess.run([str(base), "-m", "generator", "check", "--json"], cwd=root, capture_output=True,
                          text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"errors": 0' in done.stdout
