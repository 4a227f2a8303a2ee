"""One search index per language, cut from the index material's search plugin writes."""

from __future__ import annotations

import json
from pathlib import Path

#: Splits English words, keeps codes (NoSuchKey, Evil.Text_1) whole; ``-`` goes so -46618 -> 46618.
SEPARATOR = {
    "en": r"[\s\-]+",
    "zh": r"[\s\u200b\u3000\-、。，．？！；：,（）]+",
}
#: lunr pipelines: no stemmer (it mangles codes); no trimmer for Chinese (it drops Han characters).
PIPELINE = {"en": ["stopWordFilter", "trimmer"], "zh": []}

#: Exact-code field (a ranking fix). Entry pages carry their spellings as tags, but the tags field
#: alone cannot tell apart codes the tokenizer makes equal: ``-1103`` and ``1103`` both index as
#: ``1103`` (``-`` is a separator, and lunr reads a leading ``-`` as "must not"), so ``1103`` and
#: ``-1103`` tied and one of them came second; ``Other`` is an English stop word, so the entry
#: ``ci-moderation/Other`` was not found at all; ``其他`` lost its Han characters to the English
#: trimmer. Each entry document therefore gets one more field, ``code``, holding one token per
#: spelling (``code_token``) that no separator, stop word or trimmer touches, and the query rewrite
#: in ``site_overrides/assets/errdocs.js`` (with ``errdocs-token.js``, the same encoding) adds that token for
#: the typed query with a boost: the entry spelled exactly as typed (any case) comes first, and the
#: other ranking (tags, title, text, prefixes) orders everything after it.
CODE_FIELD = "code"
CODE_BOOST = 1e9
CODE_PREFIX = "code_"
_KEEP = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")
#: Between an entry page's code and its family in its title (the page template's title).
TITLE_SEPARATOR = " · "


def code_token(spelling: str) -> str:
    """``NoSuchKey`` -> ``code_nosuchkey``; ``-46618`` -> ``code__2d46618``; ``其他`` -> ``code__e5_85_b6…``.

    Lower-cased, whitespace runs read as one space, UTF-8 bytes: ``a-z0-9`` kept, every other
    byte written ``_XX`` (lower-case hex). Injective on lower-cased text; only word characters, so
    lunr keeps the token whole in both languages.
    """
    text = " ".join(spelling.lower().split())
    return CODE_PREFIX + "".join(chr(b) if b in _KEEP else f"_{b:02x}" for b in text.encode("utf-8"))


def _compact(doc: dict) -> dict:
    """An entry document (the only kind with tags: its spellings, HTML-escaped) as shipped.

    Its text opens with ``<code>CODE</code> `` and CODE also opens its title; the ``code`` field
    is ``code_token`` of each tag. Both are derived data, ~11 KB gzip of the ~55 KB index, so the
    worker (``errdocs-worker.js``, ``restore``) rebuilds them before lunr indexes the documents
    instead of every visitor downloading them: what lunr indexes is unchanged.
    """
    if "#" in doc["location"] or not doc.get("tags"):
        return doc
    head = f"<code>{doc['title'].split(TITLE_SEPARATOR, 1)[0]}</code> "
    if not doc["text"].startswith(head):
        # the worker prepends the head unconditionally: an entry page that opens otherwise would
        # be indexed with a code it does not show, so the template and this rule must agree
        raise ValueError(f"{doc['location']}: entry text does not open with {head!r}")
    return dict(doc, text=doc["text"][len(head):])


def split_index(site_dir: Path, langs: tuple[str, ...]) -> dict[str, int]:
    """Rewrite ``search/search_index.json`` into one index per language; return their sizes.

    Chinese pages live under ``zh/``: their index goes to ``zh/search/search_index.json`` with
    locations relative to ``zh/`` (the zh pages set their search base there).
    """
    path = site_dir / "search" / "search_index.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    sizes = {}
    for lang in langs:
        prefix = "" if lang == langs[0] else f"{lang}/"
        docs = [_compact(_relocate(d, prefix))
                for d in data["docs"] if _lang_of(d["location"], langs) == lang]
        config = dict(data["config"], lang=["en"], separator=SEPARATOR[lang], pipeline=PIPELINE[lang])
        config["fields"] = dict(config["fields"], **{CODE_FIELD: {"boost": CODE_BOOST}})
        out = site_dir / prefix / "search" / "search_index.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        out.write_text(text, encoding="utf-8")
        sizes[lang] = len(text.encode("utf-8"))
    return sizes


def _lang_of(location: str, langs: tuple[str, ...]) -> str:
    head = location.split("/", 1)[0]
    return head if head in langs[1:] else langs[0]


def _relocate(doc: dict, prefix: str) -> dict:
    return dict(doc, location=doc["location"][len(prefix):]) if prefix else doc
