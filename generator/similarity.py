"""Spelling similarity of codes: what makes two spellings one code with a typo."""

from __future__ import annotations


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance (insert, delete, substitute, swap neighbours)."""
    if a == b:
        return 0
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def is_numeric(code: str) -> bool:
    return code.lstrip("-").isdigit()


def similar(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` look like spellings of one code (never for numbers).

    Case-only differences always count; otherwise the edit distance must be small
    relative to the length (1 edit from 5 characters, 2 from 9, 3 from 16).
    """
    if a == b or is_numeric(a) or is_numeric(b):
        return False
    if a.lower() == b.lower():
        return True
    shortest = min(len(a), len(b))
    allowed = 1 if shortest >= 5 else 0
    if shortest >= 9:
        allowed = 2
    if shortest >= 16:
        allowed = 3
    return allowed > 0 and distance(a.lower(), b.lower()) <= allowed


def closest(code: str, candidates: list[str]) -> str | None:
    """The most similar candidate spelling, or None when none is similar."""
    scored = [(distance(code.lower(), c.lower()), c) for c in candidates if similar(code, c)]
    return min(scored)[1] if scored else None
