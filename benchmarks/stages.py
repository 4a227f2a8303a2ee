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

Stages (only public entry points of the generator):
  revisions        generator.revision.load_revisions (parse + validate revisions.yaml)
  catalog_parse    YAML parsing inside generator.catalog.load_catalog (timed by wrapping load_yaml_fast)
  catalog_validate the rest of load_catalog: schema validation, typed fields, positions
  import           generator.evidence.import_revisions (read every upstream snapshot)
  evidence         generator.evidence.collect_evidence (coverage: every row -> one entry)
  reconcile        generator.reconcile.reconcile (conflicts, decisions, resolved texts)
  render           generator.site.crosslinks.compute_links + generator.site.pages.generate with
                   generator.site.render.Renderer (every page)
  catalog_json     generator.site.catalog_json.catalog_document, both languages, serialised
  api_json         generator.site.api.api_files, every document serialised
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
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


def run(source: Path, templates: Path, dump: Path | None = None) -> None:
    import generator.catalog as catalog_mod
    from generator.evidence import collect_evidence, import_revisions
    from generator.project import Project, collector_paused
    from generator.reconcile import reconcile
    from generator.revision import load_revisions
    from generator.site import urls
    from generator.plugin import _dumps as plugin_dumps
    from generator.site.api import api_files
    from generator.site.api import dumps as api_dumps
    from generator.site.catalog_json import catalog_document
    from generator.site.crosslinks import compute_links
    from generator.site.pages import generate
    from generator.site.render import Renderer

    _emit("start", 0.0)
    with collector_paused():  # as load_project does, from the registry through reconcile
        t = time.perf_counter()
        revisions = load_revisions(source)
        _emit("revisions", time.perf_counter() - t)

        parsing = [0.0]
        original = catalog_mod.load_yaml_fast

        def timed_load(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                parsing[0] += time.perf_counter() - started

        catalog_mod.load_yaml_fast = timed_load
        t = time.perf_counter()
        try:
            catalog = catalog_mod.load_catalog(source)
        finally:
            catalog_mod.load_yaml_fast = original
        total = time.perf_counter() - t
        _emit("catalog_parse", parsing[0])
        _emit("catalog_validate", total - parsing[0], entries=len(catalog.entries))

        t = time.perf_counter()
        imports = import_revisions(source, revisions)
        _emit("import", time.perf_counter() - t, rows=sum(len(r.rows) for r in imports.values()))

        t = time.perf_counter()
        evidence = collect_evidence(catalog, revisions, imports)
        _emit("evidence", time.perf_counter() - t, errors=len(evidence.errors))

        t = time.perf_counter()
        rec = reconcile(catalog, evidence)
        _emit("reconcile", time.perf_counter() - t, conflicts=len(rec.conflicts), errors=len(rec.errors),
              undecided=len(rec.undecided))

    gc.freeze()  # as the plugin does after loading, in a build
    project = Project(source, revisions, catalog, evidence, rec, evidence.errors + rec.errors,
                      evidence.warnings + rec.warnings)
    t = time.perf_counter()
    renderer = Renderer(templates)
    links = compute_links(project.reconciliation.resolved)
    pages = list(generate(project, renderer, links))
    _emit("render", time.perf_counter() - t, files=len(pages), pages=sum(1 for p in pages if p.page),
          markdown_bytes=sum(len(p.content.encode("utf-8")) for p in pages))

    # what the plugin's JSON job serialises (it also writes them to disk)
    t = time.perf_counter()
    size = sum(len(plugin_dumps(catalog_document(project, lang, links)).encode("utf-8")) for lang in urls.LANGS)
    _emit("catalog_json", time.perf_counter() - t, bytes=size)
    t = time.perf_counter()
    docs = [api_dumps(data) for _, data in api_files(project, links)]
    _emit("api_json", time.perf_counter() - t, documents=len(docs), bytes=sum(len(d.encode("utf-8")) for d in docs))

    if dump is not None:
        for p in pages:
            path = dump / p.src
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(p.content, encoding="utf-8")
        nav = nav_config(project, renderer)
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
