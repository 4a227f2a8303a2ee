"""Which words share a deletion key: the candidate search behind ``similarity.similar_pairs``.

Two words within ``k`` edits share a string reachable from both by at most ``k`` deletions
(the SymSpell neighbourhood), so only words sharing such a key need comparing. A long word has
hundreds of keys. They are hashed in bulk with NumPy, as a polynomial over the key's characters
(so a key hashes alike whichever word it came from), packed with the word's index into one
``uint64`` and sorted: words sharing a key end up side by side. Plain Python sets and dicts of
the same keys cost ten times as much, and at ten thousand codes the allocator handed their
tables back to the system and faulted them in again for every length of code (8 µs a page on
a virtual machine): that, not the work, made the search grow faster than the catalog.

A hash collision can only add a candidate; callers still decide with ``similar``.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

_SEED = 0x5EED_E7D0C5
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)


def depth(length: int) -> int:
    """How many deletions a word of ``length`` characters gets (1 edit from 5, 2 from 9)."""
    return 2 if length >= 9 else 1 if length >= 5 else 0


class _Weights:
    """Random odd weights per character position and per key length (grown on demand, fixed seed)."""

    def __init__(self) -> None:
        self.position = np.zeros(0, np.uint64)
        self.length = np.zeros(0, np.uint64)
        self.pairs: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def ensure(self, length: int) -> None:
        if length < len(self.position):
            return
        size = max(64, 2 * length + 1)
        draw = np.random.default_rng(_SEED).integers(0, 2**64 - 1, size=(2, size), dtype=np.uint64,
                                                     endpoint=True)
        self.position, self.length = draw[0] | np.uint64(1), draw[1]

    def position_pairs(self, length: int) -> tuple[np.ndarray, np.ndarray]:
        """Every ``(i, j)``, ``i < j < length``, as two index arrays."""
        got = self.pairs.get(length)
        if got is None:
            both = np.fromiter(combinations(range(length), 2), dtype=np.dtype((np.intp, 2)))
            got = self.pairs[length] = (both[:, 0].copy(), both[:, 1].copy())
        return got


_WEIGHTS = _Weights()


def _mix(points: np.ndarray) -> np.ndarray:
    """Spread code points over 64 bits (splitmix64's finaliser), in place."""
    points *= _M1
    points ^= points >> np.uint64(29)
    points *= _M2
    points ^= points >> np.uint64(32)
    return points


def _prefix_sums(mixed: np.ndarray, shift: int) -> np.ndarray:
    """``out[:, k]`` = the sum over ``shift <= t < k`` of character ``t`` weighted for position
    ``t - shift`` (where it stands once ``shift`` earlier characters are deleted)."""
    rows, length = mixed.shape
    out = np.zeros((rows, length + 1), np.uint64)
    if length > shift:
        np.cumsum(mixed[:, shift:] * _WEIGHTS.position[:length - shift], axis=1, out=out[:, shift + 1:])
    return out


def _key_count(length: int) -> int:
    """How many keys a word of ``length`` characters has (its own spelling included)."""
    d = depth(length)
    return 1 + (length if d >= 1 else 0) + (length * (length - 1) // 2 if d >= 2 else 0)


def _write_keys(words: list[str], length: int, salts: np.ndarray, out: np.ndarray) -> None:
    """Hash every key of the equal-length ``words`` into ``out`` (``len(words)`` rows of
    ``_key_count(length)``); ``salts`` (one per word) keep groups apart."""
    text = "".join(words).encode("utf-32-le", "surrogatepass")
    points = np.frombuffer(text, dtype="<u4").astype(np.uint64).reshape(len(words), length)
    mixed = _mix(points)
    w = _WEIGHTS
    s0 = _prefix_sums(mixed, 0)
    np.add(s0[:, length:], w.length[length] + salts[:, None], out=out[:, :1])
    if depth(length) >= 1:
        s1 = _prefix_sums(mixed, 1)
        i = np.arange(length)
        ones = out[:, 1:1 + length]
        np.subtract(s1[:, length:], s1[:, i + 1], out=ones)
        ones += s0[:, :length]
        ones += w.length[length - 1] + salts[:, None]
    if depth(length) >= 2:
        s2 = _prefix_sums(mixed, 2)
        i, j = w.position_pairs(length)
        twos = out[:, 1 + length:]
        np.subtract(s2[:, length:], s2[:, j + 1], out=twos)
        twos += s0[:, i]
        twos += s1[:, j]
        twos -= s1[:, i + 1]
        twos += w.length[length - 2] + salts[:, None]


#: Rows hashed at a time: temporaries stay small enough for the allocator to reuse them
#: instead of mapping (and faulting in) fresh pages for each length of word.
_CHUNK_KEYS = 8192


def _packed_keys(words: list[str], salts: list[int] | None) -> tuple[np.ndarray, int]:
    """Every key of every word as ``hash`` (high bits) ``| word index`` (low bits), and the
    number of low bits."""
    bits = max(1, (len(words) - 1).bit_length())
    by_length: dict[int, list[int]] = {}
    for index, word in enumerate(words):
        by_length.setdefault(len(word), []).append(index)
    _WEIGHTS.ensure(max(by_length, default=0))
    salt_of = np.zeros(len(words), np.uint64)
    if salts is not None:
        draw = np.random.default_rng(_SEED + 1).integers(0, 2**64 - 1, size=max(salts, default=0) + 1,
                                                         dtype=np.uint64, endpoint=True)
        salt_of = draw[np.asarray(salts, dtype=np.intp)]
    packed = np.empty(sum(_key_count(n) * len(ix) for n, ix in by_length.items()), np.uint64)
    high = ~np.uint64((1 << bits) - 1)
    at = 0
    for length, indices in by_length.items():
        width = _key_count(length)
        step = max(1, _CHUNK_KEYS // width)
        for start in range(0, len(indices), step):
            chunk = indices[start:start + step]
            out = packed[at:at + width * len(chunk)].reshape(len(chunk), width)
            _write_keys([words[k] for k in chunk], length, salt_of[chunk], out)
            out &= high
            out |= np.asarray(chunk, dtype=np.uint64)[:, None]
            at += out.size
    return packed, bits


def shared_keys(words: list[str], salts: list[int] | None = None) -> list[list[int]]:
    """Groups of indices into ``words`` (ascending, two or more) whose words share a key: the
    word with 0 to ``depth(len(word))`` characters deleted. With ``salts`` (small non-negative
    ints, one per word), words of different salts share none."""
    if len(words) < 2:
        return []
    packed, bits = _packed_keys(words, salts)
    packed.sort()
    distinct = np.ones(len(packed), bool)  # a word reaches some keys twice ("aab" - a)
    np.not_equal(packed[1:], packed[:-1], out=distinct[1:])
    packed = packed[distinct]
    hashes = packed >> np.uint64(bits)
    follows = np.flatnonzero(hashes[1:] == hashes[:-1])  # k: packed[k + 1] shares packed[k]'s key
    owners = (packed & np.uint64((1 << bits) - 1)).astype(np.intp)
    groups: list[list[int]] = []
    last = -2
    for k in follows.tolist():
        if k != last + 1:
            groups.append([k])
        groups[-1].append(k + 1)
        last = k
    owner_list = owners.tolist()
    return [[owner_list[k] for k in run] for run in groups]
