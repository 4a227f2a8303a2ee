"""Read-only YAML for the catalog: libyaml parses, the result and positions are ruamel's.

Only documents that mean the same in YAML 1.1 (libyaml), YAML 1.2 and ruamel's round-trip
loader are read here: plain scalars limited to null, bool, decimal int and unambiguous strings;
no empty values, tags, anchors, aliases, directives, complex or duplicate keys, tabs. Any other
file is read whole by ``yamlio.load_yaml_text``, so its data, positions and errors stay ruamel's.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from yaml import MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent

from .yamlio import PosList, PosMap, load_yaml_text, read_yaml_text

_CONSTANTS = {"~": None, "null": None, "Null": None, "NULL": None,
              "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_STR = "tag:yaml.org,2002:str"
_RESOLVER_12 = VersionedResolver(version=(1, 2))
_RESOLVER_11 = yaml.resolver.Resolver()
#: Tabs (libyaml accepts some that ruamel rejects) and the line breaks of YAML 1.1 only.
_UNSAFE_CHARS = ("\t", "\x85", "\u2028", "\u2029")
#: A line of spaces after a line with "|" or ">": perhaps a block scalar whose first lines ruamel
#: rejects ("more indented follow up line than first in a block scalar") and libyaml reads.
_SPACES_AFTER_BAR = re.compile(r"[|>][^\r\n]*(?:\r\n?|\n) +(?:\r\n?|\n)")
_OTHER = object()
_PARSER = getattr(yaml, "CSafeLoader", None)  # None when PyYAML was built without libyaml


class _Fallback(Exception):
    """The document is outside the subset read here."""


def load_yaml_fast(path: Path | str, display: str | None = None) -> Any:
    """Like ``yamlio.load_yaml``, but into PosMap/PosList and plain scalars, several times faster."""
    shown = display or str(path)
    return load_yaml_text_fast(read_yaml_text(path, shown), shown)


def load_yaml_text_fast(text: str, shown: str) -> Any:
    """Like ``yamlio.load_yaml_text``; ``shown`` names the file in error messages."""
    try:
        return _load(text)
    except (_Fallback, yaml.YAMLError):
        return load_yaml_text(text, shown)


def _load(text: str) -> Any:
    if (_PARSER is None or any(ch in text for ch in _UNSAFE_CHARS) or _SPACES_AFTER_BAR.search(text)
            or text.find("\ufeff", 1) != -1):  # a BOM after the start takes a column in libyaml only
        raise _Fallback
    return _document(_PARSER(text).get_event)


def _document(get) -> Any:
    get()  # stream start
    start = get()
    if type(start) is not yaml.DocumentStartEvent:
        return None  # empty stream
    if start.version or start.tags:
        raise _Fallback  # %YAML or %TAG directive
    root = _node(get(), get)
    get()  # document end
    if type(get()) is not yaml.StreamEndEvent:
        raise _Fallback  # a second document: ruamel reports it
    return root


def _node(event, get) -> Any:
    if event.anchor is not None or getattr(event, "tag", None) is not None:
        raise _Fallback  # anchors, aliases and explicit tags: ruamel reads them
    kind = type(event)
    if kind is ScalarEvent:
        if event.style:  # quoted, literal or folded
            return event.value
        value = _plain(event.value)
        if value is _OTHER:
            raise _Fallback
        return value
    if kind is MappingStartEvent:
        node, marks = _container(PosMap, event)
        while True:
            key_event = get()
            if type(key_event) is not ScalarEvent:
                if type(key_event) is MappingEndEvent:
                    return node
                raise _Fallback  # a collection or alias as key
            key = _node(key_event, get)
            if key in node:
                raise _Fallback  # duplicate key: ruamel reports it
            value_event = get()
            node[key] = _node(value_event, get)
            k, v = key_event.start_mark, value_event.start_mark
            marks[key] = (k.line, k.column, v.line, v.column)
    if kind is SequenceStartEvent:
        node, marks = _container(PosList, event)
        while True:
            item_event = get()
            if type(item_event) is SequenceEndEvent:
                return node
            marks[len(node)] = (item_event.start_mark.line, item_event.start_mark.column)
            node.append(_node(item_event, get))
    raise _Fallback  # an event no document holds here


def _container(cls, event) -> tuple:
    """A new PosMap or PosList placed at ``event``, with its (still empty) marks."""
    node, marks = cls(), {}
    node.start, node.marks = (event.start_mark.line, event.start_mark.column), marks
    return node, marks


@lru_cache(maxsize=4096)
def _plain(text: str) -> Any:
    """A plain scalar's value, or _OTHER unless YAML 1.1, 1.2 and ruamel agree on it. Empty
    scalars are _OTHER too: ruamel places them by the token after them, libyaml does not."""
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if _INT.fullmatch(text):
        return int(text)
    if (str(_RESOLVER_12.resolve(ScalarNode, text, (True, False))) == _STR
            and _RESOLVER_11.resolve(yaml.ScalarNode, text, (True, False)) == _STR):
        return text
    return _OTHER
