"""The site build in the order it runs: load -> reconcile -> diff pairs -> pages -> search -> JSON.

mkdocs drives a build through its events; the plugin (``generator/plugin.py``) calls one step
from each, in this order:

    on_config      load_site       load and validate the source, reconcile it, diff every pair of
                                   consecutive revisions, cross-link the entries (``Site``)
    on_files       site_pages      the Markdown of every page of both languages; mkdocs renders it
    on_post_build  split_search    one search index per language, cut from material's
                   json_documents  the catalogs and the API (a build writes them beside rendering)

How a build and ``serve --dirty`` make files, write JSON and place the site is ``site/modes.py``.
``build`` runs the steps back to back without mkdocs (so without material's search index): what
the benchmark times.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from mkdocs.exceptions import PluginError

from ..errors import InputError
from ..project import Project, load_valid_project
from ..timing import Recorder, Stages
from ..yamlio import FileCache
from . import api, catalog_json, urls
from .changelog import ChangeLog
from .crosslinks import Links, compute_links
from .incremental import RenderMemo
from .pages import Generated, generate, nav_for_language
from .render import Renderer
from .search import split_index

#: ``(path under the site, data, serialiser)`` of one JSON document.
JsonDocument = tuple[str, Any, Callable[[Any], str]]


@dataclass
class Site:
    """What every page and JSON document is made from."""

    project: Project
    renderer: Renderer
    changes: ChangeLog
    links: dict[str, Links]

    def nav(self) -> list:
        """English items at the top level, the Chinese ones under one section (the plugin splits
        them again per language)."""
        labels = self.renderer.labels
        return (nav_for_language(self.project, labels, "en")
                + [{"中文": nav_for_language(self.project, labels, "zh")}])


@dataclass
class Built:
    """A build without mkdocs: the site, its pages and its JSON files serialised."""

    site: Site
    pages: list[Generated]
    json: list[tuple[str, str]]


def load_site(source: Path, templates: Path, *, cache: FileCache | None = None, freeze: bool = False,
              record: Recorder | None = None) -> Site:
    """Load -> reconcile -> diff pairs -> links.

    Args:
        source: the project's source folder.
        templates: the page templates and their labels.
        cache: (``serve``) parsed files and the renderer kept from the previous rebuild.
        freeze: (a build process) move the loaded project out of the collector's sight
            (``gc.freeze``): it lives to the end, so later collections need not rescan it.
        record: told each stage's time (``timing.Recorder``).

    Raises:
        PluginError: the source is invalid, or a family id takes a folder of the site.
    """
    stages = Stages(record)
    project = _load(source, cache, record)
    _check_family_ids(project)
    if freeze:
        gc.freeze()
    renderer = _renderer(templates, cache)
    changes = stages.run("diff", ChangeLog, project)
    links = stages.run("links", compute_links, project.reconciliation.resolved)
    return Site(project, renderer, changes, links)


def site_pages(site: Site, memo: RenderMemo | None = None) -> Iterator[Generated]:
    """Every page (and alias redirect) of both languages; with ``memo`` (``serve --dirty``) only
    those whose inputs changed are rendered."""
    return generate(site.project, site.renderer, site.links, site.changes, memo)


def split_search(site_dir: Path) -> dict[str, int]:
    """Cut material's search index into one per language; return their sizes in bytes."""
    return split_index(site_dir, urls.LANGS)


def json_documents(site: Site) -> Iterator[JsonDocument]:
    """Each language's catalog, then every API document."""
    yield from _catalog_documents(site)
    yield from _api_documents(site)


def write_json(folder: Path, site: Site) -> int:
    """Write every JSON document under ``folder`` (a build: the folder starts empty); return how many."""
    count = 0
    for path, data, dumps in json_documents(site):
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dumps(data), encoding="utf-8")
        count += 1
    return count


def build(source: Path, templates: Path, *, freeze: bool = False, record: Recorder | None = None) -> Built:
    """The whole build up to mkdocs' rendering, each stage timed through ``record``: load
    (``load_project``'s stages), diff, links, render (the pages), catalog_json, api_json."""
    stages = Stages(record)
    site = load_site(source, templates, freeze=freeze, record=record)
    pages = stages.run("render", list, site_pages(site))
    catalogs = stages.run("catalog_json", _serialised, _catalog_documents(site))
    documents = stages.run("api_json", _serialised, _api_documents(site))
    return Built(site, pages, catalogs + documents)


def _load(source: Path, cache: FileCache | None, record: Recorder | None) -> Project:
    try:
        return load_valid_project(source, cache, record)
    except InputError as exc:
        lines = "\n".join(str(p) for p in exc.problems)
        raise PluginError(f"errdocs: the source is invalid; nothing built:\n{lines}") from None


def _check_family_ids(project: Project) -> None:
    taken = sorted(set(project.catalog.families) & urls.RESERVED)
    if taken:
        raise PluginError(f"errdocs: family ids {taken} clash with site folders {sorted(urls.RESERVED)}")


def _renderer(templates: Path, cache: FileCache | None) -> Renderer:
    if cache is None:
        return Renderer(templates)
    # Jinja reloads a template whose file changed; labels.yaml is checked here
    return cache.get("renderer", templates / "labels.yaml", lambda: Renderer(templates))


def _catalog_documents(site: Site) -> Iterator[JsonDocument]:
    for lang in urls.LANGS:
        yield urls.catalog_json(lang), catalog_json.catalog_document(site.project, lang, site.links), \
            catalog_json.dumps


def _api_documents(site: Site) -> Iterator[JsonDocument]:
    for path, data in api.api_files(site.project, site.links):
        yield path, data, api.dumps


def _serialised(documents: Iterable[JsonDocument]) -> list[tuple[str, str]]:
    return [(path, dumps(data)) for path, data, dumps in documents]
