"""The bucketed similarity search finds exactly what comparing every pair finds."""

from __future__ import annotations

import random
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.similarity import (
    _deletions,
    _keys,
    similar,
    similar_candidates,
    similar_pairs,
)

# Small alphabets make near spellings, case variants, numbers and crowded buckets common.
codes = st.lists(st.text(alphabet="aAb1-", max_size=11) | st.text(alphabet="aAbBc1-.", max_size=14), max_size=50)


def brute_pairs(cs: list[str]) -> list[tuple[int, int]]:
    return [(i, j) for i in range(len(cs)) for j in range(i + 1, len(cs)) if similar(cs[i], cs[j])]


def brute_candidates(left: list[str], right: list[str]) -> dict[int, list[int]]:
    mine, theirs = [set().union(*_keys(a)) for a in left], [set().union(*_keys(b)) for b in right]
    out = {i: [j for j, b in enumerate(theirs) if not a.isdisjoint(b)] for i, a in enumerate(mine)}
    return {i: js for i, js in out.items() if js}


def stem_family(n: int, seed: int) -> list[str]:
    """Many codes sharing a long stem, with typos, case variants, numbers and repeats."""
    rnd = random.Random(seed)
    out = [f"Param.F{k:03d}" for k in range(n)]
    for code in rnd.sample(out, n // 4):
        i = rnd.randrange(len(code))
        out.append(rnd.choice([code[:i] + code[i + 1:], code[:i] + "x" + code[i:], code.upper(), code]))
    out += [str(k) for k in range(20)] + ["Param", "Params", "Prm.F", "Param.F"]
    rnd.shuffle(out)
    return out


@given(st.text(alphabet="abc", min_size=2, max_size=9), st.integers(0, 2))
def test_deletions_are_every_choice_of_positions(word, depth):
    every = [{"".join(c for k, c in enumerate(word) if k not in gone) for gone in combinations(range(len(word)), d)}
             for d in range(depth + 1)]
    assert _deletions(word, depth) == every


@settings(max_examples=300, deadline=None)
@given(codes)
def test_pairs_match_all_pairs(cs):
    assert similar_pairs(cs) == brute_pairs(cs)


@settings(max_examples=200, deadline=None)
@given(codes, codes)
def test_candidates_are_the_codes_sharing_a_key(left, right):
    found = similar_candidates(left, right)
    assert found == brute_candidates(left, right)
    for i, a in enumerate(left):  # a superset of the similar ones
        assert {j for j, b in enumerate(right) if similar(a, b)} <= set(found.get(i, ()))


def test_codes_sharing_a_stem():
    for seed in range(3):
        cs = stem_family(120, seed)
        assert similar_pairs(cs) == brute_pairs(cs)
        half = len(cs) // 2
        assert similar_candidates(cs[:half], cs[half:]) == brute_candidates(cs[:half], cs[half:])
