"""Which family and entry an upstream row belongs to: the one index of the catalog's spellings.

A row belongs to the one family whose ``sources`` take its page and table title, and
within it to the entry that has the row's code as code or alias. Built once per load
(``collect_evidence`` keeps it on the evidence); evidence, ``absorb``, ``diff --catalog``
and the site's change links all ask it.
"""

from __future__ import annotations

import re
from typing import Iterable

from .catalog import Catalog, Entry, Family
from .model import Problem, Row
from .schema import CODE_PATTERN
from .similarity import closest, is_numeric

#: A message that is a string code (``QueueNotFound``, ``InternalError``): one CamelCase word of
#: two humps or more. The media-processing tables head their string-code column "Error Message".
_CODE_LIKE_MESSAGE = re.compile(r"^[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+$")


class CatalogIndex:
    """Families by page and table title, entries by spelling.

    Attributes:
        catalog: the catalog indexed.
        errors: spellings used twice within a family (codes and aliases must be unique there);
            the first entry keeps the spelling.
    """

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.errors: list[Problem] = []
        self._spellings = {fid: self._index_family(family) for fid, family in catalog.families.items()}
        self._families: dict[tuple[str, str], tuple[Family, ...]] = {}  # a few tables, many rows
        self._pages: dict[str, dict[str, list[Entry]]] = {}

    def families(self, page: str, section: str) -> tuple[Family, ...]:
        """Every family whose sources take table ``section`` of ``page`` (one, when all is well)."""
        found = self._families.get((page, section))
        if found is None:
            found = self._families[page, section] = tuple(
                f for f in self.catalog.families.values() if f.matches(page, section))
        return found

    def family_for(self, page: str, section: str) -> Family | None:
        """The one family taking table ``section`` of ``page``; None when none or several do."""
        found = self.families(page, section)
        return found[0] if len(found) == 1 else None

    def entry_for(self, family: Family, spelling: str) -> Entry | None:
        """The entry of ``family`` spelled ``spelling`` (its code or an alias, exactly)."""
        return self._spellings[family.id].get(spelling)

    def suggest(self, family: Family, spelling: str, beside: Iterable[str] = ()) -> tuple[str, Entry] | None:
        """The known spelling ``spelling`` is most likely a variant of, and its entry.

        A near spelling that stands ``beside`` it (in the same table of the same revision) is
        another code, not a variant: then there is no suggestion.

        Returns:
            ``(near spelling, entry)``, or None: ``spelling`` is a new code.
        """
        index = self._spellings[family.id]
        if not CODE_PATTERN.match(spelling):
            # a code run together with the next cell's word ("RequestIsNotMultiPartContent\tBucket"):
            # a variant of the known code among its words, however far the whole is from it
            word = next((w for w in spelling.split() if w in index and w not in beside), None)
            if word is not None:
                return word, index[word]
        near = closest(spelling, list(index))
        if near is None or near in beside:
            return None
        return near, index[near]

    def spelled_on(self, page: str) -> dict[str, list[Entry]]:
        """Entries by spelling, over every family fed by ``page`` (in catalog order)."""
        found = self._pages.get(page)
        if found is None:
            found = self._pages[page] = {}
            for family in self.catalog.families.values():
                if any(s.page == page for s in family.sources):
                    for spelling, entry in self._spellings[family.id].items():
                        found.setdefault(spelling, []).append(entry)
        return found

    def _index_family(self, family: Family) -> dict[str, Entry]:
        seen: dict[str, Entry] = {}
        for entry in family.entries:
            for i, spelling in enumerate(entry.spellings):
                other = seen.get(spelling)
                if other is None:
                    seen[spelling] = entry
                else:
                    self.errors.append(_reused(family, entry, i, spelling, other))
        return seen


def _reused(family: Family, entry: Entry, i: int, spelling: str, other: Entry) -> Problem:
    """The problem of ``entry``'s ``i``-th spelling, already used by ``other``."""
    where = "code=" if i == 0 else f"aliases[{i - 1}]"
    line, col = entry.positions.get(where, (entry.line, entry.column))
    if other is entry:
        return Problem(entry.path, line, col, f"alias {spelling!r} of {entry.code} repeats its code; remove it")
    what = f"code {spelling!r}" if i == 0 else f"alias {spelling!r} of {entry.code}"
    whose = "another entry" if other.code == entry.code else other.code
    return Problem(entry.path, line, col, f"{what} is already used by {whose} (line {other.line}); "
                                          f"codes and aliases must be unique within family {family.id}")


def codes_by_table(rows: Iterable[Row]) -> dict[str, set[str]]:
    """The codes each table (section) of one revision lists: what stands beside what."""
    out: dict[str, set[str]] = {}
    for row in rows:
        out.setdefault(row.section, set()).add(row.code)
    return out


def code_only(text: str | None) -> str | None:
    """The string code a text is, when it is nothing else (``AccessDenied。`` -> AccessDenied):
    such an action or message is a cross-link to that code, not advice."""
    bare = (text or "").strip().rstrip(".。")
    return bare if _CODE_LIKE_MESSAGE.match(bare) else None


def string_codes(row: Row) -> list[str]:
    """The string codes a row gives beside its own code: its ``name`` cells, and ``message`` and
    ``action`` cells that are only a code, in its first group and its variants. Each is a
    spelling of the entry that lookup, search, paste and export find."""
    out: list[str] = []
    for group in (row.texts, *row.variants):
        name = (group.get("name") or "").strip()
        for text in (name if CODE_PATTERN.match(name) and not is_numeric(name) else "",
                     code_only(group.get("message")) or "", code_only(group.get("action")) or ""):
            if text and text != row.code and text not in out:
                out.append(text)
    return out
