"""A temporary project whose upstream snapshot, registry and catalog texts hold hostile text.

HTML (``<script>``, ``<img onerror>``), markdown links to ``javascript:``, Jinja syntax,
pipes, backticks and ``</textarea>``: the site, the JSON outputs, the exports and the diff
report must show all of it as literal text. Built from ``tests/helpers.make_project``.
"""

from __future__ import annotations

import json
from pathlib import Path

from helpers import FAMILY, FAMILY_YAML, REVISIONS, REVISIONS_YAML, SERVICES, SERVICES_YAML, \
    SNAPSHOT_EN, REAL_UPSTREAM, make_project, replace_once

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
JS_LINK = "[click](javascript:alert(1))"
JINJA = "{{ 7*7 }} {% raw %}"
TEXTAREA = "</textarea>"
#: One line holding every kind of hostile text (a pipe and a lone backtick included).
HOSTILE = f"{SCRIPT} {IMG} {JS_LINK} {JINJA} a|b `tick` lone` {TEXTAREA}"
#: The same text as a markdown table cell (the pipe escaped, as upstream writes it).
HOSTILE_CELL = HOSTILE.replace("|", "\\|")
#: Fragments that must never reach a page unescaped (they would be markup).
RAW_MARKUP = ["<script>window.__pwned", "<img src=x", 'href="javascript:', "</textarea>"]
#: What must be seen, literally, as text.
LITERAL = [SCRIPT, IMG, "{{ 7*7 }}", "{% raw %}", "a|b", TEXTAREA]
#: An alias spelled as HTML; upstream uses it for InvalidArgument.
ALIAS = '<img src=x onerror="window.__pwned=1">'

FAMILY_ID = "ci-media-api"
ENTRY = "InvalidArgument"


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def hostile_files() -> dict[str, str | bytes]:
    h = _yaml_str(HOSTILE)
    snapshot = (REAL_UPSTREAM / SNAPSHOT_EN).read_text(encoding="utf-8")
    snapshot = replace_once(snapshot, "| InvalidArgument            | Some parameters of the request do not meet "
                                      "requirements.                                     |",
                            f"| InvalidArgument            | {HOSTILE_CELL} |")
    snapshot = replace_once(snapshot, "**4xx errors**", f"**4xx errors {SCRIPT}**")
    snapshot = replace_once(snapshot, "| MissingContent             |",
                            f"| {ALIAS.replace('|', '')} | {HOSTILE_CELL} | 400 Bad Request |\n"
                            "| MissingContent             |")
    revisions = replace_once(REVISIONS_YAML, '      path: "yehe_doc/媒体处理/错误码_intl_en.md"\n',
                             f'      path: {h}\n    notes: {h}\n')
    services = replace_once(SERVICES_YAML, "summary: {en: Media processing errors., zh: 媒体处理错误。}",
                            f"summary: {{en: {h}, zh: {h}}}")
    family = replace_once(FAMILY_YAML, "title: {en: Media processing API error codes, zh: 媒体处理 API 错误码}",
                          f"title: {{en: {_yaml_str('Media ' + SCRIPT)}, zh: {_yaml_str('媒体 ' + SCRIPT)}}}")
    family = replace_once(family, "summary: {en: The Code element of the XML error body., "
                                  "zh: XML 错误体中 Code 元素的取值。}", f"summary: {{en: {h}, zh: {h}}}")
    family = replace_once(family, "  - code: InvalidArgument\n",
                          f"  - code: InvalidArgument\n    aliases: [{_yaml_str(ALIAS)}]\n"
                          f"    text:\n      action: {{en: {h}, zh: {_yaml_str('操作 ' + HOSTILE)}}}\n"
                          f"    decisions:\n      spelling:\n        value: InvalidArgument\n"
                          f"        reason: {{en: {h}, zh: {h}}}\n"
                          f"      duplicate: {{reason: {{en: {h}, zh: {h}}}}}\n")
    family = replace_once(family, "{{status: 400, when: {{en: The body is malformed., zh: 包体格式不正确。}}}}"
                          .replace("{{", "{").replace("}}", "}"),
                          f"{{status: 400, when: {{en: {h}, zh: {h}}}}}")
    return {REVISIONS: revisions, SERVICES: services, FAMILY: family,
            f"source/upstream/{SNAPSHOT_EN}": snapshot}


def make_hostile_project(root: Path) -> Path:
    """Write the hostile project under ``root``; return its ``source`` folder."""
    return make_project(root, hostile_files())
