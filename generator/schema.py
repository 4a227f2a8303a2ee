"""Typed fields for the catalog's YAML, validated with positions, all problems collected.

A schema is a class whose attributes are Field instances, one per line, each with a
docstring, or a dataclass whose fields carry their Field (``yaml_field``), so that an object
read from YAML is declared once. ``validate(schema, node, where)`` returns the clean values by
key and appends a ``Problem`` (``path:line:column: message``) for every violation instead of
stopping; ``build`` makes a dataclass schema's object from them.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, Callable

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .model import Problem
from .vocabulary import LANGUAGES
from .yamlio import has_position, position, value_position

CODE_PATTERN = re.compile(r"^(?:-?[0-9]+|[A-Za-z][A-Za-z0-9_.-]*)$")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Where:
    """Where a value sits: file shown in messages, parent container and key, and the id of the
    object being read (a family's id for its entries), which ``build`` may give the objects."""

    path: str
    parent: Any = None
    key: Any = None
    label: str = ""
    owner: str = ""

    def at(self) -> tuple[int, int]:
        if self.parent is None:
            return (1, 1)
        return value_position(self.parent, self.key)

    def problem(self, message: str, level: str = "error") -> Problem:
        line, col = self.at()
        label = f"{self.label}: " if self.label else ""
        return Problem(self.path, line, col, f"{label}{message}", level)

    def child(self, node: Any, key: Any) -> "Where":
        label = f"{self.label}.{key}" if self.label and isinstance(key, str) else (
            f"{self.label}[{key}]" if self.label else str(key))
        return Where(self.path, node, key, label, self.owner)


class Field:
    """Base field: ``check`` returns the clean value or None after recording problems."""

    required = False

    def check(self, value: Any, where: Where, problems: list[Problem]) -> Any:
        raise NotImplementedError

    def fits(self, value: Any) -> bool:
        """Whether ``value`` has the shape (type) this field reads; ``Either`` uses it."""
        return True


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, CommentedSeq)):
        return "list"
    if isinstance(value, (dict, CommentedMap)):
        return "mapping"
    if value is None:
        return "nothing (null)"
    return type(value).__name__


class String(Field):
    def __init__(self, required: bool = False, pattern: re.Pattern | None = None,
                 hint: str = "", choices: tuple[str, ...] = ()):
        self.required, self.pattern, self.hint, self.choices = required, pattern, hint, choices

    def check(self, value, where, problems):
        if not isinstance(value, str):
            problems.append(where.problem(f"expected a string, got {_type_name(value)}"))
            return None
        if value != value.strip() or not value.strip():
            problems.append(where.problem("must not be empty or start/end with spaces"))
            return None
        if self.choices and value not in self.choices:
            problems.append(where.problem(
                f"unknown value {value!r}; expected one of: {', '.join(self.choices)}"))
            return None
        if self.pattern and not self.pattern.match(value):
            problems.append(where.problem(f"invalid value {value!r}; {self.hint}"))
            return None
        return str(value)

    def fits(self, value):
        return isinstance(value, str)


class Code(String):
    """A canonical code: a number (``-46618``) or an ASCII identifier (``NoSuchKey``)."""

    def __init__(self, required: bool = False):
        super().__init__(required, CODE_PATTERN,
                         "a canonical code is a number like -46618 or an ASCII identifier like "
                         "NoSuchKey (no spaces, '/', '..', '?', '#', '%' or non-ASCII; record "
                         "other spellings under aliases)")

    def check(self, value, where, problems):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # numeric codes may be written unquoted
        clean = super().check(value, where, problems)
        if clean is not None and ".." in clean:
            problems.append(where.problem(f"invalid code {clean!r}: '..' is not allowed"))
            return None
        return clean

    def fits(self, value):
        return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


class Alias(String):
    """Another spelling seen upstream: any printable text without control characters."""

    def check(self, value, where, problems):
        clean = super().check(value, where, problems)
        if clean is not None and any(ord(c) < 32 or ord(c) == 127 for c in clean):
            problems.append(where.problem("an alias must not contain control characters"))
            return None
        return clean


class HttpStatus(Field):
    def __init__(self, required: bool = False):
        self.required = required

    def check(self, value, where, problems):
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(where.problem(
                f"expected an HTTP status (integer 100-599), got {_type_name(value)} {value!r}"))
            return None
        if not 100 <= value <= 599:
            problems.append(where.problem(f"invalid HTTP status {value}; expected 100-599"))
            return None
        return int(value)

    def fits(self, value):
        return isinstance(value, int) and not isinstance(value, bool)


class Text(Field):
    """Text per language: ``{en: ..., zh: ...}``; a bare string means ``{en: ...}``."""

    def __init__(self, required: bool = False, languages: tuple[str, ...] = ()):
        self.required, self.languages = required, languages

    def check(self, value, where, problems):
        if isinstance(value, str):
            value = {"en": value}
            mapping = None
        elif isinstance(value, (dict, CommentedMap)):
            mapping = value
        else:
            problems.append(where.problem(
                f"expected text (a string or a mapping of en/zh to strings), got {_type_name(value)}"))
            return None
        out: dict[str, str] = {}
        for lang, text in value.items():
            sub = where.child(mapping, lang) if mapping is not None else where
            if lang not in LANGUAGES:
                line, col = position(mapping, lang) if mapping is not None else where.at()
                problems.append(Problem(where.path, line, col,
                                        f"{where.label}: unknown language {lang!r}; expected one of: "
                                        f"{', '.join(LANGUAGES)}"))
                continue
            clean = String().check(text, sub, problems)
            if clean is not None:
                out[lang] = clean
        for lang in self.languages:
            if lang not in value:
                problems.append(where.problem(f"missing language {lang!r}"))
        return out


