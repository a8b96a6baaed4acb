"""Hashed character-bigram TF-IDF: no vocabulary to keep, only the IDF weights."""

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

from ..tokens import bigrams

N_FEATURES = 2**20

_hasher = HashingVectorizer(
    analyzer=bigrams,
    n_features=N_FEATURES,
    alternate_sign=False,
    norm=None,
    dtype=np.float32,
)


def document_text(title: str, body: str) -> str:
    """The title counts twice: a shared subject weighs more than shared wording."""
    return f"{title}\n{title}\n{body}"


def counts(texts: list[str]) -> sparse.csr_matrix:
    return _hasher.transform(texts)


def fit_weights(matrix: sparse.csr_matrix) -> TfidfTransformer:
    # Sublinear tf: a bigram repeated ten times in one text is not ten times the evidence.
    return TfidfTransformer(sublinear_tf=True, norm="l2").fit(matrix)


def weigh(weights: TfidfTransformer, matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    return weights.transform(matrix).astype(np.float32).tocsr()
