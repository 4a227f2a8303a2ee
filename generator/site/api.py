"""The static JSON API under ``api/v1/``: one document per entry, an index, and the paste lookup.

Every document is deterministic: keys sorted, lists in catalog order, no timestamps, so two
builds of the same source give the same bytes. URLs inside the documents are relative to the
site root (``cos-xml-api/NoSuchKey/``), like those of ``catalog.<lang>.json``.

- ``api/v1/<family>/<slug>.json`` (schema ``errdocs-entry/1``): one entry, both languages.
- ``api/v1/index.json`` (schema ``errdocs-index/1``): families, entries with their URLs, and
  every spelling (lower case) with the entries it names.
- ``api/v1/lookup.<lang>.json`` (schema ``errdocs-lookup/1``): the small index the paste page
  reads: spellings -> entry summaries in one language.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterator

from ..project import Project
from ..reconcile import Resolved
from ..similarity import is_numeric
from ..vocabulary import ENTRY_TEXT_KINDS
from . import urls
from .crosslinks import Links, compute_links

ENTRY_SCHEMA = "errdocs-entry/1"
INDEX_SCHEMA = "errdocs-index/1"
LOOKUP_SCHEMA = "errdocs-lookup/1"
#: A plain word (Other, Redirect): found in pasted text only where a code is expected.
_PLAIN_WORD = re.compile(r"^[A-Z]?[a-z]+$")
_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*$")


def entry_api(key: str) -> str:
    """``cos-xml-api/NoSuchKey`` -> ``api/v1/cos-xml-api/NoSuchKey.json`` (same slug as the page)."""
    family_id, _, code = key.partition("/")
    return f"api/v1/{family_id}/{urls.slug(code)}.json"


INDEX = "api/v1/index.json"


def lookup_json(lang: str) -> str:
    return f"api/v1/lookup.{lang}.json"


def page_urls(key: str) -> dict[str, str]:
    return {lang: urls.url_of(urls.entry(lang, key)) for lang in urls.LANGS}


def entry_document(r: Resolved, links: Links) -> dict[str, Any]:
    """One entry with the texts of both languages (``errdocs-entry/1``)."""
    return {
        "schema": ENTRY_SCHEMA,
        "key": r.key,
        "code": r.code,
        "family": r.family.id,
        "service": r.family.service,
        "kind": r.family.kind,
        "aliases": list(r.entry.aliases),
        "urls": page_urls(r.key),
        "api": entry_api(r.key),
        "statuses": [{"status": c.status, "when": dict(c.when) if c.when else None} for c in r.statuses],
        "texts": {kind: {lang: {"text": tv.text, "official": tv.official, "revision": tv.revision}
                         for lang, tv in sorted(by_lang.items())}
                  for kind, by_lang in r.texts.items()},
        "names": list(r.names),
        "related": [_ref(k) for k in links.related],
        "same_code": [_ref(k) for k in links.same_code],
        "paired": [_ref(k) for k in links.paired],
        "history": [{"revision": row.revision, "line": row.line, "code": row.code, "status": row.status,
                     "status_text": row.status_text, "texts": dict(row.texts)} for row in r.rows],
        "conflicts": [{"id": c.id, "kind": c.kind,
                       "decision": None if c.decision is None else
                       {"value": c.decision.value, "reason": dict(c.decision.reason)}}
                      for c in r.conflicts],
    }


def _ref(key: str) -> dict[str, str]:
    return {"key": key, "api": entry_api(key)}


def index_document(project: Project) -> dict[str, Any]:
    """Families, entries with their page and document URLs, spellings (``errdocs-index/1``)."""
    cat = project.catalog
    resolved = project.reconciliation.resolved
    return {
        "schema": INDEX_SCHEMA,
        "languages": list(urls.LANGS),
        "families": [{"id": f.id, "service": f.service, "kind": f.kind, "title": dict(f.title),
                      "urls": {lang: urls.url_of(urls.family(lang, f.id)) for lang in urls.LANGS},
                      "entries": len(f.entries)}
                     for f in cat.families.values()],
        "entries": [{"key": e.key, "code": e.code, "family": f.id, "aliases": list(e.aliases),
                     "urls": page_urls(e.key), "api": entry_api(e.key)}
                    for f in cat.families.values() for e in f.entries],
        "spellings": spellings(resolved),
    }


def spellings(resolved: dict[str, Resolved]) -> dict[str, list[str]]:
    """Every code and alias, lower case, with the keys of the entries spelled so (catalog order)."""
    out: dict[str, list[str]] = {}
    for key, r in resolved.items():
        for s in r.entry.spellings:
            keys = out.setdefault(s.strip().lower(), [])
            if key not in keys:
                keys.append(key)
    return dict(sorted(out.items()))


def lookup_document(project: Project, lang: str) -> dict[str, Any]:
    """What the paste page needs, in one language (``errdocs-lookup/1``).

    ``spellings`` maps each lower-case spelling to entry keys; ``anywhere`` lists the string
    spellings that may be recognised anywhere in pasted text (compound codes such as NoSuchKey);
    the others (numbers, plain words, texts) only where a code is expected (X-ErrNo:, <Code>,
    "code": …) or alone on a line.
    """
    resolved = project.reconciliation.resolved
    spelled = spellings(resolved)
    return {
        "schema": LOOKUP_SCHEMA,
        "language": lang,
        "families": {f.id: f.title[lang] for f in project.catalog.families.values()},
        "entries": {key: _summary(r, lang) for key, r in resolved.items()},
        "spellings": spelled,
        "anywhere": sorted(s for s in spelled if _anywhere(s, resolved, spelled[s])),
    }


def _anywhere(lower: str, resolved: dict[str, Resolved], keys: list[str]) -> bool:
    if is_numeric(lower) or not _IDENT.match(lower):
        return False
    originals = [s for k in keys for s in resolved[k].entry.spellings if s.strip().lower() == lower]
    return not any(_PLAIN_WORD.match(s) for s in originals)


def _summary(r: Resolved, lang: str) -> dict[str, Any]:
    texts = {kind: r.texts[kind][lang] for kind in ENTRY_TEXT_KINDS if lang in r.texts.get(kind, {})}
    return {
        "code": r.code,
        "family": r.family.id,
        "url": urls.url_of(urls.entry(lang, r.key)),
        "statuses": [{"status": c.status, "when": c.when[lang] if c.when else None} for c in r.statuses],
        "texts": {kind: tv.text for kind, tv in texts.items()},
        "unofficial": [kind for kind, tv in texts.items() if not tv.official],
        "names": list(r.names),
    }


def api_files(project: Project, links: dict[str, Links] | None = None) -> Iterator[tuple[str, dict]]:
    """``(path under the site, document)`` for every file of the API except the catalogs."""
    resolved = project.reconciliation.resolved
    links = links if links is not None else compute_links(resolved)
    yield INDEX, index_document(project)
    for lang in urls.LANGS:
        yield lookup_json(lang), lookup_document(project, lang)
    for key, r in resolved.items():
        yield entry_api(key), entry_document(r, links[key])


def dumps(data: Any) -> str:
    """The one serialisation of API documents: sorted keys, UTF-8, compact (the C encoder: an
    indented dump takes Python's slow path, 2-3x the time), final newline."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"

