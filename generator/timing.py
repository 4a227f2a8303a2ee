"""Stage timing: the pipeline names its stages; a caller that wants their times passes a recorder.

``Stages(record).run("reconcile", reconcile, catalog, evidence)`` runs the call and, when it
returns, reports ``record("reconcile", seconds, value)``. Without a recorder it only runs the call.
A stage may set a part of its time apart with ``with part("catalog_parse"):`` somewhere below it
(the YAML parsing inside ``load_catalog``): the part is reported first, as a stage of its own, and
its time is taken out of the enclosing stage's.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Callable, Iterator, Optional

#: ``record(stage, seconds, value)``: ``value`` is what the stage returned (``None`` for a part).
Recorder = Callable[[str, float, Any], None]

_current: ContextVar[Optional["Stages"]] = ContextVar("errdocs_stage", default=None)


class Stages:
    """Runs named stages; reports each one's time to ``record`` as soon as it ends."""

    def __init__(self, record: Recorder | None = None):
        self.record = record
        self._parts: dict[str, float] = {}

    def run(self, name: str, fn: Callable, *args, **kwargs) -> Any:
        """Return ``fn(*args, **kwargs)``, timed as stage ``name`` when there is a recorder.

        Raises:
            Whatever ``fn`` raises; a stage that fails is not reported.
        """
        if self.record is None:
            return fn(*args, **kwargs)
        self._parts = {}
        token = _current.set(self)
        started = time.perf_counter()
        try:
            value = fn(*args, **kwargs)
        finally:
            _current.reset(token)
        seconds = time.perf_counter() - started
        for part_name, part_seconds in self._parts.items():
            self.record(part_name, part_seconds, None)
            seconds -= part_seconds
        self.record(name, seconds, value)
        return value


@contextmanager
def part(name: str) -> Iterator[None]:
    """Count the time of the block as part ``name`` of the stage running now, if one is timed."""
    stages = _current.get()
    if stages is None:
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        stages._parts[name] = stages._parts.get(name, 0.0) + time.perf_counter() - started
