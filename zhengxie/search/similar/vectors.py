"""Hashed character-bigram TF-IDF: no vocabulary to keep, only the IDF weights.

scikit-learn is imported on first use: importing it costs seconds, and most processes (a
page view, an import command) never compare texts."""

import functools

import numpy as np

from ..tokens import bigrams

N_FEATURES = 2**20


@functools.cache
def _hasher():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        analyzer=bigrams,
        n_features=N_FEATURES,
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    )


def document_text(title: str, body: str) -> str:
    """The title counts twice: a shared subject weighs more than shared wording."""
    return f"{title}\n{title}\n{body}"


def counts(texts: list[str]):
    return _hasher().transform(texts)


def fit_weights(matrix):
    from sklearn.feature_extraction.text import TfidfTransformer

    # Sublinear tf: a bigram repeated ten times in one text is not ten times the evidence.
    return TfidfTransformer(sublinear_tf=True, norm="l2").fit(matrix)


def weigh(weights, matrix):
    return weights.transform(matrix).astype(np.float32).tocsr()
