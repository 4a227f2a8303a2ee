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


def _deletions(word: str, depth: int) -> set[str]:
    """``word`` with up to ``depth`` characters deleted (the SymSpell neighbourhood)."""
    out, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def similar_pairs(codes: list[str]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of codes that are ``similar``.

    Two spellings within ``k`` edits share a string reachable from both by at most
    ``k`` deletions, so only codes sharing a deletion key are compared: near-linear
    in the number of codes instead of quadratic.
    """
    buckets: dict[str, list[int]] = {}
    for i, code in enumerate(codes):
        if is_numeric(code):
            continue
        word = code.lower()
        for key in _deletions(word, _allowed(len(word))):
            buckets.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if i != j:
                    pairs.add((min(i, j), max(i, j)))
    return sorted(p for p in pairs if similar(codes[p[0]], codes[p[1]]))


def similar_candidates(left: list[str], right: list[str]) -> dict[int, list[int]]:
    """For each index into ``left``, the indices into ``right`` (ascending) of the spellings that
    may be ``similar`` to it: those sharing a deletion key (see ``similar_pairs``). A superset of
    the similar ones; callers still test ``similar``. Near-linear instead of every pair."""
    buckets: dict[str, list[int]] = {}
    for j, code in enumerate(right):
        if is_numeric(code):
            continue
        word = code.lower()
        for key in _deletions(word, _allowed(len(word))):
            buckets.setdefault(key, []).append(j)
    out: dict[int, list[int]] = {}
    for i, code in enumerate(left):
        if is_numeric(code):
            continue
        word = code.lower()
        found = {j for key in _deletions(word, _allowed(len(word))) for j in buckets.get(key, ())}
        if found:
            out[i] = sorted(found)
    return out


def closest(code: str, candidates: list[str]) -> str | None:
    """The most similar candidate spelling, or None when none is similar."""
    scored = [(distance(code.lower(), c.lower()), c) for c in candidates if similar(code, c)]
    return min(scored)[1] if scored else None
