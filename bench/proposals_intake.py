"""Smart intake: accuracy on the 327 real Jiangsu proposals, suggestion latency, training time
and model memory at 10,000 proposals.

    .venv/bin/python bench/proposals_intake.py [--folds 5] [--shuffles 10] [--docs 10000]

Targets (issue 21): 5-fold category accuracy top-1 >= 65%, top-3 >= 90%; a suggestion under
30 ms p95; training on 10,000 proposals under 30 s; the model under 50 MB in memory.

The real register has categories but no units: units are measured on the synthetic 10,000,
whose lead unit follows the category (as the demo's do), so that figure checks the voting,
not a real office's choices.
"""

import argparse
import collections
import csv
import os
import random
import re
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from search_corpus import FALLBACK, SOURCE, percentiles  # noqa: E402

from zhengxie.proposals.demo.texts import LEAD_BY_CATEGORY  # noqa: E402
from zhengxie.proposals.intake import storage  # noqa: E402
from zhengxie.proposals.intake.engine import Example, suggest, train  # noqa: E402
from zhengxie.proposals.intake.evaluation import cross_validate  # noqa: E402


def real_register() -> list[Example]:
    path = SOURCE if SOURCE.exists() else FALLBACK
    csv.field_size_limit(10**9)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        Example(r["title"], r["content"].replace("\\n", "\n"), r["category"], ref=n + 1)
        for n, r in enumerate(rows)
    ]


def synthetic_register(real: list[Example], count: int, seed: int = 2022) -> list[Example]:
    """Texts recombined from the real ones' sentences, keeping the source's category; the
    lead unit is the category's usual unit, a co-unit now and then."""
    rng = random.Random(seed)
    split = [(e, [s for s in re.split(r"(?<=[。；！？])", e.text) if len(s) > 8]) for e in real]
    split = [(e, s) for e, s in split if s]
    units = [f"市{words[0]}" for words in LEAD_BY_CATEGORY.values()]
    made = []
    for n in range(count):
        example, sentences = rng.choice(split)
        own = rng.sample(sentences, min(len(sentences), rng.randint(15, 40)))
        other = [rng.choice(rng.choice(split)[1]) for _ in range(rng.randint(0, 2))]
        lead = f"市{LEAD_BY_CATEGORY[example.category][0]}"
        co = (rng.choice(units),) if rng.random() < 0.3 else ()
        text = "".join(own + other)
        made.append(Example(example.title, text, example.category, lead, co, ref=n + 1))
    return made


def confusion(examples: list[Example], folds: int) -> collections.Counter:
    """(true, first suggestion) for every miss of the first fold split."""
    from sklearn.model_selection import KFold

    misses = collections.Counter()
    for train_rows, test_rows in KFold(folds, shuffle=True, random_state=0).split(examples):
        model = train([examples[i] for i in train_rows])
        for i in test_rows:
            first = suggest(model, examples[i].title, examples[i].text, units=False).categories[0]
            if first.name != examples[i].category:
                misses[(examples[i].category, first.name)] += 1
    return misses


def calibration(examples: list[Example], folds: int) -> tuple[float, float]:
    from sklearn.model_selection import KFold

    scores, right = [], []
    for train_rows, test_rows in KFold(folds, shuffle=True, random_state=0).split(examples):
        model = train([examples[i] for i in train_rows])
        for i in test_rows:
            first = suggest(model, examples[i].title, examples[i].text, units=False).categories[0]
            scores.append(first.score)
            right.append(first.name == examples[i].category)
    return sum(scores) / len(scores), sum(right) / len(right)


def accuracy(real: list[Example], folds: int, shuffles: int) -> None:
    counts = collections.Counter(e.category for e in real)
    print(f"real register: {len(real)} proposals, {len(counts)} categories")
    runs = [cross_validate(real, folds=folds, seed=seed)["categories"] for seed in range(shuffles)]
    first = runs[0]
    print(f"  {folds}-fold, shuffle 0: top-1 {first['top1']:.1%}  top-3 {first['top3']:.1%}")
    for key in ("top1", "top3"):
        values = [run[key] for run in runs]
        print(
            f"  {key} over {shuffles} shuffles: mean {sum(values) / len(values):.1%}"
            f"  min {min(values):.1%}  max {max(values):.1%}"
        )
    mean_score, right = calibration(real, folds)
    print(f"  first suggestion: mean confidence {mean_score:.1%}, right {right:.1%}")
    print("  misses of the first suggestion (true -> suggested), shuffle 0:")
    for (truth, guess), n in confusion(real, folds).most_common(12):
        print(f"    {truth} -> {guess}: {n}   ({counts[truth]} in the register)")


def latency(model, queries: list[Example], label: str) -> None:
    for example in queries[:20]:  # warm the tokenizer's dictionary and numpy
        suggest(model, example.title, example.text)
    samples = []
    for example in queries:
        started = time.perf_counter()
        suggest(model, example.title, example.text)
        samples.append((time.perf_counter() - started) * 1000)
    print(f"  suggestion ({label}, {len(queries)} texts): {percentiles(samples)}")


def scale(real: list[Example], docs: int) -> None:
    register = synthetic_register(real, docs)
    chars = sum(len(e.title) + len(e.text) for e in register) / len(register)
    print(f"synthetic register: {docs} proposals, {chars:.0f} characters each on average")
    started = time.perf_counter()
    model = train(register)
    print(f"  training: {time.perf_counter() - started:.1f} s")
    data = storage.dumps(model)
    tracemalloc.start()
    loaded = storage.loads(data)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"  model: arrays {model.nbytes / 2**20:.1f} MB; loaded from its row "
        f"{peak / 2**20:.1f} MB (tracemalloc peak); stored {len(data) / 2**20:.1f} MB"
    )
    fresh = synthetic_register(real, 300, seed=7)
    latency(loaded, fresh, f"model of {docs}")
    units = cross_validate(synthetic_register(real, 2000, seed=3), folds=5)["units"]
    print(
        f"  lead units, 5-fold on 2,000 synthetic: top-1 {units['top1']:.1%}"
        f"  top-3 {units['top3']:.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--shuffles", type=int, default=10)
    parser.add_argument("--docs", type=int, default=10_000)
    args = parser.parse_args()
    real = real_register()
    accuracy(real, args.folds, args.shuffles)
    latency(train(real), real, "model of the real register")
    scale(real, args.docs)


if __name__ == "__main__":
    main()
