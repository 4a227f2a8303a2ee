"""Render a diff Report (or a catalog Intake) as terminal text, Markdown, HTML or JSON.

Upstream text is data: Markdown output escapes it, HTML output escapes everything.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from ..linebreaks import words, wrap_at
from .changes import Change, Report
from .intake import Intake
from ..vocabulary import SEVERITIES
from .rules import RULE


_WORDS = {
    "en": {
        "changes": "changes", "no_changes": "No changes.", "untitled": "(untitled table)",
        "cross": "Different languages: only codes, statuses and tables are compared; "
                 "“added” means only in {new}, “removed” only in {old}.",
        "codes": "codes", "field": {"description": "description", "action": "action", "message": "message",
                                    "name": "name", "variants": "variants",
                                    "step": "step"},
        "displaced": "rows out of the previous order", "displaced_one": "row out of the previous order",
        "code_one": "code",
        "counts": "{n} changes ({detail})", "counts_one": "1 change ({detail})", "severity": {"major": "major", "minor": "minor", "info": "info"},
        "nothing": "Nothing to absorb.", "absorb": "{n} items to absorb",
        "times": "listed {old} → {new} times", "from": "from", "to": "to",
        "deleted": "deleted:", "inserted": "inserted:", "colon": ": ", "comma": ", ",
    },
    "zh": {
        "changes": "变更", "no_changes": "没有变更。", "untitled": "（无标题表格）",
        "cross": "两种语言的对比：只比较错误码、状态码和表格；“新增”指仅见于 {new}，“删除”指仅见于 {old}。",
        "codes": "错误码", "field": {"description": "描述", "action": "处理建议", "message": "消息",
                                   "name": "名称", "variants": "变体",
                                   "step": "步骤"},
        "displaced": "行不在原来的顺序中", "displaced_one": "行不在原来的顺序中", "code_one": "错误码",
        "counts": "{n} 处变更（{detail}）", "counts_one": "1 处变更（{detail}）", "severity": {"major": "重要", "minor": "一般", "info": "提示"},
        "nothing": "没有需要吸收的内容。", "absorb": "{n} 项需要吸收",
        "times": "出现次数 {old} → {new}", "from": "自", "to": "至",
        "deleted": "删除：", "inserted": "新增：", "colon": "：", "comma": "，",
    },
}


def _w(lang: str) -> dict[str, Any]:
    return _WORDS[lang if lang in _WORDS else "en"]


def _section(title: str | None, lang: str) -> str:
    return title if title else _w(lang)["untitled"]


def _counts_line(report: Report, lang: str) -> str:
    w = _w(lang)
    if not report.changes:
        return w["no_changes"]
    by_sev = {s: sum(1 for c in report.changes if c.severity == s) for s in SEVERITIES}
    detail = w["comma"].join(f"{n} {w['severity'][s]}" for s, n in by_sev.items() if n)
    return w["counts_one" if len(report.changes) == 1 else "counts"].format(n=len(report.changes), detail=detail)


def _sections(report: Report) -> list[tuple[str | None, list[Change]]]:
    out: list[tuple[str | None, list[Change]]] = []
    for c in report.changes:
        if out and out[-1][0] == c.section:
            out[-1][1].append(c)
        else:
            out.append((c.section, [c]))
    return out


def _plain(value: Any) -> str:
    return "—" if value is None else str(value)


def _summary(c: Change, lang: str) -> str:
    """What changed, as plain text (the value part; the label and code are shown apart)."""
    w = _w(lang)
    if c.kind in ("section-added", "section-removed"):
        codes = w["code_one"] if len(c.codes) == 1 else w["codes"]
        return f"{len(c.codes)} {codes}{w['colon']}{', '.join(c.codes)}" if c.codes else ""
    if c.kind == "reordered":
        displaced = w["displaced_one"] if len(c.codes) == 1 else w["displaced"]
        return f"{len(c.codes)} {displaced}{w['colon']}{', '.join(c.codes)}"
    if c.kind in ("duplicate-added", "duplicate-removed"):
        return w["times"].format(old=c.old, new=c.new)
    if c.kind in ("code-added", "code-removed"):
        return ""
    if c.kind == "section-renamed":
        return f"{_section(c.old, lang)} → {_section(c.new, lang)}"
    if c.kind == "moved":
        return f"{w['from']} {_section(c.old, lang)} {w['to']} {_section(c.new, lang)}"
    return f"{_plain(c.old)} → {_plain(c.new)}"


# ---------------------------------------------------------------- text

_COLOURS = {"major": "\033[1;31m", "minor": "\033[33m", "info": "\033[2m", "-": "\033[31m", "+": "\033[32m",
            "head": "\033[1m", "off": "\033[0m"}


def format_text(report: Report, colour: bool = False, lang: str = "en") -> str:
    def paint(what: str, text: str) -> str:
        return f"{_COLOURS[what]}{text}{_COLOURS['off']}" if colour else text

    lines = [paint("head", f"{report.old.id} → {report.new.id}: {_counts_line(report, lang)}")]
    if report.cross_language:
        lines.append(_w(lang)["cross"].format(old=report.old.id, new=report.new.id))
    for title, changes in _sections(report):
        lines.append("")
        lines.append(paint("head", f"## {_section(title, lang)}"))
        for c in changes:
            label = f"{c.severity:<5} {c.kind:<18}"
            head = f"  {paint(c.severity, label)} {c.code or ''}".rstrip()
            if c.kind == "text-changed" and c.diff is not None:
                body = "".join(_text_piece(op, t, paint, colour) for op, t in c.diff)
                lines.append(f"{head} ({_w(lang)['field'].get(c.field, c.field)}): {body}")
            else:
                summary = _summary(c, lang)
                lines.append(f"{head}: {summary}" if summary else head)
    return "\n".join(lines) + "\n"


def _text_piece(op: str, text: str, paint, colour: bool) -> str:
    text = re.sub(r"\s*\n\s*", " / ", text)  # one line per change
    if op == "=":
        return text
    if colour:
        return paint(op, text)
    return f"[-{text}-]" if op == "-" else f"{{+{text}+}}"


# ---------------------------------------------------------------- markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _md_code(code: str) -> str:
    fence = "``" if "`" in code else "`"
    pad = " " if "`" in code else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def format_markdown(report: Report, lang: str = "en") -> str:
    w = _w(lang)
    out = [f"# {md_escape(report.old.id)} → {md_escape(report.new.id)}", "", _counts_line(report, lang)]
    if report.cross_language:
        out += ["", md_escape(w["cross"].format(old=report.old.id, new=report.new.id))]
    for title, changes in _sections(report):
        out += ["", f"## {md_escape(_section(title, lang))}", ""]
        for c in changes:
            rule = RULE[c.kind]
            head = f"- **{rule.label[lang]}** ({w['severity'][c.severity]})"
            if c.code:
                head += f" {_md_code(c.code)}"
            if c.kind == "text-changed" and c.diff is not None:
                body = "".join(md_escape(t) if op == "=" else
                               (f"~~{md_escape(t.strip())}~~ " if op == "-" else f"**{md_escape(t.strip())}** ")
                               for op, t in c.diff)
                out.append(f"{head} — {w['field'].get(c.field, c.field)}: {body.strip()}")
            elif c.kind in ("code-renamed",):
                out.append(f"{head}: {_md_code(str(c.old))} → {_md_code(str(c.new))}")
            else:
                summary = _summary(c, lang)
                out.append(f"{head}: {md_escape(summary)}" if summary else head)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- html

def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def render_html(report: Report, lang: str = "en") -> str:
    """An HTML fragment for the site, labels in ``lang`` (``en`` or ``zh``); all upstream text escaped.

    Each change is an ``<li>`` whose id is the change's anchor, with ``data-kind``,
    ``data-severity``, ``data-code`` and ``data-codes`` (space-separated) so pages can link
    entries to the changes that touched them.
    """
    w = _w(lang)
    data_lang = _e(report.new.language)  # upstream text is marked with its own language
    parts = [f'<section class="errdocs-diff" lang="{_e(lang)}" data-old="{_e(report.old.id)}" '
             f'data-new="{_e(report.new.id)}" data-cross-language="{str(report.cross_language).lower()}">',
             f'<p class="diff-summary">{wrap_at(report.old.id, ".")} → {wrap_at(report.new.id, ".")}{_e(w["colon"])}'
             f'{words(_counts_line(report, lang), lang)}</p>']
    if report.cross_language:
        parts.append(f'<p class="diff-note">{words(w["cross"].format(old=report.old.id, new=report.new.id), lang)}</p>')
    for title, changes in _sections(report):
        marked = f' lang="{data_lang}"' if title else ""  # an upstream title, in its page's language
        parts.append(f'<h3 class="diff-section"{marked}>{words(_section(title, lang), report.new.language if title else lang)}</h3>')
        parts.append('<ul class="diff-changes">')
        for c in changes:
            rule = RULE[c.kind]
            attrs = (f'id="{_e(c.anchor)}" class="change change-{_e(c.kind)} severity-{_e(c.severity)}" '
                     f'data-kind="{_e(c.kind)}" data-severity="{_e(c.severity)}" data-code="{_e(c.code or "")}" '
                     f'data-codes="{_e(" ".join(c.codes))}"')
            label = (f'<span class="change-label" title="{_e(rule.description[lang])}">{_e(rule.label[lang])}</span>'
                     f' <span class="change-severity">{_e(w["severity"][c.severity])}</span>')
            code = f' <code>{_e(c.code)}</code>' if c.code else ""
            if c.kind == "text-changed" and c.diff is not None:
                body = _html_diff(c.diff, w, report.new.language)
                detail = (f' <span class="change-field">{_e(w["field"].get(c.field, c.field))}</span>{_e(w["colon"])}'
                          f'<span class="change-diff" lang="{data_lang}">{body}</span>')
            elif c.kind == "code-renamed":
                detail = f'{_e(w["colon"])}<code class="old">{_e(c.old)}</code> → <code class="new">{_e(c.new)}</code>'
            else:
                summary = _summary(c, lang)
                detail = f'{_e(w["colon"])}<span class="change-detail">{words(summary, lang)}</span>' if summary else ""
            parts.append(f"<li {attrs}>{label}{code}{detail.replace(chr(10), '<br>')}</li>")
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts) + "\n"


#: Characters of a Latin word or joined word (Chinese may break between any two characters).
_WORDISH = "[A-Za-z0-9_.:/-]"


def _html_diff(pieces: list[list[str]], w: dict[str, Any], data_lang: str) -> str:
    """A word diff as HTML whose words never run together: whitespace at the edge of a deleted or
    inserted piece stays outside its mark, a space separates a deletion from the insertion that
    replaces it (``does`` / ``This`` would read "doesThis"), and each mark starts with a word a
    screen reader says (visually hidden) since strike-through and colour are not read out.

    Words never break inside, not even where a mark cuts one: ``Access-Control-Request-`` then
    ``<del>Method</del>`` would break after the hyphen, so a word and the mark it runs into stay
    together (the mark itself still wraps at its spaces, errdocs-maint.css)."""
    items: list[tuple[bool, str]] = []  # (glued: no whitespace at this edge, html)
    for i, (op, text) in enumerate(pieces):
        if op == "=":
            glued_left = i > 0 and re.fullmatch(f"{_WORDISH}{{2}}", pieces[i - 1][1][-1:] + text[:1]) is not None
            glued_right = (i + 1 < len(pieces)
                           and re.fullmatch(f"{_WORDISH}{{2}}", text[-1:] + pieces[i + 1][1][:1]) is not None)
            first = re.match(f"{_WORDISH}*", text).group(0) if glued_left else ""
            rest = text[len(first):]
            last = re.search(f"{_WORDISH}*$", rest).group(0) if glued_right else ""
            middle = rest[:len(rest) - len(last)]
            items += [(glued, words(part, data_lang)) for glued, part in ((True, first), (False, middle), (True, last)) if part]
            continue
        core = text.strip()
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        if i and not lead and pieces[i - 1][0] != "=" and not pieces[i - 1][1][-1:].isspace():
            lead = " "  # a deletion directly followed by its insertion
        tag, said = ("del", w["deleted"]) if op == "-" else ("ins", w["inserted"])
        items += [(False, _e(lead))] if lead else []
        items.append((True, f'<{tag}><span class="diff-sr">{_e(said)} </span>{words(core, data_lang)}</{tag}>'))
        items += [(False, _e(trail))] if trail else []
    out: list[str] = []
    run: list[str] = []
    for glued, html_piece in items + [(False, "")]:
        if glued:
            run.append(html_piece)
            continue
        out.append(f'<span class="errdocs-nowrap">{"".join(run)}</span>' if len(run) > 1 else "".join(run))
        out.append(html_piece)
        run = []
    return "".join(out)


# ---------------------------------------------------------------- json

def format_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- intake

def format_intake(intake: Intake, fmt: str, colour: bool = False, lang: str = "en") -> str:
    w = _w(lang)
    if fmt == "json":
        return json.dumps(intake.as_dict(), ensure_ascii=False, indent=2) + "\n"
    head = f"{intake.revision.id} → catalog: " + (w["absorb"].format(n=len(intake.items)) if intake.items
                                                 else w["nothing"])
    if fmt == "html":
        parts = [f'<section class="errdocs-intake" lang="{_e(lang)}" data-revision="{_e(intake.revision.id)}">',
                 f"<p>{_e(head)}</p>", '<ul class="intake-items">']
        for i in intake.items:
            parts.append(f'<li class="intake intake-{_e(i.kind)}" data-kind="{_e(i.kind)}" data-code="{_e(i.code or "")}">'
                         f'{_e(RULE[i.kind].label[lang])}: {_e(i.detail)}'
                         + (f' — {_e(i.suggestion)}' if i.suggestion else "") + "</li>")
        parts += ["</ul>", "</section>"]
        return "\n".join(parts) + "\n"
    if fmt == "markdown":
        out = [f"# {md_escape(head)}", ""]
        for i in intake.items:
            out.append(f"- **{RULE[i.kind].label[lang]}** ({md_escape(_section(i.section, lang))}, line {i.line}): "
                       f"{md_escape(i.detail)}" + (f" — {md_escape(i.suggestion)}" if i.suggestion else ""))
        return "\n".join(out) + "\n"
    out = [head]
    for i in intake.items:
        sev = f"{i.severity:<5} {i.kind:<13}"
        if colour:
            sev = f"{_COLOURS[i.severity]}{sev}{_COLOURS['off']}"
        out.append(f"  {sev} line {i.line}: {i.detail}" + (f"; {i.suggestion}" if i.suggestion else ""))
    return "\n".join(out) + "\n"
