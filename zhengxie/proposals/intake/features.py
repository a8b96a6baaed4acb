"""The words a suggestion is learned from, cut by the search app's one Chinese tokenizer.

Words rather than character bigrams: on the 327 Jiangsu proposals, words gave a 5-fold
top-1 of 68% against 61% for bigrams, and adding bigrams to words took a point off
(bench/proposals_intake.py). The title says what a proposal is about in a dozen characters,
so its words are features of their own and count three times."""

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from zhengxie.search.tokens import words

N_FEATURES = 2**20  # hashed: no vocabulary to keep, as the similar-texts index does
TITLE_PREFIX = "t:"
TITLE_REPEAT = 3
_CHINESE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def has_chinese(text: str) -> bool:
    return bool(_CHINESE.search(text or ""))


def tokens(title: str, text: str) -> list[str]:
    title_words = [TITLE_PREFIX + word for word in words(title)]
    return title_words * TITLE_REPEAT + words(text)


def shown_word(token: str) -> str:
    return token.removeprefix(TITLE_PREFIX)


_hasher = None


def hasher():
    """scikit-learn loads on first use: most processes never suggest anything."""
    global _hasher
    if _hasher is None:
        from sklearn.feature_extraction.text import HashingVectorizer

        _hasher = HashingVectorizer(
            analyzer=_identity,
            n_features=N_FEATURES,
            alternate_sign=False,
            norm=None,
            dtype=np.float32,
        )
    return _hasher


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def counts(token_lists: list[list[str]]):
    return hasher().transform(token_lists)


def column(token: str) -> int:
    """The token's hashed column, as the hasher computes it (a test holds the two together):
    a query is counted without building a one-row scipy matrix, and its words stay known."""
    from sklearn.utils import murmurhash3_32

    hashed = murmurhash3_32(token, seed=0)
    if hashed == -(2**31):
        return (2**31 - 1 - (N_FEATURES - 1)) % N_FEATURES
    return abs(hashed) % N_FEATURES


@dataclass(frozen=True)
class QueryVector:
    """One text's sublinear TF-IDF at unit length: its columns ascending, their weights, and
    the word behind each column."""

    columns: np.ndarray
    values: np.ndarray
    words: dict[int, str]


def query_vector(token_list: list[str], idf: np.ndarray) -> QueryVector:
    tally = Counter(token_list)
    words = {column(token): token for token in tally}
    by_column: Counter = Counter()
    for token, n in tally.items():
        by_column[column(token)] += n
    columns = np.array(sorted(by_column), dtype=np.int64)
    tf = np.array([by_column[c] for c in columns], dtype=np.float32)
    values = (1.0 + np.log(tf)) * idf[columns] if len(columns) else tf
    norm = float(np.linalg.norm(values)) or 1.0
    return QueryVector(columns, (values / norm).astype(np.float32), words)
