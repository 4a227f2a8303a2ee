"""A thin renderer: one Jinja environment over templates/, labels in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from ruamel.yaml import YAML

from .. import conflict_kinds
from ..linebreaks import words, wrap_at

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
        self.env.filters["wrap_at"] = wrap_at

    def render(self, template: str, lang: str, **context) -> str:
        def t(key: str, **fmt) -> str:
            # English says "1 entry", not "1 entries": a count of one takes the key's _one form
            if fmt.get("count") == 1 and key + "_one" in self.labels:
                key += "_one"
            text = self.labels[key][lang]
            return text.format(**fmt) if fmt else text
        return self.env.get_template(template).render(lang=lang, t=t, **context)
