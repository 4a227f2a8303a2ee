"""The URL scheme: one place that turns catalog ids into page paths, URLs and JSON paths.

English pages live at the site root, Chinese pages under ``zh/``. Entry pages are
``<family>/<slug>/``; the slug keeps ``[A-Za-z0-9_-]`` and writes every other UTF-8
byte as ``~XX`` (upper-case hex). ``~`` is never kept, so the mapping is injective
(collision-free) and reversible, and ``~`` needs no percent-encoding in a URL.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..vocabulary import LANGUAGES as LANGS

#: Top-level folders used by the site itself; a family id must not take one.
RESERVED = frozenset({"zh", "en", "status", "errata", "revisions", "api", "search", "assets",
                      "stylesheets", "javascripts", "paste", "changes"})
_KEEP = re.compile(r"[A-Za-z0-9_-]")


def slug(code: str) -> str:
    """``-46618`` -> ``-46618``; ``Evil.Text`` -> ``Evil~2EText``; ``a b`` -> ``a~20b``."""
    return "".join(ch if _KEEP.fullmatch(ch) else "".join(f"~{b:02X}" for b in ch.encode("utf-8"))
                   for ch in code)


def unslug(value: str) -> str:
    """Inverse of ``slug``."""
    raw = re.sub(r"~([0-9A-F]{2})", lambda m: f"\\x{m.group(1)}", value)
    return raw.encode("latin-1", "backslashreplace").decode("unicode_escape").encode("latin-1").decode("utf-8")


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def home(lang: str) -> str:
    return f"{prefix(lang)}index.md"


def family(lang: str, family_id: str) -> str:
    return f"{prefix(lang)}{family_id}/index.md"


def entry(lang: str, key: str) -> str:
    family_id, _, code = key.partition("/")
    return f"{prefix(lang)}{family_id}/{slug(code)}/index.md"


def alias(lang: str, family_id: str, spelling: str) -> str:
    """Static redirect page of an alias (not a markdown page)."""
    return f"{prefix(lang)}{family_id}/{slug(spelling)}/index.html"


def status(lang: str) -> str:
    return f"{prefix(lang)}status/index.md"


def errata(lang: str) -> str:
    return f"{prefix(lang)}errata/index.md"


def revisions(lang: str) -> str:
    return f"{prefix(lang)}revisions/index.md"


def revision(lang: str, rev_id: str) -> str:
    return f"{prefix(lang)}revisions/{rev_id}/index.md"


def changes(lang: str) -> str:
    """Index of the upstream changes, newest first."""
    return f"{prefix(lang)}changes/index.md"


def change(lang: str, old_id: str, new_id: str) -> str:
    """``changes/<old-id>..<new-id>/``: what changed between two consecutive revisions of the same
    page, edition and language; permanent (revision ids never change). Changes are anchors on it."""
    return f"{prefix(lang)}changes/{old_id}..{new_id}/index.md"


def paste(lang: str) -> str:
    """The paste-an-error page."""
    return f"{prefix(lang)}paste/index.md"


def catalog_json(lang: str) -> str:
    return f"api/v1/catalog.{lang}.json"


#: The API's index of families, entries and spellings.
API_INDEX = "api/v1/index.json"


def entry_api(key: str) -> str:
    """``cos-xml-api/NoSuchKey`` -> ``api/v1/cos-xml-api/NoSuchKey.json`` (same slug as the page)."""
    family_id, _, code = key.partition("/")
    return f"api/v1/{family_id}/{slug(code)}.json"


def lookup_json(lang: str) -> str:
    """The paste page's lookup document of one language."""
    return f"api/v1/lookup.{lang}.json"


def texts_json(lang: str) -> str:
    """The texts of one language's lookup, for the other language's search."""
    return f"api/v1/texts.{lang}.json"


def entry_urls(key: str) -> dict[str, str]:
    """The URL of the entry's page in each language."""
    return {lang: url_of(entry(lang, key)) for lang in LANGS}


def family_urls(family_id: str) -> dict[str, str]:
    """The URL of the family's page in each language."""
    return {lang: url_of(family(lang, family_id)) for lang in LANGS}


def other_language(src: str, lang: str) -> tuple[str, str]:
    """The same page in the other language: ``(lang, src path)``."""
    if lang == "en":
        return "zh", f"zh/{src}"
    return "en", src.removeprefix(f"{lang}/")


def url_of(src: str) -> str:
    """Site-relative URL of a generated file (directory URLs)."""
    if src.endswith("index.md") or src.endswith("index.html"):
        return src.rsplit("index.", 1)[0]
    return src


def relative(from_src: str, to_src: str) -> str:
    """Link from one generated page to another, relative, as the browser resolves it."""
    here = url_of(from_src).rstrip("/").split("/") if url_of(from_src) else []
    there = url_of(to_src)
    return "../" * len([p for p in here if p]) + there or "./"


#: Where the upstream documentation repositories are published.
UPSTREAM_HOST = "https://github.com/"


def upstream_commit(repository: str, commit: str) -> str:
    """The upstream commit on GitHub: ``tencentyun/qcloud-documents`` + sha -> ``…/commit/<sha>``."""
    return f"{UPSTREAM_HOST}{quote(repository)}/commit/{quote(commit)}"


def upstream_file(repository: str, commit: str, path: str) -> str:
    """The upstream file as it was at ``commit`` (paths hold Chinese, spaces and brackets: encoded)."""
    return f"{UPSTREAM_HOST}{quote(repository)}/blob/{quote(commit)}/{quote(path)}"


def revision_file(rev) -> str | None:
    """A revision's file upstream at its origin commit; None when it was not taken from a repository."""
    if not (rev.origin_repository and rev.origin_commit and rev.origin_path):
        return None
    return upstream_file(rev.origin_repository, rev.origin_commit, rev.origin_path)
