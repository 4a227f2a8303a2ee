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

from itertools import pairwise

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
            got = self.pairs[length] = np.triu_indices(length, 1)
        return got


_WEIGHTS = _Weights()


def _mix(points: np.ndarray) -> np.ndarray:
    """Spread code points over 64 bits (a splitmix64-style finaliser), in place."""
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
        ones = out[:, 1:1 + length]  # column i: character i deleted
        np.subtract(s1[:, length:], s1[:, 1:], out=ones)
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


#: Keys hashed at a time (a few rows of one length): temporaries stay small enough for the
#: allocator to reuse them instead of mapping fresh pages.
_CHUNK_KEYS = 8192


class _Search:
    """One search: the words, their salts, and the keys waiting for their length to be complete."""

    def __init__(self, words: list[str], salts: list[int] | None) -> None:
        self.words = words
        self.bits = max(1, (len(words) - 1).bit_length())
        self.salt_of = np.zeros(len(words), np.uint64)
        if salts is not None:
            draw = np.random.default_rng(_SEED + 1).integers(0, 2**64 - 1, size=max(salts, default=0) + 1,
                                                             dtype=np.uint64, endpoint=True)
            self.salt_of = draw[np.asarray(salts, dtype=np.intp)]
        self.pending: dict[int, list[np.ndarray]] = {}  # key length -> packed keys
        self.groups: list[list[int]] = []

    def add(self, length: int, indices: list[int]) -> None:
        """Hash the keys of these words (all ``length`` long), packed as ``hash`` (high bits)
        ``| word index`` (low bits), under the length of each key."""
        width = _key_count(length)
        step = max(1, _CHUNK_KEYS // width)
        high = ~np.uint64((1 << self.bits) - 1)
        for start in range(0, len(indices), step):
            chunk = indices[start:start + step]
            out = np.empty((len(chunk), width), np.uint64)
            _write_keys([self.words[k] for k in chunk], length, self.salt_of[chunk], out)
            out &= high
            out |= np.asarray(chunk, dtype=np.uint64)[:, None]
            columns = (0, 1, 1 + length, width)[:depth(length) + 2]
            for deleted, (a, b) in enumerate(pairwise(columns)):
                self.pending.setdefault(length - deleted, []).append(out[:, a:b].ravel())

    def flush(self, below: int | None = None) -> None:
        """Find the shared keys among those shorter than ``below`` (all when None)."""
        for length in sorted(n for n in self.pending if below is None or n < below):
            self.groups += _shared(np.concatenate(self.pending.pop(length)), self.bits)


def _shared(packed: np.ndarray, bits: int) -> list[list[int]]:
    """Groups of word indices sharing a key in ``packed`` (keys of one length)."""
    packed.sort()
    repeat = np.zeros(len(packed), bool)  # a word reaches some keys twice ("aab" - a)
    np.equal(packed[1:], packed[:-1], out=repeat[1:])
    packed = packed[~repeat]
    low = np.uint64((1 << bits) - 1)
    follows = np.flatnonzero((packed[1:] ^ packed[:-1]) <= low)  # packed[k + 1] shares k's key
    if not follows.size:
        return []
    firsts = (packed[follows] & low).tolist()
    seconds = (packed[follows + 1] & low).tolist()
    groups: list[list[int]] = []
    last = -2
    for k, first, second in zip(follows.tolist(), firsts, seconds, strict=True):
        if k != last + 1:
            groups.append([first])
        groups[-1].append(second)
        last = k
    return groups


def shared_keys(words: list[str], salts: list[int] | None = None) -> list[list[int]]:
    """Groups of indices into ``words`` (ascending, two or more) whose words share a key: the
    word with 0 to ``depth(len(word))`` characters deleted. With ``salts`` (small non-negative
    ints, one per word), words of different salts share none (bar a hash collision, which can
    only add a group: callers still check what they pair).

    Words are taken shortest first, and the keys of one length searched (then dropped) as soon
    as no longer word can add to them (a key is at most two deletions short of its word): the
    arrays stay the size of a few lengths of word, not of the whole search.
    """
    if len(words) < 2:
        return []
    by_length: dict[int, list[int]] = {}
    for index, word in enumerate(words):
        by_length.setdefault(len(word), []).append(index)
    _WEIGHTS.ensure(max(by_length))
    search = _Search(words, salts)
    for length in sorted(by_length):
        search.flush(below=length - 2)
        search.add(length, by_length[length])
    search.flush()
    return search.groups
