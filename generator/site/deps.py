"""What each page is made from: the model parts its rendering reads, and their values.

A page's template sees the model as ``site``, a ``TracedSite``: each lookup it offers records the
part it reads (``("entry", "cos-xml-api/NoSuchKey")``, ``("revision", id)``, ...) in the page's own
set of reads; ``pages.py`` adds the parts it passes in the context (the entry, its links, the
revision and its rows). ``part_value`` computes any part's value from the current model, one
function per kind in ``_VALUES``; ``serve --dirty`` (``incremental.RenderMemo``) keeps each page's
reads and Markdown and renders a page again only when one of its parts has a different value.

The view has no catch-all: a template that needs something new from the model fails until the view
offers it with the part it reads. Aggregates read by a handful of index pages (the catalog, the
project, every conflict) are the part ``EVERYTHING``, whose value differs in every build: those
pages are always rendered.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any, Callable, NamedTuple

from ..model import Revision, Row

#: ``(kind, key)``: one part of the model, e.g. ``("entry", "cos-xml-api/NoSuchKey")``.
Part = tuple[str, str]

EVERYTHING: Part = ("everything", "")
#: The template files and labels (one part: a template edit renders every page again).
TEMPLATES: Part = ("templates", "")


class _Never:
    """The value of ``EVERYTHING``: equal to nothing, so a page that reads it is always rendered."""

    def __eq__(self, other) -> bool:
        return False

    __hash__ = None


# --- values -----------------------------------------------------------------------------------------

#: Fields of catalog objects that say where they are written, not what they say: an edit that
#: moves the lines below it must not make those entries look changed.
_POSITIONS = frozenset({"path", "line", "column", "positions"})
_fields: dict[type, tuple[str, ...]] = {}
#: Values compared by their own equality, not copied: rows and revisions as imported and registered,
#: never changed afterwards. Under serve the rows of an unchanged snapshot are the very same objects
#: from one rebuild to the next (the file cache), so comparing them costs nothing; copying the
#: ~17,000 rows each rebuild took most of the time of computing the entries' values.
_AS_THEY_ARE = (Row, Revision)


def canonical(obj: Any) -> Any:
    """A plain, comparable value of model data: dataclasses as (type, fields...), lists as tuples,
    mappings as item tuples in their order (the order pages show). A family is its own fields
    without its entries (each entry is a part of its own). Anything else is kept as it is, to be
    compared by its own equality: an object without one is then never equal to the previous
    build's, and its pages are rendered again (never stale)."""
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, _AS_THEY_ARE):
        return obj
    if isinstance(obj, (list, tuple)):
        return tuple(canonical(x) for x in obj)
    if isinstance(obj, dict):
        return tuple((k, canonical(v)) for k, v in obj.items())
    cls = type(obj)
    if cls.__name__ == "Family" and cls.__module__.endswith(".catalog"):
        return _family_value(obj)
    names = _fields.get(cls)
    if names is None:
        if not dataclasses.is_dataclass(obj):
            return obj  # compared by its own equality (identity for most: then always "changed")
        skip = _POSITIONS if cls.__module__.endswith(".catalog") else ()
        names = _fields[cls] = tuple(f.name for f in dataclasses.fields(obj) if f.name not in skip)
    return (cls.__name__, *(canonical(getattr(obj, name)) for name in names))


def _family_value(family) -> tuple:
    return ("Family", family.id, family.service, family.kind, canonical(family.title),
            canonical(family.summary), tuple(family.english_only), tuple(e.key for e in family.entries))


def _missing(kind: str, key: str) -> tuple:
    return ("missing", kind, key)


def _entry(model, key):
    r = model.resolved.get(key)
    return canonical(r) if r is not None else _missing("entry", key)


class EntryName(NamedTuple):
    """What a link to an entry shows: its code and its family's title (per language)."""

    code: str
    family_title: dict[str, str]


def _entry_name(model, key):
    r = model.resolved.get(key)
    return EntryName(r.code, r.family.title) if r is not None else _missing("entry_name", key)


def _links(model, key):
    links = model.links.get(key)
    return canonical(links) if links is not None else _missing("links", key)


