"""The bucketed similarity search finds exactly what comparing every pair finds."""

from __future__ import annotations

import random
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.deletion_keys import depth, shared_keys
from generator.similarity import is_numeric, similar, similar_candidates, similar_pairs

# Small alphabets make near spellings, case variants, numbers and crowded buckets common.
codes = st.lists(st.text(alphabet="aAb1-", max_size=11) | st.text(alphabet="aAbBc1-.", max_size=14), max_size=50)
# Beyond ASCII: accents, a character outside the BMP, a lone surrogate (bad input), Han.
wide = st.lists(st.text(alphabet="aAéÉ\U0001d538\ud800错误-1", max_size=13), max_size=30)


def deletion_strings(word: str) -> set[str]:
    """Every string ``word`` reaches by deleting 0 to ``depth`` characters."""
    return {"".join(c for k, c in enumerate(word) if k not in gone)
            for d in range(depth(len(word)) + 1) for gone in combinations(range(len(word)), d)}


def code_keys(code: str) -> set[str]:
    """The deletion strings of a code, lower-cased; numbers have none."""
    return set() if is_numeric(code) else deletion_strings(code.lower())


def brute_pairs(cs: list[str], groups: list[int] | None = None) -> list[tuple[int, int]]:
    return [(i, j) for i in range(len(cs)) for j in range(i + 1, len(cs))
            if (groups is None or groups[i] == groups[j]) and similar(cs[i], cs[j])]


def brute_candidates(left: list[str], right: list[str]) -> dict[int, list[int]]:
    mine, theirs = [code_keys(a) for a in left], [code_keys(b) for b in right]
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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abcAB", max_size=12), max_size=25) | wide,
       st.lists(st.integers(0, 2), min_size=30, max_size=30))
def test_shared_keys_are_the_words_sharing_a_deletion(words, salts):
    """Hashed keys group exactly the words that share a deletion string (and a salt)."""
    salts = salts[:len(words)]
    keys = [deletion_strings(w.lower()) for w in words]  # words, not codes: numbers too
    expected = {(i, j) for i in range(len(words)) for j in range(i + 1, len(words))
                if salts[i] == salts[j] and not keys[i].isdisjoint(keys[j])}
    found = set()
    for group in shared_keys([w.lower() for w in words], salts):
        assert group == sorted(set(group)) and len(group) > 1
        found.update(combinations(group, 2))
    assert found == expected


@settings(max_examples=300, deadline=None)
@given(codes)
def test_pairs_match_all_pairs(cs):
    assert similar_pairs(cs) == brute_pairs(cs)


@settings(max_examples=200, deadline=None)
@given(wide)
def test_pairs_beyond_ascii(cs):
    assert similar_pairs(cs) == brute_pairs(cs)


@settings(max_examples=200, deadline=None)
@given(codes, st.lists(st.integers(0, 3), min_size=50, max_size=50))
def test_pairs_stay_within_their_group(cs, groups):
    groups = groups[:len(cs)]
    assert similar_pairs(cs, groups) == brute_pairs(cs, groups)


def test_long_spellings():
    """Keys of long spellings (hundreds of two-character deletions each) still pair up."""
    base = "TheRequestSignatureWeCalculatedDoesNotMatchTheSignatureYouProvided" * 3
    cs = [base, base[:40] + base[41:], base[:10] + "x" + base[11:100] + "y" + base[101:], base + "zz",
          base.upper(), base[::-1], "short", "shorts"]
    assert similar_pairs(cs) == brute_pairs(cs)
    assert similar_candidates(cs[:4], cs[4:]) == brute_candidates(cs[:4], cs[4:])


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
