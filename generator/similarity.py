"""Spelling similarity of codes: what makes two spellings one code with a typo."""

from __future__ import annotations

from itertools import combinations

from .deletion_keys import depth, shared_keys


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
    relative to the length (1 edit from 5 characters, 2 from 9). Every typo seen
    upstream is one or two edits (InternalErrror, ImcompleteBoady).
    """
    if a == b or is_numeric(a) or is_numeric(b):
        return False
    if a.lower() == b.lower():
        return True
    allowed = depth(min(len(a), len(b)))  # as many edits as a word gets deletion keys
    return allowed > 0 and abs(len(a) - len(b)) <= allowed and distance(a.lower(), b.lower()) <= allowed


def similar_pairs(codes: list[str], groups: list[int] | None = None) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of codes that are ``similar`` (and, when ``groups`` is
    given, in the same group: ``groups[i] == groups[j]``).

    Only codes sharing a deletion key (see ``deletion_keys``) are compared, each pair once:
    near-linear in the number of codes instead of every pair.
    """
    ids = [i for i, code in enumerate(codes) if not is_numeric(code)]
    words = [codes[i].lower() for i in ids]
    salts = None if groups is None else [groups[i] for i in ids]
    near = set()
    for owners in shared_keys(words, salts):
        near.update(combinations(owners, 2))  # owners ascending: so are the pairs
    pairs = ((ids[x], ids[y]) for x, y in near)
    return sorted((i, j) for i, j in pairs
                  if (groups is None or groups[i] == groups[j]) and similar(codes[i], codes[j]))


def similar_candidates(left: list[str], right: list[str]) -> dict[int, list[int]]:
    """For each index into ``left``, the indices into ``right`` (ascending) of the spellings that
    may be ``similar`` to it: those sharing a deletion key (see ``deletion_keys``). A superset
    of the similar ones; callers still test ``similar``. Near-linear instead of every pair."""
    codes = [*left, *right]
    keep = [k for k, code in enumerate(codes) if not is_numeric(code)]
    found: dict[int, set[int]] = {}
    split = len(left)
    for owners in shared_keys([codes[k].lower() for k in keep]):
        mine = [keep[o] for o in owners if keep[o] < split]
        theirs = [keep[o] - split for o in owners if keep[o] >= split]
        for i in mine:
            found.setdefault(i, set()).update(theirs)
    return {i: sorted(js) for i, js in sorted(found.items()) if js}


def closest(code: str, candidates: list[str]) -> str | None:
    """The most similar candidate spelling, or None when none is similar."""
    scored = [(distance(code.lower(), c.lower()), c) for c in candidates if similar(code, c)]
    return min(scored)[1] if scored else None
