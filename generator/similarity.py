"""Spelling similarity of codes: what makes two spellings one code with a typo."""

from __future__ import annotations

from itertools import chain
from typing import Any, Callable


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
    allowed = _allowed(min(len(a), len(b)))
    return allowed > 0 and abs(len(a) - len(b)) <= allowed and distance(a.lower(), b.lower()) <= allowed


def _allowed(length: int) -> int:
    return 2 if length >= 9 else 1 if length >= 5 else 0


def _deletions(word: str, depth: int, key: Callable[[str], Any] = str) -> list[set]:
    """``word`` with 0, 1, ... ``depth`` (at most 2) characters deleted, one set per number
    deleted (the SymSpell neighbourhood), each string passed through ``key``."""
    out = [{key(word)}]
    if depth:
        ones = [word[:i] + word[i + 1:] for i in range(len(word))]
        out.append(set(map(key, ones)))
        if depth > 1:  # the second deletion at or after the first: each pair of positions once
            out.append({key(w[:j] + w[j + 1:]) for i, w in enumerate(ones) for j in range(i, len(w))})
    return out


def _keys(code: str) -> list[set[int]]:
    """The deletion keys of ``code``, hashed, by number of deletions (none for numbers).

    Two spellings within ``k`` edits share a string reachable from both by at most
    ``k`` deletions, so only codes sharing a key need comparing.
    """
    if is_numeric(code):
        return []
    word = code.lower()
    # Kept as hashes: ~320 keys per long code, and a set of ints is a fraction of the memory of
    # a set of strings (at 10,000 entries the strings alone outgrew the CPU cache and the search
    # slowed per code). A collision only adds a candidate; ``similar`` still decides.
    return _deletions(word, _allowed(len(word)), hash)


def _share(buckets: dict[int, int | list[int]], key: int, held: int | list[int], i: int) -> list[int]:
    """Make the bucket of ``key``, which ``held`` another code, hold index ``i`` too; return it.
    A bucket is a bare index until shared: codes have hundreds of keys and share few, so a
    list for every key would mostly be garbage for the collector to scan."""
    held = held if isinstance(held, list) else [held]
    held.append(i)
    buckets[key] = held
    return held


def similar_pairs(codes: list[str]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of codes that are ``similar``.

    Only codes sharing a deletion key (see ``_keys``) are compared, each pair once. Codes
    are taken shortest first and the keys of a length dropped once every code that can
    have them is in (a key is at most two deletions short): the buckets stay few.
    """
    words = {i: code.lower() for i, code in enumerate(codes) if not is_numeric(code)}
    by_length: dict[int, dict[int, int | list[int]]] = {}  # key length -> buckets
    pairs = []
    for j in sorted(words, key=lambda i: len(words[i])):
        for done in [n for n in by_length if n < len(words[j]) - 2]:
            del by_length[done]
        near: set[int] = set()
        for deleted, keys in enumerate(_keys(codes[j])):
            buckets = by_length.setdefault(len(words[j]) - deleted, {})
            shared = [(key, buckets[key]) for key in keys & buckets.keys()]  # few: set operations
            buckets.update(dict.fromkeys(keys, j))
            for key, held in shared:
                near.update(_share(buckets, key, held, j))
        near.discard(j)
        pairs.extend((min(i, j), max(i, j)) for i in near if similar(codes[i], codes[j]))
    return sorted(pairs)


def similar_candidates(left: list[str], right: list[str]) -> dict[int, list[int]]:
    """For each index into ``left``, the indices into ``right`` (ascending) of the spellings that
    may be ``similar`` to it: those sharing a deletion key (see ``_keys``). A superset of
    the similar ones; callers still test ``similar``. Near-linear instead of every pair."""
    buckets: dict[int, int | list[int]] = {}
    for j, code in enumerate(right):
        for key in chain.from_iterable(_keys(code)):
            held = buckets.setdefault(key, j)
            if held != j:
                _share(buckets, key, held, j)
    out: dict[int, list[int]] = {}
    for i, code in enumerate(left):
        found: set[int] = set()
        for key in chain.from_iterable(_keys(code)):
            held = buckets.get(key)
            if held is not None:
                found.update(held if isinstance(held, list) else (held,))
        if found:
            out[i] = sorted(found)
    return out


def closest(code: str, candidates: list[str]) -> str | None:
    """The most similar candidate spelling, or None when none is similar."""
    scored = [(distance(code.lower(), c.lower()), c) for c in candidates if similar(code, c)]
    return min(scored)[1] if scored else None
