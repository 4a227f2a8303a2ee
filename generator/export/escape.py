"""String literals for generated code. Upstream text is data: nothing in it may end a
literal, start an interpolation, hide in a comment or reorder the source around it.

Every literal is double-quoted; texts never go into comments or template literals.
Characters a reader could not see or an editor could misplay are escaped: controls,
format characters (bidi overrides, zero-width), line and paragraph separators,
surrogates, private-use and unassigned code points, and non-ASCII spaces.
"""

from __future__ import annotations

import json
import unicodedata

_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"})


def invisible(ch: str) -> bool:
    return ch != " " and unicodedata.category(ch) in _INVISIBLE


def python_string(text: str) -> str:
    """A Python double-quoted literal: ``eval(python_string(s)) == s`` for every str."""
    out = ['"']
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif invisible(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000
                       else f"\\U{code:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _js_safe(dumped: str) -> str:
    # json.dumps already escaped everything below U+0020; a raw one left is layout (indent).
    out = []
    for ch in dumped:
        code = ord(ch)
        if code < 0x20 or not invisible(ch):
            out.append(ch)
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
    return "".join(out)


def json_string(text: str) -> str:
    """A JSON string that is also a JavaScript/TypeScript double-quoted literal, pure UTF-8
    (lone surrogates, U+2028/U+2029 and other invisible characters as ``\\uXXXX``)."""
    return _js_safe(json.dumps(text, ensure_ascii=False))


def json_document(data: object, indent: int | None = 2) -> str:
    """``json.dumps`` with readable non-ASCII text and the invisible characters escaped."""
    return _js_safe(json.dumps(data, ensure_ascii=False, indent=indent))
