"""The mkdocs plugin: wires mkdocs events to the site helpers; holds no markup."""

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
from typing import Any, Callable, Iterator

import jinja2

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.utils import get_build_date

from .errors import InputError
from .project import Project, load_valid_project
from .site import urls
from .site.api import api_files
from .site.api import dumps as api_dumps
from .site.background import BackgroundJob
from .site.catalog_json import catalog_document
from .site.crosslinks import compute_links
from .site.htmlpage import HtmlPage
from .site.incremental import JsonWriter, PageCache, SearchMerge
from .site.pages import Generated, generate, nav_for_language
from .site.render import Renderer
from .yamlio import FileCache
from .site.search import split_index

log = logging.getLogger("mkdocs.plugins.errdocs")


class ErrdocsConfig(base.Config):
    source = opt.Type(str, default="source")
    """Project source folder, relative to mkdocs.yml."""
    templates = opt.Type(str, default="templates")
    """Jinja templates of the generated pages, relative to mkdocs.yml."""


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


class ErrdocsPlugin(BasePlugin[ErrdocsConfig]):
    """Load and check the project, generate every page, split search per language, swap the site in.

    Under ``mkdocs serve --dirty`` (see ``site/incremental.py``) it builds in place instead, and only
    the pages whose generated Markdown changed are rendered again. mkdocs keeps this instance across
    serve rebuilds because it has ``on_startup``.
    """

    def on_startup(self, *, command, dirty) -> None:
        self.incremental = command == "serve" and dirty
        self.one_shot = command != "serve"  # a build process: may fork and freeze; the dev server not
        if self.incremental:
            self.page_cache: PageCache | None = None
            self.search_merge = SearchMerge()
            self.file_cache = FileCache()  # parsed catalog files, imported snapshots, the renderer
            self.json_writer = JsonWriter()
            self.bytecode = _MemoryBytecodeCache()
            self.json_thread: threading.Thread | None = None
            logging.getLogger("mkdocs.commands.build").addFilter(_dirty_notice_filter)

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        started = time.monotonic()
        cache = self.file_cache if getattr(self, "incremental", False) else None
        if cache is not None:
            self._join_json_thread()
        self.project = self._load(root / self.config.source, cache)
        if getattr(self, "one_shot", True):
            # A build is one process: the loaded project lives to its end, so later collections
            # need not rescan it (nor touch its pages in the forked JSON job). Not under serve,
            # where each rebuild's project must be collectable.
            gc.freeze()
        templates = root / self.config.templates
        if cache is None:
            self.renderer = Renderer(templates)
        else:  # Jinja reloads a template whose file changed; labels.yaml is checked here
            self.renderer = cache.get("renderer", templates / "labels.yaml", lambda: Renderer(templates))
        self._check_family_ids(self.project)
        config.nav = _nav_config(self.project, self.renderer)
        self.strict = bool(config.strict)
        if getattr(self, "warnings", None) is not None:  # the previous serve rebuild's
            logging.getLogger("mkdocs").removeHandler(self.warnings)
        self.warnings = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(self.warnings)
        if getattr(self, "incremental", False):
            self.building = None  # serve builds in its own temp dir: in place, so dirty builds work
            folder = root / ".cache" / "errdocs" / "docs"
            if self.page_cache is None or self.page_cache.folder != folder:
                self.page_cache = PageCache(folder)
            fingerprint = json.dumps([config.nav, os.stat(config.config_file_path).st_mtime_ns])
            self.render_all = self.page_cache.start(fingerprint)
            self.search_merge.start()
        else:
            self.final_site = Path(config.site_dir)
            self.final_site.parent.mkdir(parents=True, exist_ok=True)
            self.building = Path(tempfile.mkdtemp(prefix=self.final_site.name + ".building-",
                                                  dir=self.final_site.parent))
            config.site_dir = str(self.building)
        log.info(f"errdocs: project loaded in {time.monotonic() - started:.2f} s")
        return config

    def on_files(self, files: Files, *, config) -> Files:
        started = time.monotonic()
        count = 0
        cache = self.page_cache if getattr(self, "incremental", False) else None
        self.generated: set[str] = set()
        self.links = compute_links(self.project.reconciliation.resolved)  # pages, catalogs and API share them
        for item in generate(self.project, self.renderer, self.links):
            if cache is None:
                file = _file(config, item)
            else:
                file = cache.file(config, item.src, item.content, _inclusion(item))
                file.force = self.render_all
                self.generated.add(item.src)
            if item.page and file.inclusion is InclusionLevel.NOT_IN_NAV:
                HtmlPage(None, file, config)  # becomes file.page; the nav's pages stay mkdocs' own
            files.append(file)
            count += 1
        log.info(f"errdocs: {count} files generated in {time.monotonic() - started:.2f} s")
        self.files = files
        if cache is None:  # written by a second process while mkdocs renders the pages
            self.json_job = BackgroundJob(_write_json_outputs, self.building, self.project, self.links,
                                          fork=getattr(self, "one_shot", True))  # never fork a threaded server
        return files

    def on_nav(self, nav: Navigation, *, config, files) -> Navigation:
        *english, chinese = nav.items
        for item in chinese.children:
            item.parent = None
        self.navs = {"en": Navigation(english, [p for p in nav.pages if not _is_zh(p)]),
                     "zh": Navigation(chinese.children, [p for p in nav.pages if _is_zh(p)])}
        self.navs["zh"].homepage = next((p for p in nav.pages if p.file.src_uri == urls.home("zh")), None)
        return self.navs["en"]

    def on_env(self, env, *, config, files):
        if getattr(self, "incremental", False):
            env.bytecode_cache = self.bytecode
        return env

    def on_pre_page(self, page, *, config, files):
        page.update_date = _build_date(self.project)  # sitemap <lastmod>, sitemap.xml.gz mtime
        return page

    def on_page_context(self, context, *, page, config, nav):
        context["nav"] = self.navs.get(page.meta.get("lang", "en"), nav)
        if getattr(self, "incremental", False):
            self.search_merge.rendered.add(page.url)
        return context

    @event_priority(100)
    def _before_search_index(self, *, config) -> None:
        """Before material's search plugin writes its index: under serve --dirty, stop its own merge
        of the previous index (it assumes a single page changed); ``_finish`` merges instead."""
        if getattr(self, "incremental", False):
            search = config.plugins.get("material/search") or config.plugins.get("search")
            if search is not None and hasattr(search, "search_index_prev"):
                search.search_index_prev = None

    @event_priority(-100)
    def _after_build(self, *, config) -> None:
        if getattr(self, "incremental", False):
            self._finish_incremental(config)
            return
        site = self.building
        started = time.monotonic()
        sizes = split_index(site, urls.LANGS)
        split = time.monotonic() - started
        try:
            count, seconds = self.json_job.join()
        except RuntimeError as exc:
            raise PluginError(f"errdocs: writing the JSON catalogs and API failed:\n{exc}") from None
        log.info(f"errdocs: search split in {split:.2f} s; {count} JSON documents (catalogs, API) written in "
                 f"{seconds:.2f} s beside page rendering (the build waited "
                 f"{time.monotonic() - started - split:.2f} s for them)")
        log.info("errdocs: search index bytes " + ", ".join(f"{k}={v}" for k, v in sizes.items()))
        if self.strict and self.warnings.count:
            log.info("errdocs: warnings in strict mode; previous site left untouched")
            shutil.rmtree(site, ignore_errors=True)
            return
        _swap(site, self.final_site)
        config.site_dir = str(self.final_site)

    on_post_build = CombinedEvent(_before_search_index, _after_build)

    def _finish_incremental(self, config) -> None:
        site = Path(config.site_dir)
        started = time.monotonic()
        pages = [f.page.url for f in self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
                 if f.page is not None]
        kept = self.search_merge.merge(site / "search" / "search_index.json", pages)
        split_index(site, urls.LANGS)
        gone = self.page_cache.finish(list(self.files), self.generated)
        # The JSON catalogs and API (~0.2 s) are written after the build returns, so the reload of
        # the edited page does not wait for them; the next build or shutdown waits for this thread.
        self.json_thread = threading.Thread(target=self._write_json_files, args=(site, self.project, self.links),
                                            name="errdocs-json", daemon=True)
        self.json_thread.start()
        log.info(f"errdocs: serve --dirty: {len(self.search_merge.rendered)} pages rendered, "
                 f"{kept} kept from the previous build, {len(gone)} outputs removed; "
                 f"finished in {time.monotonic() - started:.2f} s")

    def _write_json_files(self, site: Path, project: Project, links) -> None:
        try:
            written = sum(self.json_writer.write(site / path, data, dumps)
                          for path, data, dumps in _json_documents(project, links))
            log.debug(f"errdocs: {written} JSON files written")
        except Exception as exc:  # a thread's exception would otherwise go unseen
            log.error(f"errdocs: writing the JSON catalogs and API failed: {exc!r}")

    def _join_json_thread(self) -> None:
        thread = getattr(self, "json_thread", None)
        if thread is not None:
            thread.join()
            self.json_thread = None

    def on_build_error(self, *, error) -> None:
        job = getattr(self, "json_job", None)
        if job is not None:
            job.cancel()
        if getattr(self, "incremental", False) and self.page_cache is not None:
            self.page_cache.failed()
        building = getattr(self, "building", None)
        if building is not None and building.exists():
            shutil.rmtree(building, ignore_errors=True)

    def on_shutdown(self) -> None:
        self._join_json_thread()
        handler = getattr(self, "warnings", None)
        if handler is not None:
            logging.getLogger("mkdocs").removeHandler(handler)

    @staticmethod
    def _load(source: Path, cache: FileCache | None = None) -> Project:
        try:
            return load_valid_project(source, cache)
        except InputError as exc:
            lines = "\n".join(str(p) for p in exc.problems)
            raise PluginError(f"errdocs: the source is invalid; nothing built:\n{lines}") from None

    @staticmethod
    def _check_family_ids(project: Project) -> None:
        taken = sorted(set(project.catalog.families) & urls.RESERVED)
        if taken:
            raise PluginError(f"errdocs: family ids {taken} clash with site folders {sorted(urls.RESERVED)}")


