"""How a build and ``mkdocs serve --dirty`` differ, in one object the plugin picks at startup.

``FreshSite`` (``mkdocs build``, plain ``serve``): every file generated in memory, the site built
into a new folder and swapped in at the end, the JSON documents written beside page rendering
(by a forked process in a build; the dev server is threaded, so never forked, and it keeps no
project frozen). ``DirtySite`` (``serve --dirty``, see ``incremental.py``): the site built in
place, generated files kept on disk so that mkdocs renders only those that changed, the search
index merged, the JSON written after the build returns. Both answer the same calls, in build
order: ``before_load``, ``begin``, ``files``, ``files_done``, ``env``, ``page_rendered``,
``before_search_index``, ``finish``; then ``failed`` or ``close``.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterable, Iterator

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..yamlio import FileCache
from .background import BackgroundJob
from .build import Site, json_documents, split_search, write_json
from .incremental import JsonWriter, PageCache, RenderMemo, SearchMerge
from .pages import Generated

log = logging.getLogger("mkdocs.plugins.errdocs")


def mode_for(command: str, dirty: bool) -> FreshSite | DirtySite:
    """``serve --dirty`` builds in place; anything else builds fresh (forking only in a build)."""
    if command == "serve" and dirty:
        return DirtySite()
    return FreshSite(fork=command != "serve")


class FreshSite:
    """A new site each time, swapped in only when the whole build succeeded."""

    file_cache: FileCache | None = None
    render_memo: RenderMemo | None = None  # every page rendered

    def __init__(self, fork: bool = True):
        self.fork = fork
        self.freeze = fork  # a build process: the loaded project lives to its end
        self.building: Path | None = None
        self.final_site: Path | None = None
        self.json_job: BackgroundJob | None = None

    def before_load(self) -> None:
        pass

    def begin(self, config) -> None:
        """Build into a new folder beside the site."""
        self.final_site = Path(config.site_dir)
        self.final_site.parent.mkdir(parents=True, exist_ok=True)
        self.building = Path(tempfile.mkdtemp(prefix=self.final_site.name + ".building-",
                                              dir=self.final_site.parent))
        config.site_dir = str(self.building)

    def files(self, config, items: Iterable[Generated]) -> Iterator[File]:
        """Files held in memory."""
        for item in items:
            yield File.generated(config, item.src, content=item.content, inclusion=inclusion(item))

    def files_done(self, site: Site) -> None:
        """Start writing the JSON documents while mkdocs renders the pages."""
        self.json_job = BackgroundJob(write_json, self.building, site, fork=self.fork)

    def env(self, env: jinja2.Environment) -> jinja2.Environment:
        return env

    def page_rendered(self, page) -> None:
        pass

    def before_search_index(self, config) -> None:
        pass

    def finish(self, config, files: Files, site: Site, strict_failed: bool) -> None:
        """Split the search index, wait for the JSON, swap the new site in (not after warnings
        in strict mode)."""
        started = time.monotonic()
        sizes = split_search(self.building)
        split = time.monotonic() - started
        try:
            count, seconds = self.json_job.join()
        except RuntimeError as exc:
            raise PluginError(f"errdocs: writing the JSON catalogs and API failed:\n{exc}") from None
        log.info(f"errdocs: search split in {split:.2f} s; {count} JSON documents (catalogs, API) written in "
                 f"{seconds:.2f} s beside page rendering (the build waited "
                 f"{time.monotonic() - started - split:.2f} s for them)")
        log.info("errdocs: search index bytes " + ", ".join(f"{k}={v}" for k, v in sizes.items()))
        if strict_failed:
            log.info("errdocs: warnings in strict mode; previous site left untouched")
            shutil.rmtree(self.building, ignore_errors=True)
            return
        _swap(self.building, self.final_site)
        config.site_dir = str(self.final_site)

    def failed(self) -> None:
        """Stop the JSON job and remove the half-built folder."""
        if self.json_job is not None:
            self.json_job.cancel()
        if self.building is not None and self.building.exists():
            shutil.rmtree(self.building, ignore_errors=True)

    def close(self) -> None:
        pass


class DirtySite:
    """The site built in place; state kept across the dev server's rebuilds."""

    fork = freeze = False  # a threaded server; each rebuild's project must be collectable

    def __init__(self):
        self.file_cache = FileCache()  # parsed catalog files, imported snapshots, the renderer
        self.page_cache: PageCache | None = None
        self.render_memo = RenderMemo()  # pages whose inputs did not change are not rendered again
        self.search_merge = SearchMerge()
        self.json_writer = JsonWriter()
        self.bytecode = _MemoryBytecodeCache()
        self.json_thread: threading.Thread | None = None
        self.generated: set[str] = set()
        self.render_all = True
        logging.getLogger("mkdocs.commands.build").addFilter(_dirty_notice_filter)

    def before_load(self) -> None:
        """The previous rebuild's JSON thread reads the file cache: wait for it. Then pause the
        cyclic collector until the rebuild is done (``_after_build`` collects): each rebuild makes
        a new model, and the collections it triggered rescanned the large live heap of the server
        (~0.4 s of a ~1.5 s rebuild) before the browser could reload."""
        self._join_json_thread()
        gc.disable()

    def begin(self, config) -> None:
        """Build in place (mkdocs' own temporary folder of the dev server); render every page
        when the navigation or the config changed."""
        folder = Path(config.config_file_path).parent / ".cache" / "errdocs" / "docs"
        if self.page_cache is None or self.page_cache.folder != folder:
            self.page_cache = PageCache(folder)
        fingerprint = json.dumps([config.nav, os.stat(config.config_file_path).st_mtime_ns])
        self.render_all = self.page_cache.start(fingerprint)
        self.search_merge.start()

    def files(self, config, items: Iterable[Generated]) -> Iterator[File]:
        """Files read from the page cache, rewritten there only when their text changed."""
        self.generated = set()
        for item in items:
            file = self.page_cache.file(config, item.src, item.content, inclusion(item))
            file.force = self.render_all
            self.generated.add(item.src)
            yield file

    def files_done(self, site: Site) -> None:
        pass  # written after the build returns (``finish``)

    def env(self, env: jinja2.Environment) -> jinja2.Environment:
        env.bytecode_cache = self.bytecode
        return env

    def page_rendered(self, page) -> None:
        self.search_merge.rendered.add(page.url)

    def before_search_index(self, config) -> None:
        """Stop material's own merge of the previous index (it assumes a single page changed);
        ``finish`` merges instead."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is not None and hasattr(search, "search_index_prev"):
            search.search_index_prev = None

    def finish(self, config, files: Files, site: Site, strict_failed: bool) -> None:
        """Merge and split the search index, drop outputs of files gone, write the JSON later."""
        folder = Path(config.site_dir)
        started = time.monotonic()
        pages = [f.page.url for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
                 if f.page is not None]
        kept = self.search_merge.merge(folder / "search" / "search_index.json", pages)
        split_search(folder)
        gone = self.page_cache.finish(list(files), self.generated)
        # The JSON catalogs and API (~0.2 s) are written after the build returns, so the reload of
        # the edited page does not wait for them (nor for the collection that follows); the next
        # build or shutdown waits for this thread.
        self.json_thread = threading.Thread(target=self._after_build, args=(folder, site),
                                            name="errdocs-json", daemon=True)
        self.json_thread.start()
        memo = self.render_memo
        log.info(f"errdocs: serve --dirty: {len(memo.made)} Markdown files made again, {memo.kept} kept "
                 f"(inputs unchanged); {len(self.search_merge.rendered)} pages rendered, "
                 f"{kept} kept from the previous build, {len(gone)} outputs removed; "
                 f"finished in {time.monotonic() - started:.2f} s")

    def failed(self) -> None:
        gc.enable()
        self.render_memo.failed()
        if self.page_cache is not None:
            self.page_cache.failed()

    def close(self) -> None:
        self._join_json_thread()

    def _after_build(self, folder: Path, site: Site) -> None:
        """Write the JSON documents, then collect the rebuild's garbage and resume the collector."""
        try:
            written = sum(self.json_writer.write(folder / path, data, dumps)
                          for path, data, dumps in json_documents(site))
            log.debug(f"errdocs: {written} JSON files written")
        except Exception as exc:  # a thread's exception would otherwise go unseen
            log.error(f"errdocs: writing the JSON catalogs and API failed: {exc!r}")
        finally:
            gc.collect()
            gc.enable()

    def _join_json_thread(self) -> None:
        if self.json_thread is not None:
            self.json_thread.join()
            self.json_thread = None


def inclusion(item: Generated) -> InclusionLevel:
    """Index pages are in the navigation; entry, revision and change pages are not."""
    in_nav = item.page and item.src.count("/") <= (2 if item.src.startswith("zh/") else 1)
    return InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV


def _dirty_notice_filter(record: logging.LogRecord) -> bool:
    """mkdocs warns on every dirty build that navigation may be stale, which strict mode turns into a
    failed build; under serve --dirty the plugin keeps navigation right (a change to it renders every
    page again), so the notice is dropped."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates kept across serve rebuilds (mkdocs makes a new environment each
    time); Jinja checks each template's source checksum, so an edited template compiles again."""

    def __init__(self):
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.stored.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()


def _swap(built: Path, final: Path) -> None:
    """Put the new site in place in two renames; the old one goes only after."""
    old = None
    if final.exists():
        old = final.with_name(f"{final.name}.old-{time.time_ns()}")
        final.rename(old)
    built.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
