"""``--format json``: one document with the families and every entry, texts in each language.

Shape (``format`` names it; fields are only ever added under the same name)::

    {"format": "errdocs-constants/1", "generator": ..., "notice": ..., "catalog": ...,
     "digest": "sha256:...", "languages": ["en", "zh"],
     "services": [{"id", "title": {lang: text}, "families": [id, ...]}],
     "families": [{"id", "service", "kind", "title": {lang: text}, "entries": count}],
     "entries": [{"key": "family/code", "family", "code", "constant", "aliases": [...],
                  "statuses": [{"status": 409, "when": {lang: text} | null}],
                  "texts": {"description": {lang: text}, "action": ..., "message": ...},
                  "names": [...]}]}

Non-ASCII text stays readable; invisible characters are ``\\uXXXX`` escapes.
"""

from __future__ import annotations

from .escape import json_document
from .constants import Constants

FORMAT = "errdocs-constants/1"


def document(c: Constants) -> dict:
    return {
        "format": FORMAT,
        "generator": c.generator,
        "notice": " ".join(c.header("json")[:2]),
        "catalog": c.catalog,
        "digest": c.digest,
        "newest_revision": c.newest_revision,
        "languages": list(c.languages),
        "services": [{"id": svc.id, "title": dict(svc.title), "families": list(svc.families)}
                     for svc in c.services],
        "families": [{"id": fam.id, "service": fam.service, "kind": fam.kind, "title": dict(fam.title),
                      "entries": len(fam.entries)} for fam in c.families],
        "entries": [{
            "key": e.key, "family": e.family, "code": e.code, "constant": e.name,
            "aliases": list(e.aliases),
            "statuses": [{"status": st.status, "when": dict(st.when) if st.when else None} for st in e.statuses],
            "texts": {kind: dict(by_lang) for kind, by_lang in e.texts.items()},
            "names": list(e.names),
        } for e in c.entries],
    }


def render(c: Constants) -> str:
    return json_document(document(c)) + "\n"
