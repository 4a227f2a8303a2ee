"""Cross-links computed from the catalog, never typed: same code elsewhere, numeric <-> string
pairs, related entries (both directions), upstream documentation links."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..reconcile import Resolved
from ..vocabulary import LANGUAGES
from ..similarity import is_numeric
from .render import links


@dataclass
class Links:
    same_code: list[str] = field(default_factory=list)
    paired: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    upstream: dict[str, list[dict]] = field(default_factory=dict)  # page language -> links


def compute_links(resolved: dict[str, Resolved]) -> dict[str, Links]:
    """Links per entry key; every pass is linear in the number of entries and spellings. Sets
    are made only for entries that have links (most have none): fewer objects for the collector."""
    by_spelling: dict[str, list[str]] = {}
    for key, r in resolved.items():
        for spelling in r.entry.spellings:
            if not is_numeric(spelling):
                by_spelling.setdefault(spelling.lower(), []).append(key)
    named_twice = _named_twice(resolved)
    same: dict[str, set[str]] = {}
    paired: dict[str, set[str]] = {}
    related: dict[str, set[str]] = {}
    for key, r in resolved.items():
        for spelling in r.entry.spellings:
            elsewhere = [k for k in by_spelling.get(spelling.lower(), ()) if _family(k) != r.family.id]
            if elsewhere:
                same.setdefault(key, set()).update(elsewhere)
        for name in r.names:
            if name.lower() in named_twice.get(r.family.id, ()):
                continue  # a family's own class of errors (InvalidArgument, ImageTooLarge), not a pair
            targets = [k for k in by_spelling.get(name.lower(), ()) if k != key]
            # a name resolves within its family first, then its service, then anywhere
            own = [k for k in targets if resolved[k].family.id == r.family.id]
            near = [k for k in targets if resolved[k].family.service == r.family.service]
            for other in own or near or targets:
                paired.setdefault(key, set()).add(other)
                paired.setdefault(other, set()).add(key)
        for ref in r.entry.related:
            other = ref if "/" in ref else f"{r.family.id}/{ref}"
            if other in resolved and other != key:
                related.setdefault(key, set()).add(other)
                related.setdefault(other, set()).add(key)
    order = {key: i for i, key in enumerate(resolved)}
    return {key: Links(*(sorted(links.get(key, ()), key=order.__getitem__) for links in (same, paired, related)),
                       upstream=_upstream(resolved[key])) for key in resolved}


def _family(key: str) -> str:
    return key.split("/", 1)[0]


def _named_twice(resolved: dict[str, Resolved]) -> dict[str, set[str]]:
    """Per family, the string codes (lower case) that two or more of its entries give: within
    that family the name means those entries, so it pairs with no one entry elsewhere."""
    seen: dict[tuple[str, str], int] = {}
    for r in resolved.values():
        for name in {n.lower() for n in r.names}:
            seen[r.family.id, name] = seen.get((r.family.id, name), 0) + 1
    out: dict[str, set[str]] = {}
    for (family, name), count in seen.items():
        if count > 1:
            out.setdefault(family, set()).add(name)
    return out


def _upstream(r: Resolved) -> dict[str, list[dict]]:
    """Per page language, the http(s) links of the entry's texts: first those of the texts in
    that language, labelled as they are there; then those only the other language's texts give,
    with ``lang`` set to that language (the page labels them in its own words)."""
    found: dict[str, dict[str, str]] = {}  # language -> href -> label, first seen wins
    for by_lang in r.texts.values():
        for text_lang, tv in by_lang.items():
            for link in links(tv.text):
                found.setdefault(text_lang, {}).setdefault(link["href"], link["text"])
    out: dict[str, list[dict]] = {}
    for lang in LANGUAGES:
        own = found.get(lang, {})
        items = [{"href": href, "text": text, "lang": lang} for href, text in own.items()]
        for other, by_href in found.items():
            if other != lang:
                items += [{"href": href, "text": text, "lang": other} for href, text in by_href.items()
                          if href not in own and all(i["href"] != href for i in items)]
        if items:
            out[lang] = items
    return out
