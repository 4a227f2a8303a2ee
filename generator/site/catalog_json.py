"""The catalog as JSON, one document per language (schema ``errdocs-catalog/1``)."""

from __future__ import annotations

from typing import Any

from ..project import Project
from ..reconcile import Resolved
from . import urls
from .crosslinks import Links, compute_links

SCHEMA = "errdocs-catalog/1"


def catalog_document(project: Project, lang: str, links: dict[str, Links] | None = None) -> dict[str, Any]:
    """Services, families with entries, revisions and conflicts, texts in ``lang``."""
    resolved = project.reconciliation.resolved
    links = links if links is not None else compute_links(resolved)
    cat = project.catalog
    return {
        "schema": SCHEMA,
        "language": lang,
        "services": [{"id": s.id, "title": s.title[lang], "summary": s.summary[lang], "families": s.families}
                     for s in cat.services],
        "families": [{"id": f.id, "service": f.service, "title": f.title[lang], "summary": f.summary[lang],
                      "kind": f.kind, "url": urls.url_of(urls.family(lang, f.id)),
                      "entries": [entry_record(resolved[e.key], lang, links[e.key]) for e in f.entries]}
                     for f in cat.families.values()],
        "revisions": [r.as_dict() for r in project.revisions],
        "conflicts": [_conflict(c, lang) for c in project.reconciliation.conflicts],
    }


def entry_record(r: Resolved, lang: str, links: Links) -> dict[str, Any]:
    """One entry: code, statuses, texts in ``lang`` with provenance, links and history."""
    return {
        "key": r.key,
        "code": r.code,
        "family": r.family.id,
        "url": urls.url_of(urls.entry(lang, r.key)),
        "aliases": r.entry.aliases,
        "statuses": [{"status": c.status, "when": c.when[lang] if c.when else None} for c in r.statuses],
        "texts": {kind: {"text": by_lang[lang].text, "official": by_lang[lang].official,
                         "revision": by_lang[lang].revision}
                  for kind, by_lang in r.texts.items() if lang in by_lang},
        "names": r.names,
        "related": links.related,
        "same_code": links.same_code,
        "paired": links.paired,
        "history": [{"revision": row.revision, "line": row.line, "code": row.code, "status": row.status,
                     "status_text": row.status_text, "texts": row.texts} for row in r.rows],
        "conflicts": [c.id for c in r.conflicts],
    }


def _conflict(c, lang: str) -> dict[str, Any]:
    out = {"id": c.id, "kind": c.kind, "entries": c.entries, "summary": c.summary_in(lang), "evidence": c.evidence,
           "decision": None}
    if c.decision is not None:
        out["decision"] = {"value": c.decision.value, "reason": c.decision.reason.get(lang)}
    return out
