import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core import factories as core
from zhengxie.core.workflow import apply
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
