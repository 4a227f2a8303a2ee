"""The one JSON shape of an entry, shared by the API (both languages) and the catalogs (one).

With ``lang`` given, every language-keyed value is cut down to that language: the entry record
of ``catalog.<lang>.json``. Without it, the entry keeps both languages and gains its schema, its
service and kind and its API paths: the API's ``errdocs-entry/1`` document.
"""

from __future__ import annotations

from typing import Any

from ..reconcile import Resolved
from . import urls
from .crosslinks import Links

ENTRY_SCHEMA = "errdocs-entry/1"


def entry_document(r: Resolved, links: Links, lang: str | None = None) -> dict[str, Any]:
    """One entry: code, statuses, texts with provenance, links, history and conflicts.

    Args:
        r: the reconciled entry.
        links: its cross-links.
        lang: one language (a catalog record) or ``None`` (the API's bilingual document).

    Returns:
        The document, keys in the catalog's order (the API sorts them when it serialises).
    """
    doc: dict[str, Any] = {"key": r.key, "code": r.code, "family": r.family.id}
    if lang is None:
        doc.update(schema=ENTRY_SCHEMA, service=r.family.service, kind=r.family.kind,
                   urls=urls.entry_urls(r.key), api=urls.entry_api(r.key))
    else:
        doc["url"] = urls.url_of(urls.entry(lang, r.key))
    ref = _key if lang else _ref
    doc.update(
        aliases=list(r.entry.aliases),
        statuses=[{"status": c.status, "when": _in(c.when, lang) if c.when else None} for c in r.statuses],
        texts=_texts(r, lang),
        names=list(r.names),
        documented=r.life.documented,
        first_seen=r.life.first_seen.as_dict() if r.life.first_seen else None,
        last_seen=r.life.last_seen.as_dict() if r.life.last_seen else None,
        related=[ref(k) for k in links.related],
        same_code=[ref(k) for k in links.same_code],
        paired=[ref(k) for k in links.paired],
        history=[{"revision": row.revision, "line": row.line, "code": row.code, "status": row.status,
                  "status_text": row.status_text, "texts": dict(row.texts)} for row in r.rows],
        conflicts=[c.id if lang else _conflict(c) for c in r.conflicts],
    )
    return doc


def _in(by_lang: dict, lang: str | None) -> Any:
    return dict(by_lang) if lang is None else by_lang[lang]


def _texts(r: Resolved, lang: str | None) -> dict[str, Any]:
    def text(tv, shown_as: str) -> dict[str, Any]:
        # ``language``: the text's own language; English where a kind is English only; ``chosen_over``:
        # the newer revision a wording decision passed over; ``links_from``: whose links it carries
        return {"text": tv.text, "official": tv.official, "revision": tv.revision, "language": tv.language or shown_as,
                "chosen_over": tv.newer, "links_from": tv.links_from}
    if lang is None:
        return {kind: {text_lang: text(tv, text_lang) for text_lang, tv in sorted(by_lang.items())}
                for kind, by_lang in r.texts.items()}
    return {kind: text(by_lang[lang], lang) for kind, by_lang in r.texts.items() if lang in by_lang}


def _key(key: str) -> str:
    return key


def _ref(key: str) -> dict[str, str]:
    return {"key": key, "api": urls.entry_api(key)}


def _conflict(c) -> dict[str, Any]:
    decision = None if c.decision is None else {"value": c.decision.value, "reason": dict(c.decision.reason)}
    return {"id": c.id, "kind": c.kind, "decision": decision}
