"""Every generated page: which template renders it and with what context."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..linebreaks import words
from ..project import Project
from ..reconcile import Resolved
from ..vocabulary import ENTRY_TEXT_KINDS
from . import urls
from .changelog import ChangeLog
from .crosslinks import Links, compute_links
from .deps import EVERYTHING, TEMPLATES, Part, TracedSite
from .guides import GuideIndex
from .render import Renderer

if TYPE_CHECKING:
    from .incremental import RenderMemo


@dataclass
class Generated:
    src: str
    content: str
    page: bool = True  # False: a static file (alias redirects)


class SiteModel:
    """Lookups shared by every page: entries, families, links, first appearances. Templates see
    them through ``deps.TracedSite``, which records what each page reads."""

    def __init__(self, project: Project, links: dict[str, Links] | None = None,
                 changes: ChangeLog | None = None, templates: Path | None = None):
        self.project = project
        self.templates = templates  # the folder the pages are rendered from
        self.catalog = project.catalog
        self.resolved = project.reconciliation.resolved
        self.links: dict[str, Links] = links if links is not None else compute_links(self.resolved)
        self.revision = {r.id: r for r in project.revisions}
        self.row_entry = {id(row): key for row, key in project.evidence.rows}
        self.first_seen: dict[str, list[str]] = {}
        for key, r in self.resolved.items():
            if r.rows:
                self.first_seen.setdefault(r.rows[0].revision, []).append(key)
        self.by_status_count = {status: len(keys) for status, keys in self.by_status().items()}
        self._family_status: dict[tuple[str, int], int] = {}
        for r in self.resolved.values():
            for case in r.statuses:
                pair = (r.family.id, case.status)
                self._family_status[pair] = self._family_status.get(pair, 0) + 1
        self.changes = changes if changes is not None else ChangeLog(project)
        self.guides = GuideIndex(project.evidence)  # troubleshooting cases by entry and status

    def by_status(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for key, r in self.resolved.items():
            for case in r.statuses:
                out.setdefault(case.status, []).append(key)
        return dict(sorted(out.items()))

    def family_status_count(self, family_id: str, status: int) -> int:
        """How many entries of a family return ``status``."""
        return self._family_status.get((family_id, status), 0)

    def conflicts_by_kind(self) -> dict[str, list]:
        out: dict[str, list] = {}
        for c in self.project.reconciliation.conflicts:
            out.setdefault(c.kind, []).append(c)
        return out

    def latest_revisions(self, count: int = 6) -> list:
        return sorted(self.project.revisions, key=lambda r: (r.date, r.id), reverse=True)[:count]


def generate(project: Project, renderer: Renderer, links: dict[str, Links] | None = None,
             changes: ChangeLog | None = None, memo: RenderMemo | None = None) -> Iterator[Generated]:
    """Yield every page of both languages; linear in entries, aliases and revisions. ``links``
    and ``changes``: ``compute_links`` and ``ChangeLog`` of the project when the caller has them.
    ``memo`` (``serve --dirty``): pages whose inputs did not change come from it, unrendered."""
    site = SiteModel(project, links, changes, templates=renderer.folder)
    out = _Pages(site, renderer, memo)
    if memo is not None:
        memo.start(site)
    for lang in urls.LANGS:
        yield from _index_pages(site, out, lang)
        for family in site.catalog.families.values():
            keys = [e.key for e in family.entries]
            yield out.page("family.md.j2", urls.family(lang, family.id), lang,
                           [("family", family.id), *(("entry", k) for k in keys)],
                           family=family, entries=[site.resolved[k] for k in keys])
            for entry in family.entries:
                yield from _entry_pages(site, out, lang, site.resolved[entry.key])
        for rev in project.revisions:
            yield out.page("revision.md.j2", urls.revision(lang, rev.id), lang,
                           [("revision", rev.id), ("import", rev.id)],
                           rev=rev, result=project.evidence.imports[rev.id])
        yield out.page("changes.md.j2", urls.changes(lang), lang, [EVERYTHING])
        for cp in site.changes.pages:
            yield out.page("change.md.j2", cp.src(lang), lang, [("pair", f"{cp.old.id} {cp.new.id}")], cp=cp)
    if memo is not None:
        memo.finish()


def _index_pages(site: SiteModel, out: _Pages, lang: str) -> Iterator[Generated]:
    """Pages made from the whole model: always rendered (``deps.EVERYTHING``)."""
    yield out.page("home.md.j2", urls.home(lang), lang, [EVERYTHING])
    yield out.page("paste.md.j2", urls.paste(lang), lang, [EVERYTHING], lookup=urls.lookup_json(lang))
    yield out.page("status.md.j2", urls.status(lang), lang, [EVERYTHING], by_status=site.by_status())
    yield out.page("errata.md.j2", urls.errata(lang), lang, [EVERYTHING], by_kind=site.conflicts_by_kind())
    yield out.page("revisions.md.j2", urls.revisions(lang), lang, [EVERYTHING])


def _entry_pages(site: SiteModel, out: _Pages, lang: str, r: Resolved) -> Iterator[Generated]:
    src = urls.entry(lang, r.key)
    yield out.page("entry.md.j2", src, lang, [("entry", r.key), ("links", r.key)],
                   r=r, links=site.links[r.key], text_order=[k for k in ENTRY_TEXT_KINDS if k in r.texts])
    for spelling in r.entry.aliases:
        alias_src = urls.alias(lang, r.family.id, spelling)
        yield out.page("alias.html.j2", alias_src, lang, [("entry", r.key)], static=True,
                       spelling=spelling, r=r, target=urls.relative(alias_src, src))


class _Pages:
    """Renders one page at a time through a ``TracedSite`` that records what it reads (or takes
    its Markdown from ``memo`` when none of that changed)."""

    def __init__(self, site: SiteModel, renderer: Renderer, memo: RenderMemo | None):
        self.site, self.renderer, self.memo = site, renderer, memo

    def page(self, template: str, src: str, lang: str, parts: list[Part], static: bool = False,
             **context) -> Generated:
        if self.memo is not None:
            kept = self.memo.unchanged(src)
            if kept is not None:
                return Generated(src, kept, page=not static)
        reads: set[Part] = {TEMPLATES, *parts}
        other_lang, other_src = urls.other_language(src, lang)

        def link(to_src: str) -> str:
            return urls.relative(src, to_src)

        content = self.renderer.render(template, lang, site=TracedSite(self.site, reads), urls=urls,
                                       link=link, src=src, other_lang=other_lang, other=link(other_src),
                                       **context)
        if self.memo is not None:
            self.memo.rendered(src, reads, content)
        return Generated(src, content, page=not static)


def nav_for_language(project: Project, labels: dict, lang: str) -> list:
    """The navigation of one language: a few index pages; entry and revision pages stay out of it.

    Material prints nav titles as HTML, so the catalog's titles are escaped here (``words``: a
    Chinese name on an English page marked as Chinese).
    """
    items = [{labels["site_title"][lang]: urls.home(lang)}, {labels["paste"][lang]: urls.paste(lang)}]
    for svc in project.catalog.services:
        items.append({str(words(svc.title[lang], lang, whole="hyphens")): [
            {str(words(project.catalog.families[f].title[lang], lang, whole="hyphens")): urls.family(lang, f)}
            for f in svc.families]})
    items += [{labels["statuses"][lang]: urls.status(lang)}, {labels["errata"][lang]: urls.errata(lang)},
              {labels["revisions"][lang]: urls.revisions(lang)}, {labels["changes"][lang]: urls.changes(lang)}]
    return items
