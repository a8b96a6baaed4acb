"""How well the engine would do for an office, before it turns suggestions on: train on one
register, test on another (or cross-validate one), top-1 and top-3 for categories and for lead
units. The register files are read with the import's reader and columns."""

from dataclasses import dataclass

from zhengxie.core.chinese import normalize_text, split_list

from ..imports.reading import read_register
from .engine import Example, IntakeError, suggest, train


@dataclass
class Tally:
    top1: int = 0
    top3: int = 0
    n: int = 0

    def add(self, truth: str, ranked: list[str]) -> None:
        self.n += 1
        self.top1 += bool(ranked) and ranked[0] == truth
        self.top3 += truth in ranked[:3]

    def as_dict(self) -> dict:
        share = (lambda k: round(k / self.n, 4)) if self.n else (lambda k: 0.0)
        return {"top1": share(self.top1), "top3": share(self.top3), "n": self.n}


def examples_from_register(content: bytes) -> list[Example]:
    """案由, 正文, 类别, 主办单位, 会办单位 of every row; rows without Chinese are skipped by
    the engine. Raises IntakeError for a file that holds no rows."""
    try:
        rows = read_register(content)
    except ValueError as error:
        raise IntakeError(str(error)) from error
    if not rows:
        raise IntakeError("提案登记表是空的：没有数据行。")
    examples = []
    for row in rows:
        cells = row.cells
        leads = split_list(cells.get("主办单位"))
        examples.append(
            Example(
                title=normalize_text(cells.get("案由")),
                text=str(cells.get("正文") or ""),
                category=normalize_text(cells.get("类别")),
                lead=leads[0] if leads else "",
                co_units=tuple(split_list(cells.get("会办单位"))),
            )
        )
    return examples


def _test(training: list[Example], testing: list[Example], tallies: dict[str, Tally]) -> None:
    model = train(training)
    for example in testing:
        try:
            found = suggest(model, example.title, example.text, top=3)
        except IntakeError:
            continue  # a row with no Chinese text has nothing to suggest from
        if example.category and model.categories:
            tallies["categories"].add(example.category, [c.name for c in found.categories])
        if example.lead and model.units:
            leads = [u.name for u in found.units if u.role == "lead"]
            tallies["units"].add(example.lead, leads)


def evaluate(training: list[Example], testing: list[Example]) -> dict:
    """Raises IntakeError when the training register has nothing to learn from."""
    tallies = {"categories": Tally(), "units": Tally()}
    _test(training, testing, tallies)
    return {kind: tally.as_dict() for kind, tally in tallies.items()}


def cross_validate(examples: list[Example], *, folds: int, seed: int = 0) -> dict:
    """K-fold: each example is tested once, by a model that never saw it."""
    from sklearn.model_selection import KFold

    if not 2 <= folds <= len(examples):
        raise IntakeError(f"--folds：须在 2 到 {max(len(examples), 2)} 之间。")
    tallies = {"categories": Tally(), "units": Tally()}
    for train_rows, test_rows in KFold(folds, shuffle=True, random_state=seed).split(examples):
        _test([examples[i] for i in train_rows], [examples[i] for i in test_rows], tallies)
    return {kind: tally.as_dict() for kind, tally in tallies.items()}
