"""The static JSON API under ``api/v1/``: one document per entry, an index, and the paste lookup.

Every document is deterministic: keys sorted, lists in catalog order, no timestamps, so two
builds of the same source give the same bytes. URLs inside the documents are relative to the
site root (``cos-xml-api/NoSuchKey/``), like those of ``catalog.<lang>.json``.

- ``api/v1/<family>/<slug>.json`` (schema ``errdocs-entry/1``): one entry, both languages.
- ``api/v1/index.json`` (schema ``errdocs-index/1``): families, entries with their URLs, and
  every spelling (lower case) with the entries it names.
- ``api/v1/lookup.<lang>.json`` (schema ``errdocs-lookup/1``): the small index the paste page
  reads: spellings -> entry summaries in one language.
- ``api/v1/texts.<lang>.json`` (schema ``errdocs-texts/1``): only the texts (and cases) of that
  lookup, which the site search of the other language reads: its spellings are the same in both
  lookups, and downloading them twice took ~18 KB gzip of the search data.
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
from .guides import GuideIndex
from .entry_json import entry_document

INDEX_SCHEMA = "errdocs-index/1"
LOOKUP_SCHEMA = "errdocs-lookup/1"
TEXTS_SCHEMA = "errdocs-texts/1"
#: A plain word (Other, Redirect): found in pasted text only where a code is expected.
_PLAIN_WORD = re.compile(r"^[A-Z]?[a-z]+$")
_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*$")


def index_document(project: Project) -> dict[str, Any]:
    """Families, entries with their page and document URLs, spellings (``errdocs-index/1``)."""
    cat = project.catalog
    resolved = project.reconciliation.resolved
    return {
        "schema": INDEX_SCHEMA,
        "languages": list(urls.LANGS),
        "families": [{"id": f.id, "service": f.service, "kind": f.kind, "title": dict(f.title),
                      "urls": urls.family_urls(f.id),
                      "entries": len(f.entries)}
                     for f in cat.families.values()],
        "entries": [{"key": e.key, "code": e.code, "family": f.id, "aliases": list(e.aliases),
                     "urls": urls.entry_urls(e.key), "api": urls.entry_api(e.key)}
                    for f in cat.families.values() for e in f.entries],
        "spellings": spellings(resolved),
    }


def spellings(resolved: dict[str, Resolved]) -> dict[str, list[str]]:
    """Every code, alias and upstream string code (``Resolved.findable``), lower case, with the
    keys of the entries spelled so: entries whose code or alias it is first, then those that
    only give it as a string code (catalog order within each)."""
    out: dict[str, list[str]] = {}
    for pick in (lambda r: r.entry.spellings, lambda r: r.names):
        for key, r in resolved.items():
            for s in pick(r):
                keys = out.setdefault(s.strip().lower(), [])
                if key not in keys:
                    keys.append(key)
    return dict(sorted(out.items()))


def lookup_document(project: Project, lang: str) -> dict[str, Any]:
    """What the paste page needs, in one language (``errdocs-lookup/1``).

    ``spellings`` maps each lower-case spelling to entry keys; ``anywhere`` lists the string
    spellings that may be recognised anywhere in pasted text (compound codes such as NoSuchKey);
    the others (numbers, plain words, texts) only where a code is expected (X-ErrNo:, <Code>,
    "code": …) or alone on a line. ``cases`` are the troubleshooting cases entry pages show in
    that language that answer a message: search finds them by it and opens the case's anchor.
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
        "cases": [{"key": c["key"], "message": c["message"], "anchor": c["anchor"]}
                  for c in GuideIndex(project.evidence).paste_cases(lang)],
    }


def texts_document(lookup: dict[str, Any]) -> dict[str, Any]:
    """A lookup document's texts alone (``errdocs-texts/1``): per entry its texts and which of
    them are own translations, and the cases."""
    return {
        "schema": TEXTS_SCHEMA,
        "language": lookup["language"],
        "entries": {key: {"texts": e["texts"], "unofficial": e["unofficial"]} for key, e in lookup["entries"].items()},
        "cases": lookup["cases"],
    }


def _anywhere(lower: str, resolved: dict[str, Resolved], keys: list[str]) -> bool:
    if is_numeric(lower) or not _IDENT.match(lower):
        return False
    originals = [s for k in keys for s in resolved[k].findable if s.strip().lower() == lower]
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
    yield urls.API_INDEX, index_document(project)
    for lang in urls.LANGS:
        lookup = lookup_document(project, lang)
        yield urls.lookup_json(lang), lookup
        yield urls.texts_json(lang), texts_document(lookup)
    for key, r in resolved.items():
        yield urls.entry_api(key), entry_document(r, links[key])


def dumps(data: Any) -> str:
    """The one serialisation of API documents: sorted keys, UTF-8, compact (the C encoder: an
    indented dump takes Python's slow path, 2-3x the time), final newline."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"

