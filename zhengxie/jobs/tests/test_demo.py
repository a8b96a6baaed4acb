import random
import time

from django.utils import timezone

from zhengxie.core import demo as core_demo
from zhengxie.jobs import demo
from zhengxie.jobs.models import Application, ApplicationState, Employer, Job, JobReport
from zhengxie.jobs.selectors.search import JobQuery, search_jobs


def test_the_demo_board_is_made_through_the_services_and_fast(db):
    world = core_demo.DemoWorld(rng=random.Random(2022))
    core_demo.seed(world)
    # when
    started = time.monotonic()
    demo.seed(world)
    seconds = time.monotonic() - started
    # then
    assert Employer.objects.count() == 40
    assert Employer.objects.filter(state="pending").count() == 4
    assert Employer.objects.filter(member__isnull=False).count() == 8
    today = timezone.localdate()
    expired = [j for j in Job.objects.filter(state="open") if j.is_expired(today)]
    assert len(expired) == 1
    first_page = search_jobs(JobQuery())
    assert len(first_page.jobs) == 20 and first_page.next_cursor
    assert all(2500 <= j.pay_min <= j.pay_max <= 8500 for j in Job.objects.all())
    assert Application.objects.filter(state=ApplicationState.HIRED).exists()
    assert JobReport.objects.filter(state="open").count() == 1
    assert Job.objects.filter(state="pending").exclude(fee_words="").count() == 1
    assert seconds < 60, seconds
