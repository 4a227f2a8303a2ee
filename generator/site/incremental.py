"""``mkdocs serve --dirty``: render again only the pages whose inputs changed.

Two levels. ``RenderMemo``: the generator's own Jinja rendering of a page is skipped when none of
the model parts it read last time (``deps.py``) has changed value; its Markdown is the one kept.
``PageCache``: mkdocs renders a page again only when its Markdown changed, as follows.

mkdocs 1.6 skips a page in a dirty build when ``File.is_modified()`` is false, i.e. when its source
file is older than its output. A generated file (``File.generated(..., content=...)``) is always
"modified", so every serve rebuild re-rendered all ~1,300 pages. Under ``serve --dirty`` the plugin
therefore writes each generated file into a cache folder -- only when its text changed, so an
unchanged file keeps its old mtime -- and hands mkdocs ordinary files read from there.

Material's search plugin indexes only the pages rendered in this build (and its own dirty merge
assumes one page changed), so ``SearchMerge`` keeps the previous build's documents per page and
rebuilds the complete index: the new documents of rendered pages, the previous ones of the others,
in page order, pages that no longer exist dropped -- what a full build would write.

Everything here lives on the plugin instance, which mkdocs keeps across serve rebuilds (the plugin
has ``on_startup``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable

from mkdocs.structure.files import File, InclusionLevel

from .deps import Part, part_value


class CachedFile(File):
    """A generated file read from the cache folder; ``force`` re-renders it whatever its mtime."""

    force = False

    def is_modified(self) -> bool:
        return self.force or super().is_modified()


class PageCache:
    """Generated files on disk under ``folder``, rewritten only when their text changed."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.known: dict[str, str] = {}  # src -> text last written (or found identical on disk)
        self.dests: set[str] = set()     # output paths of the previous build
        self.fingerprint: str | None = None  # of the last build that finished
        self.pending: str | None = None

    def file(self, config, src: str, content: str, inclusion: InclusionLevel) -> CachedFile:
        path = self.folder / src
        if self.known.get(src) != content:
            try:
                same = path.read_text(encoding="utf-8") == content
            except (FileNotFoundError, UnicodeDecodeError):
                same = False
            if not same:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(path.name + ".tmp")
                tmp.write_text(content, encoding="utf-8")
                os.replace(tmp, path)
            self.known[src] = content
        return CachedFile(src, str(self.folder), config.site_dir, config.use_directory_urls,
                          inclusion=inclusion)

    def start(self, fingerprint: str) -> bool:
        """A new build; True when something every page shows (nav, config) changed: render all."""
        self.pending = fingerprint
        return fingerprint != self.fingerprint

    def failed(self) -> None:
        """A build failed part-way: some outputs may be newer than the search index knows; render
        everything next time."""
        self.fingerprint = None

    def finish(self, files: list[File], generated: set[str]) -> list[str]:
        """After a build: forget sources no longer generated, delete their cached copies and the
        outputs of files that are gone; return the outputs deleted."""
        for src in set(self.known) - generated:
            del self.known[src]
            (self.folder / src).unlink(missing_ok=True)
        dests = {f.abs_dest_path for f in files}
        gone = sorted(self.dests - dests)
        for dest in gone:
            Path(dest).unlink(missing_ok=True)
        self.dests = dests
        self.fingerprint = self.pending
        return gone


class JsonWriter:
    """Writes a JSON document only when its data differs from what this path got last time (the
    site folder of ``serve --dirty`` keeps the files): serialising and writing ~1,200 documents on
    every rebuild was wasted work."""

    def __init__(self):
        self.previous: dict[Path, Any] = {}

    def write(self, path: Path, data: Any, dumps: Callable[[Any], str]) -> bool:
        if self.previous.get(path) == data and path.exists():
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(data), encoding="utf-8")
        self.previous[path] = data
        return True


class SearchMerge:
    """The complete search index after a dirty build (material's raw index, both languages)."""

    def __init__(self):
        self.previous: dict[str, list[dict]] = {}  # page location -> its documents
        self.rendered: set[str] = set()

    def start(self) -> None:
        self.rendered = set()

    def merge(self, index_path: Path, page_urls: list[str]) -> int:
        """Rewrite material's ``search_index.json`` at ``index_path`` with every page's documents;
        return how many pages kept their previous documents."""
        data = json.loads(index_path.read_text(encoding="utf-8"))
        new: dict[str, list[dict]] = {}
        for doc in data["docs"]:
            new.setdefault(doc["location"].split("#", 1)[0], []).append(doc)
        docs, current, kept = [], {}, 0
        for url in page_urls:
            if url in self.rendered:
                page_docs = new.get(url, [])
            else:
                page_docs = self.previous.get(url, [])
                kept += bool(page_docs)
            if page_docs:
                current[url] = page_docs
                docs.extend(page_docs)
        self.previous = current
        data["docs"] = docs
        index_path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
        return kept


class RenderMemo:
    """Each page's Markdown with the parts it read, kept from one serve rebuild to the next.

    ``generate`` asks ``unchanged(src)`` before rendering a page: its previous Markdown when every
    part it read then has the same value now, else None (it is rendered and reported through
    ``rendered``). A part's new value is computed once per build, and only for parts some page
    read. ``failed`` forgets everything (a build that stopped half-way may have stored pages
    without the values they were checked against).
    """

    def __init__(self):
        self.pages: dict[str, tuple[frozenset[Part], str]] = {}  # src -> (reads, content)
        self.values: dict[Part, object] = {}  # each part's value when the stored pages were made
        self.model = None
        self.current: dict[Part, object] = {}
        self.same: dict[Part, bool] = {}
        self.seen: set[str] = set()
        self.made: list[str] = []  # pages rendered in this build
        self.kept = 0              # pages whose Markdown was kept

    def start(self, model) -> None:
        self.model = model
        self.current, self.same, self.seen = {}, {}, set()
        self.made, self.kept = [], 0

    def unchanged(self, src: str) -> str | None:
        self.seen.add(src)
        stored = self.pages.get(src)
        if stored is None or not all(self._same(part) for part in stored[0]):
            return None
        self.kept += 1
        return stored[1]

    def rendered(self, src: str, reads: set[Part], content: str) -> None:
        self.seen.add(src)
        self.pages[src] = (frozenset(reads), content)
        self.made.append(src)

    def finish(self) -> None:
        """After every page: keep only pages of this build and the values their parts have now."""
        for src in set(self.pages) - self.seen:
            del self.pages[src]
        parts = set().union(*(reads for reads, _ in self.pages.values())) if self.pages else set()
        self.values = {part: self._value(part) for part in parts}
        self.model, self.current, self.same = None, {}, {}

    def failed(self) -> None:
        self.__init__()

    def _value(self, part: Part):
        if part not in self.current:
            self.current[part] = part_value(self.model, part)
        return self.current[part]

    def _same(self, part: Part) -> bool:
        same = self.same.get(part)
        if same is None:
            same = self.same[part] = part in self.values and self._value(part) == self.values[part]
        return same
