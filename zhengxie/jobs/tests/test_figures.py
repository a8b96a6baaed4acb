import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core import factories as core
from zhengxie.core.workflow import apply
from zhengxie.grassroots import factories as grassroots_factories
from zhengxie.grassroots.models import CaseState
from zhengxie.grassroots.services.job_referrals import refer_case_to_jobs
from zhengxie.insights.review import paragraphs
from zhengxie.insights.selectors import compute_annual_figures
from zhengxie.jobs import factories
from zhengxie.jobs.selectors.figures import figures
from zhengxie.jobs.services.employers import link_member
from zhengxie.jobs.services.seekers import apply_to_job

pytestmark = pytest.mark.django_db


def _hire(job, seeker, owner):
    application = apply_to_job(seeker=seeker, job=job)
    when = timezone.now() + dt.timedelta(days=1)
    application = apply(application, "invite", owner, interview_at=when, interview_place="厂区")
    application = apply(application, "accept", seeker)
    return apply(application, "hire", owner)


def test_figures_count_jobs_employers_applications_interviews_and_hires(
    city, county, employer, owner, office, seeker, resume
):
    # given a member's enterprise with two jobs, one hire and one plain application
    link_member(actor=office, employer=employer, member=core.make_member(committee=city))
    first = factories.make_job(employer=employer, office=office, title="焊工")
    second = factories.make_job(employer=employer, office=office, title="电工")
    _hire(first, seeker, owner)
    other = core.make_user()
    factories.make_resume(user=other, mobile="13871230000")
    apply_to_job(seeker=other, job=second)
    factories.make_job(employer=employer, publish=False, title="待审")
    year = timezone.localdate().year
    # when
    found = figures(committee_ids=[city.pk], year=year)
    # then
    assert {k: found[k] for k in ("jobs_posted", "verified_employers", "member_enterprises_hiring",
                                  "job_applications", "interviews", "hires")} == {
        "jobs_posted": 2, "verified_employers": 1, "member_enterprises_hiring": 1,
        "job_applications": 2, "interviews": 1, "hires": 1,
    }  # fmt: skip
    assert found["by_town"] == [
        {"name": employer.town.name, "jobs": 2, "applications": 2, "interviews": 1, "hires": 1}
    ]
    assert {row["name"] for row in found["by_category"]} == {"普工"}
    assert figures(committee_ids=[county.pk], year=year)["jobs_posted"] == 0
    assert figures(committee_ids=[city.pk], year=year - 1)["jobs_posted"] == 0


def test_the_annual_review_has_a_paragraph_on_stable_employment(city, job, seeker, resume, owner):
    _hire(job, seeker, owner)
    year = timezone.localdate().year
    review = dict(paragraphs(compute_annual_figures(committee=city, year=year)))
    assert "发布岗位1个" in review["稳就业"]
    assert "实现录用1人" in review["稳就业"]


def test_the_review_counts_cases_referred_to_jobs_and_the_hires_from_them(
    city, town, employer, office, owner, seeker, resume
):
    # given two cases about work resolved by 推荐岗位: one reporter hired at a referred job,
    # the other hired at a job the case did not refer (not a hire from the referral)
    convenor, venue = grassroots_factories.make_convenor_venue(committee=city, town=town)
    first_job = factories.make_job(employer=employer, office=office, title="焊工")
    second_job = factories.make_job(employer=employer, office=office, title="电工")
    other = core.make_user()
    factories.make_resume(user=other, mobile="13871230000")
    for reporter in (seeker, other):
        case = grassroots_factories.make_case(
            venue=venue, state=CaseState.CONSULTING, reporter=reporter, title="找不到工作"
        )
        refer_case_to_jobs(actor=convenor, case=case, job_ids=[first_job.pk])
    _hire(first_job, seeker, owner)
    _hire(second_job, other, owner)
    year = timezone.localdate().year
    # when
    found = figures(committee_ids=[city.pk], year=year)
    review = dict(paragraphs(compute_annual_figures(committee=city, year=year)))
    # then
    assert (found["cases_referred_to_jobs"], found["referral_hires"], found["hires"]) == (2, 1, 2)
    assert "反映就业问题的2件通过推荐岗位办结，其中1人经推荐实现录用" in review["稳就业"]
    # another committee's review and another year count none of them
    county_found = figures(committee_ids=[core.make_committee(code="x", name="外县").pk], year=year)
    assert (county_found["cases_referred_to_jobs"], county_found["referral_hires"]) == (0, 0)
    assert figures(committee_ids=[city.pk], year=year - 1)["cases_referred_to_jobs"] == 0
