"""Time the opinion pages and the figures selector on the demo world.

Run after `make demo` (or with ZHENGXIE_VAR_DIR pointing at a seeded database):
    .venv/bin/python bench/opinions_pages.py
Prints the median and p95 in milliseconds over a bounded number of requests per page.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.test import Client  # noqa: E402

from zhengxie.core.models import Committee, User  # noqa: E402
from zhengxie.opinions import selectors  # noqa: E402
from zhengxie.opinions.models import BulletinIssue  # noqa: E402

ROUNDS = 30


def timed(call) -> tuple[float, float]:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def page(client: Client, url: str):
    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return get


def main() -> None:
    everyone = list(Committee.objects.values_list("id", flat=True))
    office, leader = Client(), Client()
    office.force_login(User.objects.get(username="suizhou_info"))
    leader.force_login(User.objects.get(username="leader"))
    issue = BulletinIssue.objects.order_by("-number").first()
    cases = {
        "figures (4 committees, 2022)": lambda: selectors.figures(
            committee_ids=everyone, year=2022
        ),
        "queue page": page(office, "/opinions/queue/"),
        "bulletin builder": page(office, "/opinions/bulletins/"),
        "bulletin Word file": page(office, f"/opinions/bulletins/{issue.pk}/docx/"),
        "leaders' overview": page(leader, "/opinions/overview/?year=2022"),
    }
    for name, call in cases.items():
        median, p95 = timed(call)
        print(f"{name:<30} median {median:6.1f} ms   p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main()
