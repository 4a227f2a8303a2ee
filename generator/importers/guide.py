"""Troubleshooting guides (故障处理): prose pages read into cases, not rows.

A guide answers one or more responses. A *case* starts at a heading that names a message
(``### Message: "Access Denied."``, ``### Message 为 “…”``, ``### Error message "…"``, any level) or
whose own text carries the ``<Code>``/``<Message>`` block of the response; it runs to the next
heading of the same or a higher level. A page with no such heading (the CDN 403 and the 404 pages)
is one case: its symptom says the status (and code), its cause and procedure sections the rest.

Inside a case: numbered items are steps, bullets under a step its branches ("If so… / If not…"),
a paragraph outside a numbered list an unnumbered step, ``>`` blocks notes, other code blocks
commands, "Possible cause" sections or paragraphs causes. Text is kept as written (inline markdown
included); nothing is interpreted here: rendering escapes it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..model import GuideCase, GuideStep, Link, Problem
from .common import clean_title, warn

# --------------------------------------------------------------------------- tokens

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^\s*(```+|~~~+)")
_QUOTE = re.compile(r"^\s*>[!?]?\s?(.*)$")
_SPAN_ID = re.compile(r'^\s*<(?:span|a)\s+(?:id|name)="([^"<>]+)"\s*>\s*</(?:span|a)>\s*$', re.IGNORECASE)
_NUMBERED = re.compile(r"^(\s*)(\d{1,2})[.、)）]\s*(\S.*)$")
_BULLET = re.compile(r"^(\s*)[-*+•]\s+(\S.*)$")


@dataclass
class _Tok:
    kind: str  # heading, fence, quote, anchor, item, para, blank
    line: int
    text: str = ""
    level: int = 0  # heading level
    indent: int = 0  # list item indent
    number: int | None = None  # numbered item


def _indent(space: str) -> int:
    return len(space.expandtabs(4))


def _tokens(lines: list[str], path: str, problems: list[Problem]) -> list[_Tok]:
    """Block tokens; a paragraph line right under an item continues the item."""
    out: list[_Tok] = []
    i = 0
    while i < len(lines):
        line, n = lines[i], i + 1
        fence = _FENCE.match(line)
        if fence:
            mark = fence.group(1)
            body, j = [], i + 1
            while j < len(lines) and not lines[j].strip().startswith(mark[:3]):
                body.append(lines[j])
                j += 1
            if j == len(lines):
                problems.append(warn(path, n, 1, "code block never closed; read to the end of the file"))
            out.append(_Tok("fence", n, "\n".join(body).strip("\n")))
            i = j + 1
            continue
        i += 1
        if not line.strip():
            out.append(_Tok("blank", n))
            continue
        m = _HEADING.match(line)
        if m:
            out.append(_Tok("heading", n, m.group(2), level=len(m.group(1))))
            continue
        m = _SPAN_ID.match(line)
        if m:
            out.append(_Tok("anchor", n, m.group(1)))
            continue
        m = _QUOTE.match(line)
        if m:
            text = m.group(1).strip()
            if out and out[-1].kind == "quote":
                out[-1].text = (out[-1].text + "\n" + text).strip()
            else:
                out.append(_Tok("quote", n, text))
            continue
        m = _NUMBERED.match(line)
        if m:
            out.append(_Tok("item", n, m.group(3).strip(), indent=_indent(m.group(1)), number=int(m.group(2))))
            continue
        m = _BULLET.match(line)
        if m:
            out.append(_Tok("item", n, m.group(2).strip(), indent=_indent(m.group(1))))
            continue
        if out and out[-1].kind in ("item", "para"):
            out[-1].text += "\n" + line.strip()  # a continuation line (lazy markdown)
        else:
            out.append(_Tok("para", n, line.strip()))
    return out


# --------------------------------------------------------------------------- words

_MESSAGE_HEADING = re.compile(
    r"(?:\bmessage\b|错误信息|报错信息|提示信息)\s*(?:[:：]|为|is)?\s*[“\"'‘「](?P<message>.+)[”\"'’」]\s*$",
    re.IGNORECASE,
)
_CODE_TAG = re.compile(r"<Code>\s*(.*?)\s*</Code>", re.IGNORECASE | re.DOTALL)
_MESSAGE_TAG = re.compile(r"<Message>\s*(.*?)\s*</Message>", re.IGNORECASE | re.DOTALL)
_CAUSE_WORDS = re.compile(r"cause|reason|\bwhy\b|原因", re.IGNORECASE)
_STEP_WORDS = re.compile(r"solution|procedure|troubleshoot|step|fix|resolv|处理|解决|排查|步骤|操作", re.IGNORECASE)
_CAUSES_INTRO = re.compile(r"(possible\s+causes?|可能(的)?原因)", re.IGNORECASE)
_STATUS = re.compile(r"(?<![\d.\-])([45]\d\d)(?!\d|\.\d)")
_STATUS_CODE = re.compile(r"(?<![\d.\-])([45]\d\d)\s*([A-Z][A-Za-z]+)\b")
_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*([^()\s]+(?:\([^()\s]*\))?[^()\s]*)(?:\s+\"[^\"]*\")?\s*\)")
_ENDS_WITH_COLON = re.compile(r"[:：]\s*$")


def _plain(text: str) -> str:
    """Heading or tag text as plain text: entities decoded (``&apos;`` is ``'``), markup dropped."""
    return html.unescape(clean_title(text)).strip()


def _tag(pattern: re.Pattern, text: str) -> str | None:
    m = pattern.search(text)
    return html.unescape(m.group(1)).strip() if m and m.group(1).strip() else None


def links_in(text: str) -> list[Link]:
    """Every ``[text](url)`` and ``![alt](url)`` in ``text``; in-page anchors (``#…``) are not links."""
    return [Link(m.group(2).strip(), m.group(3), bool(m.group(1)))
            for m in _LINK.finditer(text) if not m.group(3).startswith("#")]


# --------------------------------------------------------------------------- structure


@dataclass
class _Section:
    heading: _Tok | None
    body: list[_Tok]  # up to the next heading of any level
    anchor: str | None = None


def _sections(tokens: list[_Tok]) -> list[_Section]:
    sections = [_Section(None, [])]
    pending_anchor = None
    for tok in tokens:
        if tok.kind == "heading":
            sections.append(_Section(tok, [], pending_anchor))
            pending_anchor = None
        elif tok.kind == "anchor":
            pending_anchor = tok.text  # upstream puts the <span id> just above the heading it names
        else:
            sections[-1].body.append(tok)
    return sections


def _is_case(section: _Section) -> bool:
    if section.heading is None:
        return False
    if _MESSAGE_HEADING.search(_plain(section.heading.text)):
        return True
    return any(_CODE_TAG.search(t.text) or _MESSAGE_TAG.search(t.text)
               for t in section.body if t.kind in ("fence", "para"))


def read_guide(lines: list[str], path: str) -> tuple[list[GuideCase], list[Problem]]:
    """The cases of one guide revision, and warnings naming ``path``."""
    problems: list[Problem] = []
    sections = _sections(_tokens(lines, path, problems))
    status = _page_status(sections)
    cases: list[GuideCase] = []
    i = 0
    while i < len(sections):
        sec = sections[i]
        if not _is_case(sec):
            i += 1
            continue
        j = i + 1
        while j < len(sections) and sections[j].heading.level > sec.heading.level:
            j += 1
        cases.append(_case(sections[i:j], status))
        i = j
    if not cases:
        single = _single_case(sections, status)
        if single is not None:
            cases.append(single)
    if not cases:
        problems.append(warn(path, 1, 1, "no troubleshooting case found: no heading names a message, no "
                                         "<Code>/<Message> block, no procedure section"))
    for case in cases:
        if not case.steps:
            problems.append(warn(path, case.line, 1, f"case {case.title!r} has no steps"))
    return cases, problems


def _page_status(sections: list[_Section]) -> int | None:
    """The HTTP status the page is about, when its first section (the symptom) names exactly one."""
    for sec in sections:
        text = " ".join(t.text for t in sec.body if t.kind in ("para", "item"))
        if not text.strip():
            continue
        found = {int(s) for s in _STATUS.findall(text)}
        return found.pop() if len(found) == 1 else None
    return None


def _case(sections: list[_Section], status: int | None) -> GuideCase:
    head = sections[0]
    title = _plain(head.heading.text)
    m = _MESSAGE_HEADING.search(title)
    case = GuideCase(title=title, code=None, message=m.group("message").strip() if m else None,
                     status=status, line=head.heading.line, anchor=head.anchor)
    code_block = False
    for k, sec in enumerate(sections):
        mode = "steps"
        if k and sec.heading is not None:
            mode = "causes" if _CAUSE_WORDS.search(sec.heading.text) and not _STEP_WORDS.search(sec.heading.text) \
                else "steps"
        body = sec.body
        if not code_block:
            for t in body:
                if t.kind in ("fence", "para") and (_CODE_TAG.search(t.text) or _MESSAGE_TAG.search(t.text)):
                    case.code = _tag(_CODE_TAG, t.text) or case.code
                    case.message = _tag(_MESSAGE_TAG, t.text) or case.message
                    code_block = True
                    # what comes before the block introduces it ("If the following message is displayed:")
                    body = body[body.index(t) + 1:]
                    break
        _read_body(body, mode, case)
    for text in _texts(case):
        case.links.extend(links_in(text))
    return case


def _single_case(sections: list[_Section], status: int | None) -> GuideCase | None:
    """A page about one response: the procedure section is the case, the symptom its title."""
    procedure = next((s for s in sections if s.heading is not None and _STEP_WORDS.search(s.heading.text)
                      and not _CAUSE_WORDS.search(s.heading.text)), None)
    if procedure is None:
        return None
    symptom = next((t for s in sections for t in s.body if t.kind == "para"), None)
    title = html.unescape(symptom.text.split("\n")[0]) if symptom else _plain(procedure.heading.text)
    title = _LINK.sub("", title).strip()
    m = _STATUS_CODE.search(symptom.text) if symptom else None
    code = m.group(2) if m and status is not None and int(m.group(1)) == status else None
    case = GuideCase(title=title, code=code, message=None, status=status, line=procedure.heading.line,
                     anchor=procedure.anchor)
    for sec in sections:
        if sec.heading is None or sec is procedure:
            continue
        if _CAUSE_WORDS.search(sec.heading.text):
            _read_body(sec.body, "causes", case)
    _read_body(procedure.body, "steps", case)
    start = sections.index(procedure) + 1
    for sec in sections[start:]:  # subsections of the procedure
        if sec.heading.level <= procedure.heading.level:
            break
        _read_body(sec.body, "steps", case)
    if symptom:
        case.links.extend(links_in(symptom.text))  # a screenshot of the symptom
    for text in _texts(case):
        case.links.extend(links_in(text))
    return case


def _read_body(body: list[_Tok], mode: str, case: GuideCase) -> None:
    """Read one section's blocks into ``case``: causes, or steps with their branches, notes, commands."""
    toks = [t for t in body if t.kind != "blank"]
    base: int | None = None  # indent of the top-level numbered list
    # open items, outermost first: (indent, step); a prose step has indent -1 so bullets stay under it
    stack: list[tuple[int, GuideStep]] = []
    for k, tok in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        intro = _ENDS_WITH_COLON.search(tok.text) is not None and nxt is not None
        if tok.kind == "para":
            if _CAUSES_INTRO.search(tok.text) and intro:
                mode = "causes"
            elif mode == "causes":
                if not (intro and nxt.kind == "item"):
                    case.causes.append(tok.text)
            elif stack and stack[0][1].number is not None:
                stack[-1][1].details.append(tok.text)  # prose under a numbered step belongs to it
            elif not intro:  # "You can:" only introduces what follows
                step = GuideStep(tok.text, tok.line)
                case.steps.append(step)
                stack = [(-1, step)]
        elif tok.kind == "item" and mode == "causes":
            case.causes.append(tok.text)
            if nxt is not None and nxt.kind == "para":
                mode = "steps"  # the list of causes ended; what follows is what to do
        elif tok.kind == "item":
            step = GuideStep(tok.text, tok.line, tok.number)
            if tok.number is not None and (base is None or tok.indent <= base + 1):
                base = tok.indent if base is None else base
                case.steps.append(step)
                stack = [(tok.indent, step)]
                continue
            while stack and stack[-1][0] >= tok.indent and not (len(stack) == 1 and _holds(stack[0])):
                stack.pop()
            if stack:
                stack[-1][1].branches.append(step)  # "If so… / If not…", or a sub-step
            else:
                case.steps.append(step)  # a bullet list of steps, no numbers
            stack.append((tok.indent, step))
        elif tok.kind in ("quote", "fence"):
            current = stack[-1][1] if stack else None
            if tok.kind == "quote":
                (current.notes if current else case.notes).append(tok.text)
            else:
                (current.commands if current else case.commands).append(tok.text)


def _holds(item: tuple[int, GuideStep]) -> bool:
    """A numbered or prose top-level step keeps the bullets written at its own indent as branches."""
    return item[0] == -1 or item[1].number is not None


def _texts(case: GuideCase):
    yield from case.causes
    yield from case.notes

    def walk(steps):
        for step in steps:
            yield step.text
            yield from step.details
            yield from step.notes
            yield from walk(step.branches)

    yield from walk(case.steps)


# --------------------------------------------------------------------------- detection

_SYMPTOM = re.compile(r"^ {0,3}#{1,6}\s*(symptoms?|problem|故障现象|现象描述|问题现象)\s*$", re.IGNORECASE)


def has_guide_shape(lines: list[str]) -> bool:
    """A troubleshooting page: a symptom heading (``## Symptom``, ``## 故障现象``) opens it."""
    return any(_SYMPTOM.match(line) for line in lines)
