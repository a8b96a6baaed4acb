"""Learning a committee's intake from its register, and answering for a new text.

Categories: a linear SVM (one against the rest, classes weighted by their rarity) over the
TF-IDF of the words the chi-squared test ranks most telling. Its margins become confidences
through a softmax whose sharpness was measured so that, on a real register, the first
suggestion's confidence averages how often it is right.

Units: the registered proposals most similar to the text vote for the units that handled
them, each vote weighted by the similarity; a unit that asked to be reassigned away from a
similar proposal loses that weight. The voters are the evidence staff see.

Nothing here reads the database: `evaluate_intake` trains the same engine on a spreadsheet.
"""

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from .features import QueryVector, counts, has_chinese, query_vector, shown_word, tokens

SELECTED_WORDS = 5000  # measured: top-1 69% against 68% with every word (bench, 10 shuffles)
NEIGHBOURS = 10  # similar registered proposals that vote for units
KEPT_TERMS = 128  # a voter keeps its most weighted words: a tenth of the memory, same voters
# Margins become confidences through softmax(SHARPNESS * margin). Measured (bench): at 5 the
# first suggestion's mean confidence on held-out folds of the Jiangsu register equals how often
# it is right there (68%). Fitting it per committee on folds of the training set came out at 7,
# overconfident: a model trained on the whole register has wider margins than its folds'.
SHARPNESS = 5.0
EVIDENCE_WORDS = 3
EVIDENCE_PROPOSALS = 3


class IntakeError(ValueError):
    """Input the engine cannot learn from or answer; the message is for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Example:
    """One registered proposal as the engine sees it; units by name, so that a model
    carries over to a county committee whose units bear the same names."""

    title: str
    text: str
    category: str = ""
    lead: str = ""
    co_units: tuple[str, ...] = ()
    declined: tuple[str, ...] = ()  # units that asked to be reassigned away from it
    ref: int = 0  # the proposal's id, 0 outside the database
    label: str = ""  # how evidence names it (案号 and 案由)


@dataclass
class CategoryModel:
    labels: list[str]
    columns: np.ndarray  # the selected hashed word columns, ascending
    coef: np.ndarray  # labels x columns
    intercept: np.ndarray
    sharpness: float


@dataclass
class UnitModel:
    inverted: sparse.csr_matrix  # word columns x voters
    leads: list[str]
    co_units: list[list[str]]
    declined: list[list[str]]
    refs: np.ndarray
    labels: list[str]


@dataclass
class Model:
    idf: np.ndarray
    categories: CategoryModel | None
    units: UnitModel | None
    examples: int

    @property
    def nbytes(self) -> int:
        """The arrays' memory, which is nearly all of it (the names add a few hundred KB)."""
        arrays = [self.idf]
        if self.categories:
            arrays += [self.categories.columns, self.categories.coef, self.categories.intercept]
        if self.units:
            inverted = self.units.inverted
            arrays += [inverted.data, inverted.indices, inverted.indptr, self.units.refs]
        return sum(array.nbytes for array in arrays)


@dataclass(frozen=True)
class Evidence:
    ref: int
    label: str
    similarity: float


@dataclass(frozen=True)
class CategorySuggestion:
    name: str
    score: float
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitSuggestion:
    name: str
    score: float
    role: str  # "lead" or "co", as AssignmentRole
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    categories: list[CategorySuggestion] = field(default_factory=list)
    units: list[UnitSuggestion] = field(default_factory=list)


def fit_idf(matrix) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfTransformer

    return TfidfTransformer(sublinear_tf=True).fit(matrix).idf_.astype(np.float32)


def weigh(idf: np.ndarray, matrix) -> sparse.csr_matrix:
    """Sublinear TF-IDF, unit length: a word said ten times is not ten times the evidence."""
    from sklearn.preprocessing import normalize

    weighted = matrix.astype(np.float32).tocsr(copy=True)
    weighted.data = (1.0 + np.log(weighted.data)) * idf[weighted.indices]
    return normalize(weighted).astype(np.float32)


def train(examples: list[Example]) -> Model:
    """Raises IntakeError for a register with nothing to learn from."""
    usable = [e for e in examples if has_chinese(f"{e.title}{e.text}")]
    if not usable:
        raise IntakeError("提案登记表：没有可学习的提案（需要有中文案由或正文的已立案提案）。")
    matrix = counts([tokens(e.title, e.text) for e in usable])
    idf = fit_idf(matrix)
    weighted = weigh(idf, matrix)
    model = Model(
        idf=idf,
        categories=_train_categories(weighted, [e.category for e in usable]),
        units=_train_units(weighted, usable),
        examples=len(usable),
    )
    if model.categories is None and model.units is None:
        raise IntakeError("提案登记表：至少需要两个不同的类别，或填写了主办单位的提案，才能学习。")
    return model


def _select_columns(weighted, labels: np.ndarray) -> np.ndarray:
    from sklearn.feature_selection import chi2

    used = np.unique(weighted.indices)
    if len(used) <= SELECTED_WORDS:
        return used
    scores, _p = chi2(weighted[:, used], labels)
    best = np.argsort(-np.nan_to_num(scores))[:SELECTED_WORDS]
    return np.sort(used[best])


def _fit_svm(matrix, labels: np.ndarray):
    from sklearn.svm import LinearSVC

    return LinearSVC(C=1.0, class_weight="balanced").fit(matrix, labels)