class ListOf(Field):
    def __init__(self, item: Field, required: bool = False, unique: bool = False):
        self.item, self.required, self.unique = item, required, unique

    def check(self, value, where, problems):
        if not isinstance(value, (list, CommentedSeq)):
            problems.append(where.problem(f"expected a list, got {_type_name(value)}"))
            return None
        out, seen = [], set()
        for i, item in enumerate(value):
            sub = Where(where.path, value, i, f"{where.label}[{i}]", where.owner)
            sub.at = lambda v=value, i=i: position(v, i)  # type: ignore[method-assign]
            clean = self.item.check(item, sub, problems)
            if clean is None:
                continue
            if self.unique and isinstance(clean, str):
                if clean in seen:
                    problems.append(sub.problem(f"{clean!r} is listed twice"))
                    continue
                seen.add(clean)
            out.append(clean)
        return out

    def fits(self, value):
        return isinstance(value, (list, CommentedSeq)) and all(self.item.fits(v) for v in value)


class Nested(Field):
    def __init__(self, schema: type, required: bool = False):
        self.schema, self.required = schema, required

    def check(self, value, where, problems):
        return build(self.schema, value, where, problems)

    def fits(self, value):
        return isinstance(value, (dict, CommentedMap))


class MapOf(Field):
    """A mapping whose keys come from ``keys`` and whose values all follow ``item``.

    ``item`` may also be a mapping of key to field, for values whose type depends on the key.
    """

    def __init__(self, keys: tuple[str, ...], item: Field | dict[str, Field], required: bool = False):
        self.keys, self.item, self.required = keys, item, required

    def check(self, value, where, problems):
        if not isinstance(value, (dict, CommentedMap)):
            problems.append(where.problem(f"expected a mapping, got {_type_name(value)}"))
            return None
        out = {}
        for key, item in value.items():
            if key not in self.keys:
                line, col = position(value, key)
                problems.append(Problem(where.path, line, col,
                                        f"{where.label}: unknown key {key!r}; expected one of: "
                                        f"{', '.join(self.keys)}"))
                continue
            field = self.item[key] if isinstance(self.item, dict) else self.item
            clean = field.check(item, where.child(value, key), problems)
            if clean is not None:
                out[key] = clean
        return out


class Either(Field):
    """The first of several fields whose check passes.

    Otherwise the problems of the first option the value has the shape of (a list with a
    bad item reports that item), or, when it fits none, one message naming them all.
    """

    def __init__(self, *options: Field, hint: str, required: bool = False):
        self.options, self.hint, self.required = options, hint, required

    def check(self, value, where, problems):
        first_trial: list[Problem] | None = None
        for option in self.options:
            trial: list[Problem] = []
            clean = option.check(value, where, trial)
            if not trial:
                return clean
            if first_trial is None and option.fits(value):
                first_trial = trial
        if first_trial is not None:
            problems.extend(first_trial)
            return None
        problems.append(where.problem(f"expected {self.hint}, got {_type_name(value)} {value!r}"))
        return None

    def fits(self, value):
        return any(option.fits(value) for option in self.options)


def yaml_field(check: Field, default: Any = None, *, factory: Callable[[], Any] | None = None) -> Any:
    """A dataclass field read from the YAML key of its name and checked by ``check``.

    Args:
        check: the Field that validates the value.
        default: the value when the key is missing or invalid (the load then fails anyway).
        factory: makes the default instead, for lists and mappings.
    """
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata={"yaml": check})
    return dataclasses.field(default=default, metadata={"yaml": check})


def fields_of(schema: type) -> dict[str, Field]:
    """The declared fields of a schema by YAML key (the attribute name), in declaration order."""
    if dataclasses.is_dataclass(schema):
        return {f.name: f.metadata["yaml"] for f in dataclasses.fields(schema) if "yaml" in f.metadata}
    return {name: value for name, value in vars(schema).items() if isinstance(value, Field)}


def build(schema: type, node: Any, where: Where, problems: list[Problem]) -> Any:
    """Validate ``node``; a dataclass schema then makes its object of the clean values.

    Returns:
        The object (``schema.from_yaml(clean, node, where)`` where the class defines it, which
        may return None to leave the value out), the clean values of a plain schema, or None
        if ``node`` is not a mapping.
    """
    clean = validate(schema, node, where, problems)
    if clean is None or not dataclasses.is_dataclass(schema):
        return clean
    from_yaml = getattr(schema, "from_yaml", None)
    return from_yaml(clean, node, where) if from_yaml is not None else schema(**clean)


def validate(schema: type, node: Any, where: Where, problems: list[Problem]) -> dict[str, Any] | None:
    """Check a mapping against ``schema``: types, required and unknown keys.

    Returns:
        The clean values by key (invalid ones left out), or None if ``node``
        is not a mapping.
    """
    if not isinstance(node, (dict, CommentedMap)):
        problems.append(where.problem(f"expected a mapping, got {_type_name(node)}"))
        return None
    fields = fields_of(schema)
    out: dict[str, Any] = {}
    for key, value in node.items():
        field = fields.get(key)
        if field is None:
            line, col = position(node, key)
            label = f"{where.label}: " if where.label else ""
            problems.append(Problem(where.path, line, col,
                                    f"{label}unknown field {key!r}; expected one of: "
                                    f"{', '.join(fields)}"))
            continue
        clean = field.check(value, where.child(node, key), problems)
        if clean is not None:
            out[key] = clean
    for key, field in fields.items():
        if field.required and key not in node:
            label = f"{where.label}: " if where.label else ""
            line, col = position(node) if where.parent is None else where.at()
            if has_position(node):
                line, col = position(node)
            problems.append(Problem(where.path, line, col, f"{label}missing required field {key!r}"))
    return out