def _build_date(project: Project) -> str:
    """SOURCE_DATE_EPOCH's date when set, else the newest revision's: never the clock, so two builds
    of one source are byte-identical on any day."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return get_build_date()
    return max((r.date for r in project.revisions), default="1970-01-01")


def _is_zh(page) -> bool:
    return page.file.src_uri.startswith("zh/")


def _inclusion(item: Generated) -> InclusionLevel:
    in_nav = item.page and item.src.count("/") <= (2 if item.src.startswith("zh/") else 1)
    return InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV


def _file(config, item: Generated) -> File:
    return File.generated(config, item.src, content=item.content, inclusion=_inclusion(item))


def _dirty_notice_filter(record: logging.LogRecord) -> bool:
    """mkdocs warns on every dirty build that navigation may be stale, which strict mode turns into a
    failed build; under serve --dirty the plugin keeps navigation right (a change to it renders every
    page again), so the notice is dropped."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _nav_config(project: Project, renderer: Renderer) -> list:
    """English items at the top level, the Chinese ones under one section (split again in on_nav)."""
    labels = renderer.labels
    return nav_for_language(project, labels, "en") + [{"中文": nav_for_language(project, labels, "zh")}]


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # compact: the C encoder


def _json_documents(project: Project, links) -> Iterator[tuple[str, Any, Callable[[Any], str]]]:
    """``(path under the site, data, serialiser)`` of each language's catalog and every API document."""
    for lang in urls.LANGS:
        yield urls.catalog_json(lang), catalog_document(project, lang, links), _dumps
    for path, data in api_files(project, links):
        yield path, data, api_dumps


def _write_json_outputs(site: Path, project: Project, links) -> int:
    """Write every JSON document under ``site`` (a build: the folder starts empty); return how many."""
    count = 0
    for path, data, dumps in _json_documents(project, links):
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dumps(data), encoding="utf-8")
        count += 1
    return count


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