def _train_categories(weighted, categories: list[str]) -> CategoryModel | None:
    from sklearn.preprocessing import normalize

    rows = np.array([i for i, name in enumerate(categories) if name], dtype=np.int64)
    labels = np.array([categories[i] for i in rows])
    if len(set(labels)) < 2:
        return None
    matrix = weighted[rows]
    columns = _select_columns(matrix, labels)
    selected = normalize(matrix[:, columns])
    svm = _fit_svm(selected, labels)
    coef = svm.coef_ if len(svm.classes_) > 2 else np.vstack([-svm.coef_, svm.coef_])
    intercept = (
        svm.intercept_
        if len(svm.classes_) > 2
        else np.array([-svm.intercept_[0], svm.intercept_[0]])
    )
    return CategoryModel(
        labels=[str(label) for label in svm.classes_],
        columns=columns.astype(np.int64),
        coef=coef.astype(np.float32),
        intercept=intercept.astype(np.float32),
        sharpness=SHARPNESS,
    )


def softmax(margins: np.ndarray) -> np.ndarray:
    shifted = np.exp(margins - margins.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def _prune(matrix: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """Each row keeps its `keep` heaviest words, then unit length again."""
    from sklearn.preprocessing import normalize

    matrix = matrix.tocsr(copy=True)
    for row in range(matrix.shape[0]):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        if end - start > keep:
            values = matrix.data[start:end]  # a view: zeroing here zeroes the matrix
            values[np.argpartition(-values, keep)[keep:]] = 0
    matrix.eliminate_zeros()
    return normalize(matrix).astype(np.float32)


def _train_units(weighted, examples: list[Example]) -> UnitModel | None:
    rows = [i for i, e in enumerate(examples) if e.lead]
    if not rows:
        return None
    voters = [examples[i] for i in rows]
    return UnitModel(
        inverted=_prune(weighted[rows], KEPT_TERMS).T.tocsr(),
        leads=[e.lead for e in voters],
        co_units=[list(e.co_units) for e in voters],
        declined=[list(e.declined) for e in voters],
        refs=np.array([e.ref for e in voters], dtype=np.int64),
        labels=[e.label or e.title for e in voters],
    )


def suggest(model: Model, title: str, text: str, *, top: int = 3, units: bool = True) -> Suggestion:
    """The `top` categories and, with `units`, the lead and co-units, best first, scores in
    [0, 1]. Raises IntakeError for a text with no Chinese in it."""
    if not has_chinese(f"{title}{text}"):
        raise IntakeError("案由和正文：没有中文内容，无法给出建议。")
    vector = query_vector(tokens(title, text), model.idf)
    return Suggestion(
        categories=_categories(model.categories, vector, top),
        units=_units(model.units, vector, top) if units else [],
    )


def _categories(model: CategoryModel | None, vector: QueryVector, top) -> list[CategorySuggestion]:
    if model is None:
        return []
    positions = np.minimum(np.searchsorted(model.columns, vector.columns), len(model.columns) - 1)
    kept = model.columns[positions] == vector.columns
    values, positions = vector.values[kept], positions[kept]
    values = values / (float(np.linalg.norm(values)) or 1.0)
    scores = softmax((model.coef[:, positions] @ values + model.intercept) * model.sharpness)
    found = []
    for label in np.argsort(-scores)[:top]:
        parts = values * model.coef[label, positions]
        best = [i for i in np.argsort(-parts)[: EVIDENCE_WORDS * 2] if parts[i] > 0]
        words = dict.fromkeys(
            shown_word(vector.words[int(model.columns[positions[i]])]) for i in best
        )
        found.append(
            CategorySuggestion(
                model.labels[label], round(float(scores[label]), 4), tuple(words)[:EVIDENCE_WORDS]
            )
        )
    return found


def _neighbours(model: UnitModel, vector: QueryVector) -> list[tuple[float, int]]:
    postings = model.inverted[vector.columns]
    similarity = np.asarray(postings.T @ vector.values).ravel()
    count = min(NEIGHBOURS, len(similarity))
    best = np.argpartition(-similarity, count - 1)[:count]
    return sorted(((float(similarity[i]), int(i)) for i in best if similarity[i] > 0), reverse=True)


def _units(model: UnitModel | None, vector: QueryVector, top: int) -> list[UnitSuggestion]:
    if model is None:
        return []
    neighbours = _neighbours(model, vector)
    total = sum(similarity for similarity, _row in neighbours)
    if not total:
        return []
    votes = {"lead": defaultdict(float), "co": defaultdict(float)}
    support = defaultdict(list)
    for similarity, row in neighbours:
        votes["lead"][model.leads[row]] += similarity
        support[("lead", model.leads[row])].append((similarity, row))
        for name in model.co_units[row]:
            votes["co"][name] += similarity
            support[("co", name)].append((similarity, row))
        for name in model.declined[row]:
            votes["lead"][name] -= similarity
            votes["co"][name] -= similarity
    found = []
    for role, tally in votes.items():
        ranked = sorted(((s, n) for n, s in tally.items() if s > 0), reverse=True)[:top]
        for score, name in ranked:
            evidence = tuple(
                Evidence(int(model.refs[row]), model.labels[row], round(similarity, 4))
                for similarity, row in support[(role, name)][:EVIDENCE_PROPOSALS]
            )
            found.append(UnitSuggestion(name, round(min(score / total, 1.0), 4), role, evidence))
    return sorted(found, key=lambda unit: -unit.score)
