"""Troubleshooting cases on the site: which cases a page shows, in which language, under which anchor.

An entry page shows, for each guide that has cases for its code, the cases of that guide's newest
revision in the page's language; where the guide has no revision in that language, its newest in
the other one, said so on the page. Cases that name no code (the CDN page's bare HTTP 403) go to the
HTTP status index and to the entries of the guide's family that respond with that status. A case's anchor is the same in both languages (it comes from the message,
which responses carry untranslated), so a link to it works from either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..evidence import CaseEvidence, Evidence
from ..model import GuideCase, Revision
from . import urls

_INLINE = re.compile(
    r"!\[(?P<alt>[^\]\n]*)\]\(\s*(?P<src>[^)\s]+)\s*\)"  # an image: shown as a link, never loaded
    r"|\[(?P<text>[^\]\n]+)\]\(\s*(?P<href>[^)\s]+)\s*\)"
    r"|`(?P<code>[^`\n]+)`"
    r"|\*\*(?P<strong>[^*\n]+?)\*\*"
)
_HTTP = re.compile(r"https?://", re.IGNORECASE)


def inline(text: str) -> list[dict]:
    """Upstream step text as pieces: text, code, strong, link (http(s) only) and image (a link to it).

    The template escapes every piece: nothing written upstream becomes markup.
    """
    out, pos = [], 0
    for m in _INLINE.finditer(text or ""):
        if m.start() > pos:
            out.append({"kind": "text", "text": text[pos:m.start()]})
        if m.group("src") is not None:
            if _HTTP.match(m.group("src")):
                out.append({"kind": "image", "text": m.group("alt"), "href": m.group("src")})
            else:
                out.append({"kind": "text", "text": m.group(0)})
        elif m.group("href") is not None:
            if _HTTP.match(m.group("href")):
                out.append({"kind": "link", "text": m.group("text"), "href": m.group("href")})
            else:  # an in-page anchor of the upstream page, or a scheme we never link
                out.append({"kind": "text", "text": m.group("text") if m.group("href").startswith("#")
                            else m.group(0)})
        elif m.group("code") is not None:
            out.append({"kind": "code", "text": m.group("code")})
        else:
            out.append({"kind": "strong", "text": m.group("strong")})
        pos = m.end()
    if pos < len(text or ""):
        out.append({"kind": "text", "text": text[pos:]})
    return out


def note_items(text: str) -> list[str] | None:
    """A note written as a list (every line ``- …``): its items; otherwise None (shown as lines)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and all(re.match(r"[-*+] ", line) for line in lines):
        return [line[2:].strip() for line in lines]
    return None


_PLACEHOLDER = re.compile(r"X{3,}|\[bucket-appid\]|\d{6,}")
_JS_SPECIAL = re.compile(r"[.*+?^${}()|\[\]\\/]")


def message_pattern(message: str) -> str:
    """A regular expression (the same in Python and JavaScript) finding ``message`` in pasted text:
    whitespace runs match any whitespace, upstream's placeholders (``XXXXXX``, ``[bucket-appid]``,
    a timestamp) match what a real response has there."""
    out, pos = [], 0
    for m in _PLACEHOLDER.finditer(message):
        out.append(_escape(message[pos:m.start()]))
        out.append(r"\d+" if m.group(0)[0].isdigit() else r"\S+")
        pos = m.end()
    out.append(_escape(message[pos:]))
    return "".join(out)


def _escape(text: str) -> str:
    return r"\s+".join(_JS_SPECIAL.sub(lambda m: "\\" + m.group(0), part) for part in re.split(r"\s+", text))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


def case_anchor(page: str, case: GuideCase) -> str:
    """``case-cos-403-you-are-denied-by-bucket-referer-rule``; a one-case page: ``case-cos-404``."""
    base = "case-" + _slug(page.removesuffix("-guide"))
    words = _slug(case.message or "")
    return f"{base}-{words}" if words else base


@dataclass(frozen=True)
class ShownCase:
    """A case as a page shows it."""

    item: CaseEvidence
    anchor: str
    other_language: bool  # the guide is not published in the page's language

    @property
    def case(self) -> GuideCase:
        return self.item.case

    @property
    def revision(self) -> Revision:
        return self.item.revision

    @property
    def upstream(self) -> str | None:
        return urls.revision_file(self.item.revision)

    @property
    def response(self) -> str:
        """What the response carries, as the user sees it: status line, ``<Code>``, ``<Message>``."""
        c = self.case
        parts = [f"HTTP {c.status}" if c.status else "", f"<Code>{c.code}</Code>" if c.code else "",
                 f"<Message>{c.message}</Message>" if c.message else ""]
        return "\n".join(p for p in parts if p)


class GuideIndex:
    """The cases of the newest revision of each guide, by entry and by status, per language."""

    def __init__(self, evidence: Evidence):
        self.newest: dict[tuple[str, str], Revision] = {}
        for item in evidence.cases:
            rev, k = item.revision, (item.revision.page, item.revision.language)
            if k not in self.newest or (rev.date, rev.id) > (self.newest[k].date, self.newest[k].id):
                self.newest[k] = rev
        self.pages = list(dict.fromkeys(item.revision.page for item in evidence.cases))
        self._cases: dict[str, list[CaseEvidence]] = {}
        for item in evidence.cases:
            self._cases.setdefault(item.revision.id, []).append(item)
        self.inline = inline
        self.note_items = note_items

    def _shown(self, lang: str, keep) -> list[ShownCase]:
        out: list[ShownCase] = []
        for page in self.pages:
            rev = self.newest.get((page, lang))
            other = rev is None
            if other:
                rev = next((r for (p, _), r in sorted(self.newest.items()) if p == page), None)
            anchors: set[str] = set()
            for item in self._cases.get(rev.id, []) if rev else []:
                if keep(item):
                    anchor = case_anchor(page, item.case)
                    while anchor in anchors:
                        anchor += "-2"
                    anchors.add(anchor)
                    out.append(ShownCase(item, anchor, other))
        return out

    def for_entry(self, key: str, lang: str) -> list[ShownCase]:
        """The cases answering entry ``key``, for a page in ``lang``."""
        return self._shown(lang, lambda item: item.key == key)

    def of_revision(self, rev_id: str) -> list[CaseEvidence]:
        """Every case of one guide revision, in page order."""
        return self._cases.get(rev_id, [])

    def paste_cases(self, lang: str) -> list[dict]:
        """What the paste page matches a pasted response against: each case shown on an entry page
        in ``lang`` that has a message, with its entry, anchor and message pattern."""
        return [{"key": sc.item.key, "code": sc.case.code, "message": sc.case.message, "anchor": sc.anchor,
                 "pattern": message_pattern(sc.case.message)}
                for sc in self._shown(lang, lambda item: item.key is not None and bool(item.case.message))]

    def for_status(self, status: int, lang: str) -> list[ShownCase]:
        """The cases that answer a bare HTTP ``status`` (no code), for a page in ``lang``."""
        return self._shown(lang, lambda item: item.case.code is None and item.case.status == status)

    def for_entry_statuses(self, family: str, statuses: list[int], lang: str) -> list[ShownCase]:
        """The cases answering a bare status that an entry of ``family`` responds with: the guide's
        page belongs to that family (the CDN 403 case on COS's 403 entries, not on a media one)."""
        wanted = set(statuses)
        return self._shown(lang, lambda item: item.case.code is None and item.family == family
                           and item.case.status in wanted)
