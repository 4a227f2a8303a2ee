"""``--format csv``: one row per entry, RFC 4180 quoting, UTF-8, ``\\n`` line ends.

Columns: ``family, code, constant, statuses, aliases, description_<lang>...``.
``statuses`` and ``aliases`` are lists joined by ``|``; an item that itself holds
``|`` or ``\\`` has them escaped as ``\\|`` and ``\\\\`` (``split_list`` undoes it).
Texts keep commas, quotes and line breaks: the csv module quotes such fields. CSV has
no escape for a lone surrogate, so one (it can only come from a ``\\ud800`` escape in
the YAML) is written as U+FFFD. No header comment: the first row is the column names.
"""

from __future__ import annotations

import csv
import io

from .constants import Constants

SEPARATOR = "|"


def join_list(items) -> str:
    return SEPARATOR.join(str(i).replace("\\", "\\\\").replace("|", "\\|") for i in items)


def split_list(cell: str) -> list[str]:
    """Inverse of ``join_list``."""
    if cell == "":
        return []
    items, current, chars = [], [], iter(cell)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, ""))
        elif ch == SEPARATOR:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return items


def _clean(text: str) -> str:
    return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)


def render(c: Constants) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["family", "code", "constant", "statuses", "aliases",
                     *(f"description_{lang}" for lang in c.languages)])
    for e in c.entries:
        writer.writerow([_clean(v) for v in (
            e.family, e.code, e.name, join_list(st.status for st in e.statuses), join_list(e.aliases),
            *(e.text("description", lang) or "" for lang in c.languages))])
    return buf.getvalue()
