"""Campaigns and duplicates: groups of identical or near-identical texts (copied letters, pasted slogans).

Each text becomes the set of its word 3-grams (lower case, no accents); MinHash signatures and
locality-sensitive hashing propose candidate pairs in linear time, each candidate is checked on the
exact Jaccard similarity of the two sets, and linked texts form groups. Nothing is hidden or deleted:
the groups are shown to organizers and counted in the report.
"""

import zlib
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from consult.synthesis.text import normalized

SHINGLE_WORDS = 3
BANDS, ROWS = 30, 5
THRESHOLD = 0.5
MIN_CAMPAIGN = 3
_PRIME = np.uint64(4_294_967_311)


@dataclass
class Group:
    """Texts that are near copies of one another (indexes into the input list) and their mean similarity."""

    members: list[int]
    similarity: float


def shingles(text: str) -> set[int]:
    """The hashed word 3-grams of a text (a short text is one shingle of all its words)."""
    words = normalized(text).split()
    if len(words) < SHINGLE_WORDS:
        return {zlib.crc32(" ".join(words).encode())}
    return {zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode()) for i in range(len(words) - 2)}


def _signatures(sets: list[set[int]]) -> np.ndarray:
    rng = np.random.default_rng(16)
    perms = BANDS * ROWS
    a = rng.integers(1, 2**32 - 1, size=perms, dtype=np.uint64)
    b = rng.integers(0, 2**32 - 1, size=perms, dtype=np.uint64)
    lengths = np.array([len(s) for s in sets])
    flat = np.fromiter((h for s in sets for h in s), dtype=np.uint64, count=int(lengths.sum()))
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    signatures = np.empty((len(sets), perms), dtype=np.uint64)
    for p in range(perms):
        hashed = (a[p] * flat + b[p]) % _PRIME
        signatures[:, p] = np.minimum.reduceat(hashed, starts)
    return signatures


def _candidate_pairs(signatures: np.ndarray) -> set[tuple[int, int]]:
    pairs = set()
    for band in range(BANDS):
        buckets = defaultdict(list)
        for index, row in enumerate(signatures[:, band * ROWS : (band + 1) * ROWS]):
            buckets[row.tobytes()].append(index)
        for members in buckets.values():
            pairs.update((members[0], other) for other in members[1:])
    return pairs


def _jaccard(left: set, right: set) -> float:
    return len(left & right) / len(left | right)


def near_duplicate_groups(texts: list[str], min_size: int = 2) -> list[Group]:
    """Groups of at least ``min_size`` texts linked by a Jaccard similarity ≥ 0.5, largest first."""
    sets = [shingles(t) for t in texts]
    if not sets:
        return []
    parent = list(range(len(sets)))
    scores = defaultdict(list)

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Within a bucket every text is compared with the first; chained links join the rest.
    for left, right in _candidate_pairs(_signatures(sets)):
        score = _jaccard(sets[left], sets[right])
        if score >= THRESHOLD:
            parent[root(right)] = root(left)
            scores[left].append(score)
    groups = defaultdict(list)
    for index in range(len(sets)):
        groups[root(index)].append(index)
    found = []
    for members in groups.values():
        if len(members) >= min_size:
            linked = [s for m in members for s in scores.get(m, [])]
            found.append(Group(sorted(members), round(sum(linked) / len(linked), 3) if linked else 1.0))
    return sorted(found, key=lambda g: (-len(g.members), g.members[0]))


def campaigns(texts: list[str]) -> list[Group]:
    """The near-duplicate groups large enough to be a campaign (three texts or more)."""
    return near_duplicate_groups(texts, MIN_CAMPAIGN)