def _family(model, family_id):
    family = model.catalog.families.get(family_id)
    return _family_value(family) if family is not None else _missing("family", family_id)


def _import(model, rev_id):
    # the import result itself: under serve the same object while its snapshot is unchanged, so
    # comparing it costs nothing then (dataclass equality, identity first)
    return model.project.evidence.imports.get(rev_id, _missing("import", rev_id))


def _row_entries(model, rev_id):
    result = model.project.evidence.imports.get(rev_id)
    if result is None:
        return _missing("row_entries", rev_id)
    return tuple(model.row_entry.get(id(row)) for row in result.rows)


def _touches(model, key):
    r = model.resolved.get(key)
    if r is None:
        return _missing("touches", key)
    return tuple((rev, tuple((t.page.old, t.page.new, t.anchor, t.change) for t in touches))
                 for rev, touches in model.changes.for_entry(r).items())


def _neighbours(model, rev_id):
    rev = model.revision.get(rev_id)
    return model.changes.neighbours(rev) if rev is not None else _missing("neighbours", rev_id)


def _pair(model, ids):
    old, new = (model.revision.get(i) for i in ids.split(" "))
    return _pair_value(model.changes.pair(old, new))


def _pair_value(cp) -> Any:
    if cp is None:
        return None
    note = cp.note and (cp.note.kind, cp.note.other and (cp.note.other.old.id, cp.note.other.new.id))
    return (cp.old, cp.new, cp.report, note)


def _entry_cases(model, key_lang):
    key, lang = key_lang.rsplit(" ", 1)
    return _shown_cases(model.guides.for_entry(key, lang))


def _status_cases(model, key):
    family_id, statuses, lang = key.split(" ")
    found = model.guides.for_entry_statuses(family_id, [int(s) for s in statuses.split(",") if s], lang)
    return _shown_cases(found)


def _shown_cases(found) -> tuple:
    return tuple((canonical(sc.item), sc.anchor, sc.other_language) for sc in found)


def _revision_cases(model, rev_id):
    return canonical(model.guides.of_revision(rev_id))


def _templates(model, _key):
    folder = Path(model.templates)
    out = []
    for dirpath, _dirs, files in os.walk(folder):
        for name in sorted(files):
            st = os.stat(os.path.join(dirpath, name))
            out.append((os.path.relpath(os.path.join(dirpath, name), folder), st.st_mtime_ns, st.st_size))
    return (str(folder), tuple(sorted(out)))


#: How each kind of part gets its value from the model (``SiteModel``).
_VALUES: dict[str, Callable[[Any, str], Any]] = {
    "entry": _entry,                  # an entry as reconciled: texts, statuses, rows, life, conflicts
    "entry_name": _entry_name,        # what a link to it shows (``EntryName``)
    "links": _links,                  # its cross-links
    "family": _family,                # a family's own fields and entry list
    "revision": lambda model, rev_id: model.revision.get(rev_id, _missing("revision", rev_id)),
    "import": _import,                # a revision's rows, warnings and cases as read
    "row_entries": _row_entries,      # which entry each row of a revision belongs to
    "touches": _touches,              # the changes that touched an entry
    "neighbours": _neighbours,        # a revision's previous and next of its page
    "pair": _pair,                    # a pair of consecutive revisions: its report and note
    "entry_cases": _entry_cases,      # troubleshooting cases shown on an entry page of a language
    "status_cases": _status_cases,    # cases answering a bare status an entry of a family responds with
    "revision_cases": _revision_cases,
    "status_count": lambda model, status: model.by_status_count.get(int(status)),
    "family_status": lambda model, key: model.family_status_count(*_family_and_status(key)),
    "templates": _templates,
    "everything": lambda model, _key: _Never(),
}


def _family_and_status(key: str) -> tuple[str, int]:
    family_id, status = key.rsplit(" ", 1)
    return family_id, int(status)


def part_value(model, part: Part) -> Any:
    """The value of ``part`` in the model as it is now."""
    kind, key = part
    return _VALUES[kind](model, key)


# --- the view templates read ----------------------------------------------------------------------


