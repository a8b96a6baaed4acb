"""MinHash over character 3-grams: band hashes find near-duplicate texts by index lookup.

20 bands of 3 rows make a pair with Jaccard 0.5 a candidate with probability 0.93 and a pair
with 0.2 only with 0.15; candidates are then confirmed by their exact Jaccard.
"""

import hashlib
import re

import numpy as np

from ..tokens import LETTERS, clean

_NOT_LETTERS = re.compile(f"[^{LETTERS}]+")
BANDS, ROWS = 20, 3
PERMUTATIONS = BANDS * ROWS
_PRIME = np.uint64((1 << 31) - 1)
# Fixed seed: band hashes are stored, so every process must draw the same permutations.
_rng = np.random.default_rng(20221)
_A = _rng.integers(1, int(_PRIME), PERMUTATIONS, dtype=np.uint64)[:, None]
_B = _rng.integers(0, int(_PRIME), PERMUTATIONS, dtype=np.uint64)[:, None]


def shingles(text: object) -> np.ndarray:
    """Distinct 3-character shingles of the text's letters, as 32-bit hashes."""
    letters = _NOT_LETTERS.sub("", clean(text))
    if len(letters) < 3:
        letters = letters.ljust(3, "\0") if letters else ""
    if not letters:
        return np.empty(0, dtype=np.uint64)
    codes = np.frombuffer(letters.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    grams = (codes[:-2] << np.uint64(42)) ^ (codes[1:-1] << np.uint64(21)) ^ codes[2:]
    return np.unique(grams % np.uint64(4294967291))


def jaccard(left: np.ndarray, right: np.ndarray) -> float:
    if not len(left) or not len(right):
        return 0.0
    common = len(np.intersect1d(left, right, assume_unique=True))
    return common / (len(left) + len(right) - common)


def band_values(grams: np.ndarray) -> list[int]:
    """One signed 64-bit hash per band of the MinHash signature (an empty text has none)."""
    if not len(grams):
        return []
    signature = ((_A * grams[None, :] + _B) % _PRIME).min(axis=1)
    values = []
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(band.to_bytes(2, "little") + rows.tobytes(), digest_size=8)
        values.append(int.from_bytes(digest.digest(), "little", signed=True))
    return values
