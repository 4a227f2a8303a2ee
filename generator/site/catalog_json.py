"""The catalog as JSON, one document per language (schema ``errdocs-catalog/1``)."""

from __future__ import annotations

import json
from typing import Any

from ..project import Project
from . import urls
from .crosslinks import Links, compute_links
from .entry_json import entry_document

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
                      "entries": [entry_document(resolved[e.key], links[e.key], lang) for e in f.entries]}
                     for f in cat.families.values()],
        "revisions": [r.as_dict() for r in project.revisions],
        "conflicts": [_conflict(c, lang) for c in project.reconciliation.conflicts],
    }


def dumps(data: dict) -> str:
    """The catalogs' serialisation: compact, key order kept (the C encoder)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _conflict(c, lang: str) -> dict[str, Any]:
    out = {"id": c.id, "kind": c.kind, "entries": c.entries, "summary": c.summary_in(lang), "evidence": c.evidence,
           "decision": None}
    if c.decision is not None:
        out["decision"] = {"value": c.decision.value, "reason": c.decision.reason.get(lang)}
    return out
