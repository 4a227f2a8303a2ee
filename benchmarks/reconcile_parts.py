"""Time the parts of ``generator.reconcile.reconcile`` on one source folder, one process per run.

``python -m benchmarks.reconcile_parts SOURCE [SOURCE ...] [--runs 5]`` loads each source through
``generator.project.load_project``, as a build does, with a timer around its ``reconcile()`` call
and around each of reconcile's helper functions; the sources take turns, a fresh process per
measurement. Prints per source the median seconds and minor page faults of each part and of the
whole, and for two sources the ratio second/first of each (the 10,000 / 2,000 reading of
``benchmarks.run``, part by part). Faults tell a part that touches fresh memory from one that
does more work: on a virtual machine each costs microseconds.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

PARTS = ("_entry_conflicts", "_resolve", "_family_conflicts", "_catalog_conflicts", "_attach_decisions",
         "_check_related")


def _faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def measure(source: Path) -> dict[str, float]:
    """One ``load_project(source)`` in this process, the pipeline a build runs: seconds spent in
    ``reconcile`` and in each of its parts, and the minor page faults of each (``<part> faults``)."""
    import generator.project as project_mod
    import generator.reconcile as reconcile_mod

    spent = dict.fromkeys((*PARTS, "reconcile"), 0.0)
    spent.update(dict.fromkeys((f"{p} faults" for p in (*PARTS, "reconcile")), 0))

    def timed(module, name: str, key: str) -> None:
        func = getattr(module, name)

        def wrapper(*args, **kwargs):
            faults, started = _faults(), time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                spent[key] += time.perf_counter() - started
                spent[f"{key} faults"] += _faults() - faults
        setattr(module, name, wrapper)

    for name in PARTS:  # looked up as module globals by reconcile()
        timed(reconcile_mod, name, name)
    timed(project_mod, "reconcile", "reconcile")  # the name load_project calls
    project_mod.load_project(source)
    return spent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sources", nargs="+", type=Path, help="source folders (e.g. from benchmarks.synth)")
    ap.add_argument("--runs", type=int, default=5, help="processes per source, the sources taking turns")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child: one measurement
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.sources[0])))
        return 0
    samples: dict[Path, list[dict[str, float]]] = {s: [] for s in args.sources}
    for _ in range(args.runs):
        for source in args.sources:
            out = subprocess.run([sys.executable, "-m", "benchmarks.reconcile_parts", str(source), "--one"],
                                 capture_output=True, text=True, check=True).stdout
            samples[source].append(json.loads(out))
    medians = {s: {k: statistics.median(run[k] for run in runs) for k in runs[0]} for s, runs in samples.items()}
    width = max(len(p) for p in (*PARTS, "reconcile"))
    pair = len(args.sources) == 2
    header = "".join(f"{s.name + ' s':>14}" for s in args.sources) + (f"{'ratio':>8}" if pair else "")
    header += "".join(f"{s.name + ' faults':>16}" for s in args.sources) + (f"{'ratio':>8}" if pair else "")
    print(f"{'part':<{width}}{header}")
    for part in (*PARTS, "reconcile"):
        row = ""
        for key, form in ((part, "{:>14.4f}"), (f"{part} faults", "{:>16.0f}")):
            values = [medians[s][key] for s in args.sources]
            row += "".join(form.format(v) for v in values)
            if pair:
                row += f"{values[1] / values[0]:>8.2f}" if values[0] else f"{'—':>8}"
        print(f"{part:<{width}}{row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
