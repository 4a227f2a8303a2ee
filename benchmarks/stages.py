"""Time every generator stage on one source folder; run in its own process (one per measurement).

``python -m benchmarks.stages SOURCE TEMPLATES [--dump DIR]`` prints one JSON line per stage as
soon as it ends (so a run killed by a timeout still reports what finished):
``{"stage": "reconcile", "seconds": 1.2, "peak_rss_mb": 80.1, "minor_faults": 6483}``.
``peak_rss_mb`` is the process's peak resident memory (``resource.getrusage``) after that stage:
a stage that raises it is the one that needed the memory. ``minor_faults`` counts the pages the
stage touched for the first time (memory fresh from the system, or given back and taken again):
each costs microseconds on a virtual machine, so a stage whose faults grow faster than its input
grows faster too. ``--dump DIR`` writes the rendered pages (Markdown and alias
redirects) into DIR after timing: the baseline builds them with plain mkdocs.

Stages: the real pipeline, ``generator.site.build.build`` (as a build runs it: the collector
paused while loading, the project frozen afterwards), reports each stage's time through its
recorder; this file only prints them:
  revisions        load_revisions (parse + validate revisions.yaml)
  catalog_parse    the YAML parsing inside load_catalog
  catalog_validate the rest of load_catalog: schema validation, typed fields, positions
  import           import_revisions (read every upstream snapshot)
  evidence         collect_evidence (coverage: every row -> one entry)
  reconcile        reconcile (conflicts, decisions, resolved texts)
  diff             the diff report of every pair of consecutive revisions (site.changes.ChangeLog)
  links            site.crosslinks.compute_links
  render           site.pages.generate: every page of both languages
  catalog_json     both languages' catalog documents, serialised
  api_json         every API document, serialised
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
from pathlib import Path


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_faults_seen = [0]


def _faults_since_last() -> int:
    now = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    delta, _faults_seen[0] = now - _faults_seen[0], now
    return delta


def _emit(stage: str, seconds: float, **extra) -> None:
    print(json.dumps({"stage": stage, "seconds": round(seconds, 4), "peak_rss_mb": round(_rss_mb(), 1),
                      "minor_faults": _faults_since_last(), **extra}), flush=True)


def _facts(stage: str, value) -> dict:
    """What each stage made, counted from what it returned."""
    if stage == "catalog_validate":
        return {"entries": len(value.entries)}
    if stage == "import":
        return {"rows": sum(len(r.rows) for r in value.values())}
    if stage == "evidence":
        return {"errors": len(value.errors)}
    if stage == "reconcile":
        return {"conflicts": len(value.conflicts), "errors": len(value.errors), "undecided": len(value.undecided)}
    if stage == "diff":
        return {"pairs": len(value.pages)}
    if stage == "render":
        return {"files": len(value), "pages": sum(1 for p in value if p.page),
                "markdown_bytes": sum(len(p.content.encode("utf-8")) for p in value)}
    if stage == "catalog_json":
        return {"bytes": sum(len(text.encode("utf-8")) for _, text in value)}
    if stage == "api_json":
        return {"documents": len(value), "bytes": sum(len(text.encode("utf-8")) for _, text in value)}
    return {}


def run(source: Path, templates: Path, dump: Path | None = None) -> None:
    from generator.site.build import build

    _emit("start", 0.0)
    built = build(source, templates, freeze=True,
                  record=lambda stage, seconds, value: _emit(stage, seconds, **_facts(stage, value)))
    if dump is not None:
        for p in built.pages:
            path = dump / p.src
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(p.content, encoding="utf-8")
        nav = nav_config(built.site.project, built.site.renderer)
        (dump.parent / "nav.json").write_text(json.dumps(nav, ensure_ascii=False), encoding="utf-8")
        _emit("dump", 0.0)


def nav_config(project, renderer) -> dict:
    """The site's navigation per language (generator.site.pages.nav_for_language), with Chinese paths
    relative to ``zh/``: the baseline builds each language as its own project."""
    from generator.site import urls
    from generator.site.pages import nav_for_language

    def relative(item, prefix: str):
        if isinstance(item, dict):
            return {k: relative(v, prefix) for k, v in item.items()}
        if isinstance(item, list):
            return [relative(v, prefix) for v in item]
        return item[len(prefix):] if prefix and item.startswith(prefix) else item

    return {lang: relative(nav_for_language(project, renderer.labels, lang), urls.prefix(lang))
            for lang in urls.LANGS}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="time the generator stages on one source folder")
    ap.add_argument("source", type=Path)
    ap.add_argument("templates", type=Path)
    ap.add_argument("--dump", type=Path)
    args = ap.parse_args(argv)
    run(args.source, args.templates, args.dump)
    return 0


if __name__ == "__main__":
    sys.exit(main())
