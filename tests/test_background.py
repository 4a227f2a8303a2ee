"""The JSON outputs are written by a forked process beside page rendering: results, failures, cleanup."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

import generator.site.api
from generator.site.background import BackgroundJob

ROOT = Path(__file__).resolve().parent.parent


def _write(path: str, text: str) -> int:
    Path(path).write_text(text, encoding="utf-8")
    return os.getpid()


def test_job_runs_in_another_process_and_returns_its_value(tmp_path):
    job = BackgroundJob(_write, str(tmp_path / "out.txt"), "written by the child")
    pid, seconds = job.join()
    assert pid != os.getpid()
    assert seconds >= 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "written by the child"
    assert job.join() == (pid, seconds)  # joined once, remembered


def test_without_fork_the_job_runs_at_once(tmp_path):
    job = BackgroundJob(_write, str(tmp_path / "out.txt"), "inline", fork=False)
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "inline"  # before join
    assert job.join()[0] == os.getpid()


def _fail():
    raise ValueError("no space left in the test")


def test_a_failing_job_raises_with_the_child_traceback():
    job = BackgroundJob(_fail)
    with pytest.raises(RuntimeError, match="ValueError: no space left in the test"):
        job.join()


def _die():
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_killed_job_is_an_error_not_a_hang():
    with pytest.raises(RuntimeError, match="ended with status -9"):
        BackgroundJob(_die).join()


def test_cancel_stops_and_reaps_a_running_job():
    job = BackgroundJob(time.sleep, 30)
    pid = job.pid
    started = time.monotonic()
    job.cancel()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: no zombie left


def test_build_fails_and_keeps_the_old_site_when_the_json_job_fails(tmp_path, monkeypatch, caplog):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError("disk full while writing the API")

    monkeypatch.setattr(generator.site.api, "api_files", broken)  # the forked child inherits it
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True)
    with pytest.raises(Abort):
        build(config)
    assert "errdocs: writing the JSON catalogs and API failed" in caplog.text
    assert "OSError: disk full while writing the API" in caplog.text
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # the half-built folder is gone


@pytest.mark.parametrize("command", ["build", "serve"])
def test_builds_fork_and_freeze_the_dev_server_does_neither(tmp_path, command):
    import gc
    from mkdocs.structure.files import Files

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command=command, dirty=False)
    plugin = config.plugins["errdocs"]
    frozen = gc.get_freeze_count()
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_files(Files([]), config=config)
        forked = plugin.mode.json_job.pid is not None
        assert forked == (command == "build")
        assert (gc.get_freeze_count() > frozen) == (command == "build")
    finally:
        plugin.on_build_error(error=None)  # stops the job, removes the half-built folder
        gc.unfreeze()
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]
