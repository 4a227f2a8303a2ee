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
        docs = [_relocate(d, prefix) for d in data["docs"] if _lang_of(d["location"], langs) == lang]
        config = dict(data["config"], lang=["en"], separator=SEPARATOR[lang], pipeline=PIPELINE[lang])
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
