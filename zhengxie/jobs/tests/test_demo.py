import random
import time
from collections import Counter

from django.utils import timezone

from zhengxie.core import demo as core_demo
from zhengxie.grassroots.models import Case, CaseState
from zhengxie.jobs import demo
from zhengxie.jobs.models import (
    Application,
    ApplicationState,
    Employer,
    Invitation,
    Job,
    JobReport,
    Resume,
)
from zhengxie.jobs.selectors.figures import figures
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
    # the talent pool: a third of the résumés open to verified employers, invitations
    # answered each way through the services
    assert Resume.objects.filter(is_public=True).count() == demo.SEEKERS // demo.VISIBLE_EVERY
    answers = Counter(Invitation.objects.values_list("answer", flat=True))
    assert answers == {"accepted": 1, "declined": 1, "pending": demo.INVITATIONS - 2}
    accepted = Invitation.objects.get(answer="accepted")
    assert Application.objects.filter(job=accepted.job, seeker=accepted.seeker).exists()
    # grassroots cases about work resolved by 推荐岗位, one of them leading to a hire
    cases = Case.objects.filter(job_referrals__isnull=False).distinct()
    assert cases.count() == len(demo.WORK_CASES)
    assert all(case.state == CaseState.RESOLVED for case in cases)
    found = figures(committee_ids=[c.pk for c in world.committees.values()], year=today.year)
    assert (found["cases_referred_to_jobs"], found["referral_hires"]) == (len(demo.WORK_CASES), 1)
    assert seconds < 60, seconds
