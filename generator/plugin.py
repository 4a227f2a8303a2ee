"""The mkdocs plugin: wires mkdocs events to the steps of the site build (``site/build.py``).

What differs between ``mkdocs build`` and ``mkdocs serve --dirty`` is one object, ``self.mode``
(``site/modes.py``), chosen at startup; the hooks below hold no markup and no build-vs-serve branch.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.utils import get_build_date

from .project import Project
from .site import urls
from .site.build import Site, load_site, site_pages
from .site.htmlpage import HtmlPage, nav_titles
from .site.modes import DirtySite, FreshSite, mode_for

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
    """Load and check the project, generate every page, split search per language, write the JSON.

    mkdocs keeps this instance across serve rebuilds because it has ``on_startup``.
    """

    def __init__(self):
        self.mode: FreshSite | DirtySite = FreshSite()  # a build, unless on_startup says otherwise
        self.site: Site | None = None
        self.files: Files | None = None
        self.navs: dict[str, Navigation] = {}
        self.strict = False
        self.warnings: _WarningCounter | None = None

    def on_startup(self, *, command, dirty) -> None:
        self.mode = mode_for(command, dirty)

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        started = time.monotonic()
        self.mode.before_load()
        self.site = load_site(root / self.config.source, root / self.config.templates,
                              cache=self.mode.file_cache, freeze=self.mode.freeze)
        config.nav = self.site.nav()
        self.strict = bool(config.strict)
        self._count_warnings()
        self.mode.begin(config)
        log.info(f"errdocs: project loaded in {time.monotonic() - started:.2f} s")
        return config

    def on_files(self, files: Files, *, config) -> Files:
        started = time.monotonic()
        count = 0
        titles = nav_titles(config.nav)
        for file in self.mode.files(config, site_pages(self.site, self.mode.render_memo)):
            if file.is_documentation_page():
                HtmlPage(titles.get(file.src_uri), file, config)  # becomes file.page (and the nav's)
            files.append(file)
            count += 1
        log.info(f"errdocs: {count} files generated in {time.monotonic() - started:.2f} s")
        self.files = files
        self.mode.files_done(self.site)
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
        return self.mode.env(env)

    def on_pre_page(self, page, *, config, files):
        page.update_date = _build_date(self.site.project)  # sitemap <lastmod>, sitemap.xml.gz mtime
        return page

    def on_page_context(self, context, *, page, config, nav):
        lang = page.meta.get("lang", "en")
        context["nav"] = self.navs.get(lang, nav)
        context["config"] = _NamedConfig(config, self.site.renderer.labels["site_name"].get(lang, config.site_name))
        self.mode.page_rendered(page)
        return context

    @event_priority(100)
    def _before_search_index(self, *, config) -> None:
        """Before material's search plugin writes its index."""
        self.mode.before_search_index(config)

    @event_priority(-100)
    def _after_build(self, *, config) -> None:
        self.mode.finish(config, self.files, self.site, self.strict and self.warnings.count > 0)

    on_post_build = CombinedEvent(_before_search_index, _after_build)

    def on_serve(self, server, *, config, builder):
        """Look for edits every 0.2 s instead of mkdocs' 0.5 s (``WATCH_INTERVAL``)."""
        _poll_faster(server)
        return server

    def on_build_error(self, *, error) -> None:
        self.mode.failed()

    def on_shutdown(self) -> None:
        self.mode.close()
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)

    def _count_warnings(self) -> None:
        """Count this build's warnings (strict mode keeps the old site when there are any)."""
        if self.warnings is not None:  # the previous serve rebuild's
            logging.getLogger("mkdocs").removeHandler(self.warnings)
        self.warnings = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(self.warnings)


#: How often ``serve`` looks for edits under ``watch:`` (source, templates, generator). mkdocs polls
#: every 0.5 s and offers no setting: half an interval on average, a quarter of the 2 s an edit may
#: take to show. A poll stats a few hundred files: milliseconds.
WATCH_INTERVAL = 0.2


def _poll_faster(server) -> None:
    """The folders mkdocs watches after ``on_serve`` (the config's ``watch:``) are polled every
    ``WATCH_INTERVAL``. It sets the timeout the observer gives the watches it schedules from now
    on (watchdog's ``_timeout``, pinned in pyproject.toml); with another observer, nothing changes."""
    observer = getattr(server, "observer", None)
    if isinstance(getattr(observer, "_timeout", None), (int, float)):
        observer._timeout = WATCH_INTERVAL


def _build_date(project: Project) -> str:
    """SOURCE_DATE_EPOCH's date when set, else the newest revision's: never the clock, so two builds
    of one source are byte-identical on any day."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return get_build_date()
    return max((r.date for r in project.revisions), default="1970-01-01")


def _is_zh(page) -> bool:
    return page.file.src_uri.startswith("zh/")


class _NamedConfig:
    """The config as a page's templates see it: the site's name in the page's language (the
    header, the drawer and <title> print ``config.site_name``); everything else is the config."""

    __slots__ = ("_config", "site_name")

    def __init__(self, config, site_name: str):
        self._config = config
        self.site_name = site_name

    def __getattr__(self, name):
        return getattr(self._config, name)

    def __getitem__(self, key):
        return self.site_name if key == "site_name" else self._config[key]

    def __contains__(self, key):
        return key in self._config
