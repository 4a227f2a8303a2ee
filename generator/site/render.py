"""A thin renderer: one Jinja environment over templates/, labels in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape
from ruamel.yaml import YAML

from .. import conflict_kinds

#: ``[text](http…)`` links, ``code`` spans and line breaks inside upstream text (the importers
#: turn a cell's ``<br>`` and ``</br>`` into a newline and strip other tags).
_TOKEN = re.compile(r"\[([^\]\n]+)\]\(\s*([^)\s]+)\s*\)|`([^`\n]+)`|(\n)")


def segments(text: str) -> list[dict]:
    """Split upstream text into plain, link, code and line-break pieces; links only for http(s) URLs.

    The template escapes every piece and writes the markup itself; nothing in the text is ever markup.
    """
    out, pos = [], 0
    for m in _TOKEN.finditer(text or ""):
        if m.start() > pos:
            out.append({"kind": "text", "text": text[pos:m.start()]})
        if m.group(3) is not None:
            out.append({"kind": "code", "text": m.group(3)})
        elif m.group(4) is not None:
            out.append({"kind": "break", "text": " "})
        elif re.match(r"https?://", m.group(2), re.IGNORECASE):
            out.append({"kind": "link", "text": m.group(1), "href": m.group(2)})
        else:
            out.append({"kind": "text", "text": m.group(0)})
        pos = m.end()
    if pos < len(text or ""):
        out.append({"kind": "text", "text": text[pos:]})
    return out


def links(text: str) -> list[dict]:
    """The http(s) links of a text."""
    return [s for s in segments(text) if s["kind"] == "link"]


#: A word joined by hyphens, dots or colons (2016-12-07, X-ErrNo, cos-errors.cn.zh.2017-06-06,
#: Access-Control-Request-Method): browsers may break after each hyphen, which splits it in two.
_JOINED = re.compile(r"[A-Za-z0-9_]+(?:[-.:/][A-Za-z0-9_]+)+")
_HYPHENED = re.compile(r"[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)+")
#: Han characters on an English page: a Chinese name (万象优图) is marked as Chinese.
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+")


def words(text: str, lang: str, whole: str = "joined") -> Markup:
    """``text`` escaped, each joined word kept on one line and, on an English page, each Han run
    marked ``lang="zh"`` (the layout test holds the chrome to the page's language). ``whole="hyphens"``:
    only words joined by hyphens (X-ErrNo) are kept whole (navigation titles)."""
    out, pos = [], 0
    keep = _JOINED if whole == "joined" else _HYPHENED
    pattern = re.compile(f"{keep.pattern}|{_HAN.pattern}") if lang == "en" else keep
    for m in pattern.finditer(text or ""):
        out.append(escape(text[pos:m.start()]))
        piece = escape(m.group(0))
        out.append(Markup('<span lang="zh">{}</span>').format(piece) if _HAN.fullmatch(m.group(0))
                   else Markup('<span class="errdocs-nowrap">{}</span>').format(piece))
        pos = m.end()
    out.append(escape((text or "")[pos:]))
    return Markup("").join(out)


def load_labels(path: Path) -> dict[str, dict[str, str]]:
    """The UI strings of ``labels.yaml`` and the conflict kinds' labels (from their table)."""
    labels = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    kinds = conflict_kinds.labels()
    clash = sorted(kinds.keys() & labels.keys())
    if clash:
        raise ValueError(f"{path}: {', '.join(clash)} come from generator/conflict_kinds.py; remove them")
    return {**labels, **kinds}


class Renderer:
    """``render(template, lang, **context)``; templates hold every bit of markup."""

    def __init__(self, templates: Path):
        self.folder = templates
        self.labels = load_labels(templates / "labels.yaml")
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)),
                                      autoescape=True, undefined=jinja2.StrictUndefined,
                                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        self.env.filters["segments"] = segments
        self.env.filters["words"] = words

    def render(self, template: str, lang: str, **context) -> str:
        def t(key: str, **fmt) -> str:
            # English says "1 entry", not "1 entries": a count of one takes the key's _one form
            if fmt.get("count") == 1 and key + "_one" in self.labels:
                key += "_one"
            text = self.labels[key][lang]
            return text.format(**fmt) if fmt else text
        return self.env.get_template(template).render(lang=lang, t=t, **context)
