"""The mkdocs plugin: wires mkdocs events to the site helpers; holds no markup."""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.utils import get_build_date

from .errors import InputError
from .project import Project, load_valid_project
from .site import urls
from .site.api import write_api
from .site.catalog_json import catalog_document
from .site.pages import Generated, generate
from .site.render import Renderer
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
    """Load and check the project, generate every page, split search per language, swap the site in."""

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        started = time.monotonic()
        self.project = self._load(root / self.config.source)
        self.renderer = Renderer(root / self.config.templates)
        self._check_family_ids(self.project)
        config.nav = _nav_config(self.project, self.renderer)
        self.final_site = Path(config.site_dir)
        self.final_site.parent.mkdir(parents=True, exist_ok=True)
        self.building = Path(tempfile.mkdtemp(prefix=self.final_site.name + ".building-",
                                              dir=self.final_site.parent))
        config.site_dir = str(self.building)
        self.strict = bool(config.strict)
        self.warnings = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(self.warnings)
        log.info(f"errdocs: project loaded in {time.monotonic() - started:.2f} s")
        return config

    def on_files(self, files: Files, *, config) -> Files:
        started = time.monotonic()
        count = 0
        for item in generate(self.project, self.renderer):
            files.append(_file(config, item))
            count += 1
        log.info(f"errdocs: {count} files generated in {time.monotonic() - started:.2f} s")
        return files

    def on_nav(self, nav: Navigation, *, config, files) -> Navigation:
        *english, chinese = nav.items
        for item in chinese.children:
            item.parent = None
        self.navs = {"en": Navigation(english, [p for p in nav.pages if not _is_zh(p)]),
                     "zh": Navigation(chinese.children, [p for p in nav.pages if _is_zh(p)])}
        self.navs["zh"].homepage = next((p for p in nav.pages if p.file.src_uri == urls.home("zh")), None)
        return self.navs["en"]

    def on_pre_page(self, page, *, config, files):
        page.update_date = _build_date(self.project)  # sitemap <lastmod>, sitemap.xml.gz mtime
        return page

    def on_page_context(self, context, *, page, config, nav):
        context["nav"] = self.navs.get(page.meta.get("lang", "en"), nav)
        return context

    @event_priority(-100)
    def on_post_build(self, *, config) -> None:
        site = self.building
        sizes = split_index(site, urls.LANGS)
        for lang in urls.LANGS:
            _write_json(site / urls.catalog_json(lang), catalog_document(self.project, lang))
        log.info(f"errdocs: {write_api(site, self.project)} API documents written")
        log.info("errdocs: search index bytes " + ", ".join(f"{k}={v}" for k, v in sizes.items()))
        if self.strict and self.warnings.count:
            log.info("errdocs: warnings in strict mode; previous site left untouched")
            shutil.rmtree(site, ignore_errors=True)
            return
        _swap(site, self.final_site)
        config.site_dir = str(self.final_site)

    def on_build_error(self, *, error) -> None:
        building = getattr(self, "building", None)
        if building is not None and building.exists():
            shutil.rmtree(building, ignore_errors=True)

    def on_shutdown(self) -> None:
        handler = getattr(self, "warnings", None)
        if handler is not None:
            logging.getLogger("mkdocs").removeHandler(handler)

    @staticmethod
    def _load(source: Path) -> Project:
        try:
            return load_valid_project(source)
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


def _file(config, item: Generated) -> File:
    in_nav = item.page and item.src.count("/") <= (2 if item.src.startswith("zh/") else 1)
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    return File.generated(config, item.src, content=item.content, inclusion=inclusion)


def _nav_config(project: Project, renderer: Renderer) -> list:
    """A few index pages per language; entry and revision pages stay out of the nav."""
    def for_lang(lang: str) -> list:
        t = renderer.labels
        items = [{t["site_title"][lang]: urls.home(lang)}, {t["paste"][lang]: urls.paste(lang)}]
        for svc in project.catalog.services:  # material prints nav titles as HTML: escape the catalog's
            items.append({html.escape(svc.title[lang]): [
                {html.escape(project.catalog.families[f].title[lang]): urls.family(lang, f)} for f in svc.families]})
        items += [{t["statuses"][lang]: urls.status(lang)}, {t["errata"][lang]: urls.errata(lang)},
                  {t["revisions"][lang]: urls.revisions(lang)}, {t["changes"][lang]: urls.changes(lang)}]
        return items
    return for_lang("en") + [{"中文": for_lang("zh")}]


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _swap(built: Path, final: Path) -> None:
    """Put the new site in place in two renames; the old one goes only after."""
    old = None
    if final.exists():
        old = final.with_name(f"{final.name}.old-{time.time_ns()}")
        final.rename(old)
    built.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
