"""Generated code constants from the catalog (the PostgreSQL errcodes.txt model).

``build_constants(project)`` makes the shared model; ``render(constants, fmt)`` turns
it into a Python module, a TypeScript module, a JSON document or a CSV table. Equal
catalogs give byte-identical output: no clock, no absolute path, catalog order.
"""

from __future__ import annotations

from . import csv_table, json_doc, python, typescript
from .constants import Constants, build_constants

#: Format name -> module with ``render(Constants) -> str``.
FORMATS = {
    "python": python,
    "typescript": typescript,
    "json": json_doc,
    "csv": csv_table,
}

__all__ = ["FORMATS", "Constants", "build_constants", "render"]


def render(constants: Constants, fmt: str) -> str:
    try:
        module = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}") from None
    return module.render(constants)
