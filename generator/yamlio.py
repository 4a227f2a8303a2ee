"""Round-trip YAML: read with positions, write atomically, keep comments and order."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .errors import InputError
from .model import Problem


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold long texts: folding would rewrite untouched lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


class FileCache:
    """Values computed from one file, reused while its (mtime, size) stay the same.

    For a long-running process that loads the project again and again (``mkdocs serve``): an edit
    re-parses only the file edited. Callers must treat cached values as read-only.
    """

    def __init__(self):
        self._items: dict[tuple, tuple[tuple[int, int], Any]] = {}

    def get(self, kind: str, path: Path | str, compute, *key) -> Any:
        try:
            st = os.stat(path)
        except OSError:
            return compute()  # let ``compute`` report the missing file
        stamp = (st.st_mtime_ns, st.st_size)
        full = (kind, str(path), *key)
        hit = self._items.get(full)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        value = compute()
        self._items[full] = (stamp, value)
        return value


def display_path(path: Path | str) -> str:
    """A path as users should see it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def load_yaml(path: Path | str, display: str | None = None) -> Any:
    """Parse a YAML file into ruamel's commented containers.

    Raises:
        InputError: with ``path:line:column`` for unreadable files, syntax
            errors and duplicate keys.
    """
    shown = display or str(path)
    return load_yaml_text(read_yaml_text(path, shown), shown)


def read_yaml_text(path: Path | str, shown: str) -> str:
    """A YAML file's text; InputError at ``shown:1:1`` when missing or not UTF-8."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(shown, 1, 1, "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise InputError([Problem(shown, 1, 1, f"not UTF-8 text ({exc.reason})")]) from None


def load_yaml_text(text: str, shown: str) -> Any:
    """Parse YAML text; ``shown`` names the file in error messages."""
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if "duplicate key" in message:
            message = message.replace(" with value", "; value") + " (each key may appear once)"
        raise InputError([Problem(shown, line, col, f"YAML: {message}")]) from None
    except YAMLError as exc:
        raise InputError([Problem(shown, 1, 1, f"YAML: {exc}")]) from None


def dump_yaml(data: Any) -> str:
    """Serialise commented containers back to text, in the house style."""
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


def write_atomic(path: Path | str, text: str) -> bool:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    Returns:
        True when the file changed, False when it already held ``text``.
    """
    path = Path(path)
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())  # the new content is on disk before the rename makes it visible
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; keep the file's usual mode
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return True


def _mode_for(path: Path) -> int:
    """The existing file's mode, or the default for new files under the current umask."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class PosMap(dict):
    """A mapping with ruamel's positions, 0-based: ``start`` (line, col) of the node and
    ``marks[key]`` = (key line, key col, value line, value col)."""

    __slots__ = ("marks", "start")


class PosList(list):
    """A sequence with ruamel's positions, 0-based: ``start`` and ``marks[index]`` = (line, col)."""

    __slots__ = ("marks", "start")


def has_position(node: Any) -> bool:
    """Whether ``node`` is a container that knows where it was read."""
    return isinstance(node, (PosMap, PosList)) or hasattr(node, "lc")


def position(node: Any, key: Any = None) -> tuple[int, int]:
    """1-based (line, column) of a mapping key, a sequence item, or the node itself."""
    if isinstance(node, (PosMap, PosList)):
        try:
            line, col = node.start if key is None else node.marks[key][:2]
        except (KeyError, TypeError):
            line, col = node.start
        return (line + 1, col + 1)
    lc = getattr(node, "lc", None)
    if lc is None:
        return (1, 1)
    try:
        if key is None:
            return (lc.line + 1, lc.col + 1)
        if isinstance(node, CommentedMap):
            line, col = lc.key(key)
        elif isinstance(node, CommentedSeq):
            line, col = lc.item(key)
        else:
            return (lc.line + 1, lc.col + 1)
        return (line + 1, col + 1)
    except (KeyError, IndexError, TypeError):
        return (lc.line + 1, lc.col + 1)


def value_position(node: Any, key: Any) -> tuple[int, int]:
    """1-based (line, column) of the value stored under ``key``."""
    if isinstance(node, PosMap):
        try:
            line, col = node.marks[key][2:]
            return (line + 1, col + 1)
        except (KeyError, TypeError):
            return position(node, key)
    lc = getattr(node, "lc", None)
    if lc is None or not isinstance(node, CommentedMap):
        return position(node, key)
    try:
        line, col = lc.value(key)
        return (line + 1, col + 1)
    except (KeyError, TypeError):
        return position(node, key)
