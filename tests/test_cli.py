"""The command line's own behaviour: help, and a clear message when dependencies are missing."""

from __future__ import annotations

import subprocess
import sys

from generator import cli


def test_help_lists_every_command(capsys):
    assert cli.main([]) == 2
    out = capsys.readouterr().out
    for command in ("import", "check", "register", "absorb", "diff", "export", "lookup"):
        assert command in out


def test_missing_dependency_is_a_clear_message_not_a_traceback(monkeypatch, capsys):
    monkeypatch.setattr(cli, "REQUIRED", ("ruamel.yaml", "no_such_module_errdocs"))
    assert cli.main(["check"]) == 2
    err = capsys.readouterr().err
    assert "lacks the dependency 'no_such_module_errdocs'" in err and "make site" in err


def test_python_dash_m_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("errdocs ")
