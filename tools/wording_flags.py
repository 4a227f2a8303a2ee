"""How many wording changes the ``wording`` check flags: today (the conflicts ``check`` lists, one
per entry) and over the whole history (each revision's wordings against the revision before it,
as if each had been the newest when it came). The number to keep decidable is the first.

Usage (from the repository root)::

    .venv/bin/python tools/wording_flags.py [--source source] [--list]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.project import load_project  # noqa: E402
from generator.wording import glossary_terms, history_changes  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default="source")
    parser.add_argument("--list", action="store_true", help="print each change flagged over the history")
    args = parser.parse_args()
    project = load_project(args.source)
    rec = project.reconciliation
    now = [c for c in rec.conflicts if c.kind == "wording"]
    chosen = sum(1 for c in now if c.decision is not None and c.decision.value is not None)
    terms = glossary_terms(Path(args.source))
    revs = project.evidence.revision
    changes = [c for key in rec.resolved for c in history_changes(project.evidence.by_entry.get(key, []), revs, terms)]
    why = Counter("dropped" if c.terms == ("dropped",) else "no content word shared" if "~" in c.terms
                  else "key terms" for c in changes)
    print(f"flagged now: {len(now)} entries ({sum(c.decision is not None for c in now)} decided, "
          f"{chosen} choose an earlier wording)")
    print(f"over the whole history: {len(changes)} changes in {len({c.new.revision for c in changes})} revisions "
          f"({', '.join(f'{n} {k}' for k, n in why.most_common())}; "
          f"{', '.join(f'{n} {k}' for k, n in sorted(Counter(c.language for c in changes).items()))})")
    links = sum(tv.text.count("](") for r in rec.resolved.values() for by in r.texts.values()
                for tv in by.values() if tv.links_from)
    print(f"links restored from older wordings: {links} in "
          f"{sum(1 for r in rec.resolved.values() for by in r.texts.values() for tv in by.values() if tv.links_from)} texts")
    if args.list:
        for c in changes:
            print(f"{c.new.revision}:{c.new.line} {c.kind} ({c.language}) {' '.join(c.terms)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
