"""The demo's real proposal texts (see the package docstring for their source)."""

import csv
import gzip
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "demo_data" / "proposals.tsv.gz"


def load_rows() -> list[dict]:
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))
