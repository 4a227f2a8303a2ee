"""Structure of a diff: group rows into sections, match sections, match rows.

Sections are matched by normalised title first, then by title without generic words
("errors", "错误码说明"...), then by overlap of codes. Rows are matched by code within
matched sections; spelling changes (renames) by similarity together with the same status,
position or meaning; codes that changed table are found across sections.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model import Row
from ..similarity import distance, similar, similar_candidates
from .textdiff import ratio


@dataclass
class Section:
    title: str
    rows: list[Row]
    order: int

    @property
    def codes(self) -> set[str]:
        return {r.code for r in self.rows}


def group_sections(rows: list[Row]) -> list[Section]:
    """Sections in page order; rows keep their order."""
    out: dict[str, Section] = {}
    for row in rows:
        sec = out.get(row.section)
        if sec is None:
            sec = out[row.section] = Section(row.section, [], len(out))
        sec.rows.append(row)
    return list(out.values())


_MARKUP = re.compile(r"[#*_`>\[\]:：]+")
#: Words that say "this is a table of errors" and nothing about which one.
_GENERIC = re.compile(
    r"(error\s*codes?|errors?|codes?|list|table|description|explanations?|说明|错误码|返回码|错误|类型|列表|一览)",
    re.IGNORECASE)


def normal_title(title: str) -> str:
    t = unicodedata.normalize("NFKC", title or "").lower()
    t = _MARKUP.sub(" ", t)
    return "".join(t.split())


def core_title(title: str) -> str:
    t = unicodedata.normalize("NFKC", title or "").lower()
    t = _MARKUP.sub(" ", t)
    t = _GENERIC.sub(" ", t)
    return "".join(t.split())


def match_sections(old: list[Section], new: list[Section], by_title: bool = True
                   ) -> list[tuple[Section, Section]]:
    """One-to-one section pairs. ``by_title`` False (across languages): overlap first."""
    pairs: list[tuple[Section, Section]] = []
    free_old, free_new = list(old), list(new)

    def take(a: Section, b: Section) -> None:
        pairs.append((a, b))
        free_old.remove(a)
        free_new.remove(b)

    def by(key) -> None:
        for a in list(free_old):
            ka = key(a.title)
            if not ka:
                continue
            same = [b for b in free_new if key(b.title) == ka]
            if len(same) == 1 and sum(1 for x in free_old if key(x.title) == ka) == 1:
                take(a, same[0])

    def by_overlap() -> None:
        scored = []
        for a in free_old:
            for b in free_new:
                common = len(a.codes & b.codes)
                if not common:
                    continue
                share = common / min(len(a.codes), len(b.codes))
                if share >= 0.25:
                    scored.append((-share, -common, a.order, b.order, a, b))
        for *_, a, b in sorted(scored, key=lambda s: s[:4]):
            if a in free_old and b in free_new:
                take(a, b)

    if by_title:
        by(normal_title)
        by(core_title)
        by_overlap()
    else:
        by_overlap()
        by(core_title)
    return pairs


@dataclass
class RowMatch:
    """Result of matching the rows of one pair of sections."""

    pairs: list[tuple[Row, Row]] = field(default_factory=list)
    renamed: list[tuple[Row, Row]] = field(default_factory=list)
    old_only: list[Row] = field(default_factory=list)
    new_only: list[Row] = field(default_factory=list)


def _texts(row: Row) -> str:
    return " ".join(v for k, v in sorted(row.texts.items()) if v)


def _pair_score(a: Row, b: Row, compare_text: bool) -> tuple:
    return (a.status == b.status, ratio(_texts(a), _texts(b)) if compare_text else 0.0,
            -abs(a.index - b.index))


def match_rows(old: list[Row], new: list[Row], compare_text: bool = True) -> RowMatch:
    """Pair rows by code (several rows of one code: best status/text/position first), then
    pair leftover spellings that are similar and keep status, position or meaning."""
    result = RowMatch()
    by_code_old: dict[str, list[Row]] = {}
    by_code_new: dict[str, list[Row]] = {}
    for r in old:
        by_code_old.setdefault(r.code, []).append(r)
    for r in new:
        by_code_new.setdefault(r.code, []).append(r)
    matched_old: set[int] = set()
    matched_new: set[int] = set()
    for code, olds in by_code_old.items():
        news = by_code_new.get(code, [])
        if not news:
            continue
        if len(olds) == 1 and len(news) == 1:
            cands = [(None, olds[0], news[0])]
        else:
            cands = sorted(((_pair_score(a, b, compare_text), a, b) for a in olds for b in news),
                           key=lambda c: c[0], reverse=True)
        for _, a, b in cands:
            if id(a) in matched_old or id(b) in matched_new:
                continue
            result.pairs.append((a, b))
            matched_old.add(id(a))
            matched_new.add(id(b))

    left_old = [r for r in old if id(r) not in matched_old]
    left_new = [r for r in new if id(r) not in matched_new]
    new_codes = set(by_code_new)
    old_codes = set(by_code_old)
    # Renames: a spelling that vanished and a similar one that appeared, same status,
    # position or meaning. A spelling still present on the other side is no rename.
    anchor_old = _anchors(old, matched_old)
    anchor_new = _anchors(new, matched_new)
    partner = {id(a): id(b) for a, b in result.pairs}
    cands = []
    gone = [a for a in left_old if a.code not in new_codes]
    came = [b for b in left_new if b.code not in old_codes]
    near = similar_candidates([a.code for a in gone], [b.code for b in came])  # not every pair
    for i, a in enumerate(gone):
        for j in near.get(i, ()):
            b = came[j]
            if not similar(a.code, b.code):
                continue
            same_status = a.status is not None and a.status == b.status
            pa, pb = anchor_old.get(id(a)), anchor_new.get(id(b))
            same_place = (pa is None and pb is None) or (pa is not None and partner.get(pa) == pb)
            meaning = compare_text and ratio(_texts(a), _texts(b)) >= 0.5
            if same_status or same_place or meaning:
                cands.append((distance(a.code.lower(), b.code.lower()), -(same_status + same_place + meaning),
                              abs(a.index - b.index), a, b))
    for *_, a, b in sorted(cands, key=lambda c: c[:3]):
        if id(a) in matched_old or id(b) in matched_new:
            continue
        result.renamed.append((a, b))
        matched_old.add(id(a))
        matched_new.add(id(b))
    result.old_only = [r for r in old if id(r) not in matched_old]
    result.new_only = [r for r in new if id(r) not in matched_new]
    return result


def _anchors(rows: list[Row], matched: set[int]) -> dict[int, int | None]:
    """For each row, the id of the nearest earlier row that was matched by code."""
    out: dict[int, int | None] = {}
    last = None
    for r in rows:
        out[id(r)] = last
        if id(r) in matched:
            last = id(r)
    return out


def displaced(pairs: list[tuple[Row, Row]]) -> list[tuple[Row, Row]]:
    """Pairs outside a longest run kept in order: what a reader sees as moved within a table.

    Empty when the common rows keep their relative order.
    """
    seq = sorted(pairs, key=lambda p: p[0].index)
    n = len(seq)
    if n < 2:
        return []
    pos = [p[1].index for p in seq]
    # longest increasing subsequence, O(n log n)
    import bisect
    tails: list[int] = []
    tails_i: list[int] = []
    prev = [-1] * n
    for i, v in enumerate(pos):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tails_i.append(i)
        else:
            tails[k] = v
            tails_i[k] = i
        prev[i] = tails_i[k - 1] if k > 0 else -1
    keep = set()
    i = tails_i[-1] if tails_i else -1
    while i != -1:
        keep.add(i)
        i = prev[i]
    return [seq[i] for i in range(n) if i not in keep]
