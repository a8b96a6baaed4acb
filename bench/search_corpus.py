"""Synthetic but realistic Chinese proposals for the search benchmarks.

Sentences of the 327 real proposals in ../shared/data (read at bench time only; the platform
and its tests never read it) are recombined: each text takes most of its sentences from one
real proposal (so topics cluster as real ones do) and a few from others, under a real title
with a varied subject.
"""

import csv
import random
import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[3] / "shared" / "data" / "jiangsu-2019-proposals.tsv"
FALLBACK = Path("/work/shared/data/jiangsu-2019-proposals.tsv")
SUBJECTS = ["我市", "城区", "农村", "县域", "社区", "中小学", "老旧小区", "开发区", "乡镇", "高校"]


def _load() -> list[tuple[str, list[str]]]:
    path = SOURCE if SOURCE.exists() else FALLBACK
    csv.field_size_limit(10**9)
    proposals = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            text = row["content"].replace("\\n", "").replace("省", "市")
            sentences = [s for s in re.split(r"(?<=[。；！？])", text) if len(s) > 8]
            if sentences:
                proposals.append((row["title"].replace("省", "市"), sentences))
    return proposals


def generate(count: int, *, seed: int = 2022, committees: int = 4):
    """Yield (n, committee_index, title, body) for `count` synthetic proposals."""
    rng = random.Random(seed)
    proposals = _load()
    for n in range(count):
        title, sentences = rng.choice(proposals)
        subject = rng.choice(SUBJECTS)
        title = re.sub(r"^关于", f"关于{subject}", title, count=1) if rng.random() < 0.5 else title
        own = rng.sample(sentences, min(len(sentences), rng.randint(3, 6)))
        other = [rng.choice(rng.choice(proposals)[1]) for _ in range(rng.randint(0, 2))]
        body = "".join(own + other)[: rng.randint(250, 600)]
        yield n, n % committees, title, body


def percentiles(samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    return f"p50 {at(0.5):.2f} ms  p95 {at(0.95):.2f} ms  max {ordered[-1]:.2f} ms"
