"""Run one job in a forked child process while the build goes on (the JSON catalogs and API are
written while mkdocs renders pages: a second core does them). Where ``fork`` is missing the job
runs at once, in this process."""

from __future__ import annotations

import json
import os
import time
import traceback
from typing import Callable


class BackgroundJob:
    """``BackgroundJob(fn, *args)`` starts ``fn(*args)`` (it returns a JSON-able value; with
    ``fork=False`` it runs at once);
    ``join()`` waits and returns ``(value, seconds the job took)``, or raises ``RuntimeError``
    with the child's traceback. The child shares nothing back but that value."""

    def __init__(self, fn: Callable, *args, fork: bool = True):
        self.pid: int | None = None
        self._done: tuple | None = None
        if not (fork and hasattr(os, "fork")):
            started = time.monotonic()
            self._done = (fn(*args), time.monotonic() - started)
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run, report through the pipe, leave without cleanup handlers
            os.close(read)
            code = 0
            try:
                started = time.monotonic()
                report = {"value": fn(*args), "seconds": time.monotonic() - started}
            except BaseException:
                report, code = {"error": traceback.format_exc()}, 1
            try:
                with os.fdopen(write, "w", encoding="utf-8") as out:
                    json.dump(report, out)
            finally:
                os._exit(code)
        os.close(write)
        self.pid, self._read = pid, read

    def join(self) -> tuple:
        if self._done is not None:
            return self._done
        with os.fdopen(self._read, encoding="utf-8") as pipe:
            text = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        try:
            report = json.loads(text)
        except ValueError:
            report = {"error": f"the job's process ended with status {os.waitstatus_to_exitcode(status)}"}
        if "error" in report:
            raise RuntimeError(report["error"])
        self._done = (report["value"], report["seconds"])
        return self._done

    def cancel(self) -> None:
        """Stop a job still running (a failed build) and reap it."""
        if self.pid is not None:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            os.close(self._read)
            self.pid = None