class _Lookup:
    """A mapping of the model whose every lookup records ``(kind, key)``."""

    __slots__ = ("_data", "_reads", "_kind")

    def __init__(self, data: dict, reads: set[Part], kind: str):
        self._data, self._reads, self._kind = data, reads, kind

    def __getitem__(self, key):
        self._reads.add((self._kind, str(key)))
        return self._data[key]

    def get(self, key, default=None):
        self._reads.add((self._kind, str(key)))
        return self._data.get(key, default)

    def __contains__(self, key) -> bool:
        self._reads.add((self._kind, str(key)))
        return key in self._data


class _Changes:
    """``site.changes``: the change log, each question recording what it reads."""

    __slots__ = ("_changes", "_reads")

    def __init__(self, changes, reads: set[Part]):
        self._changes, self._reads = changes, reads

    def for_entry(self, r):
        self._reads.add(("touches", r.key))
        return self._changes.for_entry(r)

    def neighbours(self, rev):
        self._reads.add(("neighbours", rev.id))
        return self._changes.neighbours(rev)

    def pair(self, old, new):
        if old and new:
            self._reads.add(("pair", f"{old.id} {new.id}"))
        return self._changes.pair(old, new)

    @property
    def pages(self):
        self._reads.add(EVERYTHING)
        return self._changes.pages

    def by_page(self):
        self._reads.add(EVERYTHING)
        return self._changes.by_page()


class _Guides:
    """``site.guides``: troubleshooting cases, each question recording what it reads."""

    __slots__ = ("_guides", "_reads", "inline", "note_items")

    def __init__(self, guides, reads: set[Part]):
        self._guides, self._reads = guides, reads
        self.inline, self.note_items = guides.inline, guides.note_items  # text helpers, no data

    def for_entry(self, key: str, lang: str):
        self._reads.add(("entry_cases", f"{key} {lang}"))
        return self._guides.for_entry(key, lang)

    def for_entry_statuses(self, family: str, statuses: list[int], lang: str):
        self._reads.add(("status_cases", f"{family} {','.join(map(str, sorted(statuses)))} {lang}"))
        return self._guides.for_entry_statuses(family, statuses, lang)

    def of_revision(self, rev_id: str):
        self._reads.add(("revision_cases", rev_id))
        return self._guides.of_revision(rev_id)

    def for_status(self, status: int, lang: str):
        self._reads.add(EVERYTHING)
        return self._guides.for_status(status, lang)

    def paste_cases(self, lang: str):
        self._reads.add(EVERYTHING)
        return self._guides.paste_cases(lang)


class TracedSite:
    """What a page's template sees as ``site``: the model's lookups, recording into ``reads``."""

    def __init__(self, model, reads: set[Part]):
        self._model = model
        self._reads = reads
        self.resolved = _Lookup(model.resolved, reads, "entry")
        self.revision = _Lookup(model.revision, reads, "revision")
        self.by_status_count = _Lookup(model.by_status_count, reads, "status_count")
        self.changes = _Changes(model.changes, reads)
        self.guides = _Guides(model.guides, reads)

    def entry_name(self, key: str) -> EntryName:
        """What a link to entry ``key`` shows (pages that only link to an entry read only this)."""
        self._reads.add(("entry_name", key))
        return _entry_name(self._model, key)

    def entry_of(self, row) -> str | None:
        """The key of the entry a row belongs to (None: a row no entry covers)."""
        self._reads.add(("row_entries", row.revision))
        return self._model.row_entry.get(id(row))

    def family_status_count(self, family_id: str, status: int) -> int:
        self._reads.add(("family_status", f"{family_id} {status}"))
        return self._model.family_status_count(family_id, status)

    # whole-model reads: the index pages (home, errata, revisions) that use them are always rendered
    @property
    def catalog(self):
        self._reads.add(EVERYTHING)
        return self._model.catalog

    @property
    def project(self):
        self._reads.add(EVERYTHING)
        return self._model.project

    @property
    def first_seen(self):
        self._reads.add(EVERYTHING)
        return self._model.first_seen

    def latest_revisions(self, count: int = 6):
        self._reads.add(EVERYTHING)
        return self._model.latest_revisions(count)
