"""推荐岗位: a case about work resolved by referring its reporter to open jobs, per role."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.workflow import apply
from zhengxie.grassroots.factories import make_case
from zhengxie.grassroots.models import CaseJobReferral, CaseState
from zhengxie.grassroots.services.job_referrals import refer_case_to_jobs
from zhengxie.jobs import factories as jobs
from zhengxie.jobs.models import Job
from zhengxie.jobs.selectors.figures import figures


@pytest.fixture
def employer(county, town, county_staff):
    return jobs.make_employer(committee=county, town=town, office=county_staff, name="洪山食品厂")


@pytest.fixture
def job(employer, county_staff):
    return jobs.make_job(employer=employer, office=county_staff, title="包装工")


@pytest.fixture
def second_job(employer, county_staff):
    return jobs.make_job(employer=employer, office=county_staff, title="叉车司机")


@pytest.fixture
def case(venue, resident):
    return make_case(
        venue=venue, state=CaseState.CONSULTING, reporter=resident, title="返乡后找不到工作"
    )


def _post(client, user, case, *jobs_referred):
    if user is not None:
        client.force_login(user)
    url = reverse("grassroots:case_job_referral", args=[case.pk])
    return client.post(url, {"jobs": [j.pk for j in jobs_referred]})


@pytest.mark.parametrize("role", ["county_staff", "convenor"])
def test_staff_and_the_convenor_resolve_the_case_with_the_jobs(
    role, request, client, case, job, second_job, resident, django_capture_on_commit_callbacks
):
    actor = request.getfixturevalue(role)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, actor, case, job, second_job)
    # then the case is resolved by the workflow step, with history, and records the jobs
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.RESOLVED
    assert case.resolved_on == timezone.localdate()
    last = case.history.first()
    assert (last.history_user, last.history_change_reason) == (actor, "推荐岗位并办结")
    referred = CaseJobReferral.objects.filter(case=case).order_by("id")
    assert [(r.job, r.referred_by) for r in referred] == [(job, actor), (second_job, actor)]
    assert case.events.filter(action="refer_to_job", note__contains="包装工").exists()
    # and the reporter gets the links to apply
    told = resident.notifications.get(kind="grassroots.job_referral")
    assert told.url == job.get_absolute_url()
    assert second_job.get_absolute_url() in told.body


@pytest.mark.parametrize("role", ["member", "resident"])
def test_a_member_and_the_reporter_may_not_refer(role, request, client, case, job):
    person = request.getfixturevalue(role)
    response = _post(client, getattr(person, "user", person), case, job)
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.state == CaseState.CONSULTING
    assert not CaseJobReferral.objects.exists()


def test_a_guest_is_sent_to_sign_in(client, case, job):
    response = _post(client, None, case, job)
    assert response.status_code == 302
    assert "login" in response.url
    assert not CaseJobReferral.objects.exists()


def test_the_form_shows_only_to_those_who_may_refer(client, case, job, convenor, member):
    url = reverse("grassroots:case_detail", args=[case.pk])
    client.force_login(convenor)
    page = client.get(url).content.decode()
    assert 'data-testid="job-referral-form"' in page and "包装工" in page
    client.force_login(member.user)
    assert 'data-testid="job-referral-form"' not in client.get(url).content.decode()


def test_a_closed_job_cannot_be_referred(case, job, second_job, convenor, employer):
    apply(job, "close", employer.owner)
    with pytest.raises(ValidationError, match=r"包装工.*已停止招聘"):
        refer_case_to_jobs(actor=convenor, case=case, job_ids=[second_job.pk, job.pk])
    case.refresh_from_db()
    assert case.state == CaseState.CONSULTING
    assert not CaseJobReferral.objects.exists()


def test_an_expired_job_cannot_be_referred(client, case, job, convenor):
    Job.objects.filter(pk=job.pk).update(expires_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match=r"包装工.*已过截止日期"):
        refer_case_to_jobs(actor=convenor, case=case, job_ids=[job.pk])
    # the page does not offer it, and a stale form posting it changes nothing
    response = _post(client, convenor, case, job)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.CONSULTING
    assert not CaseJobReferral.objects.exists()


def test_a_raised_case_is_accepted_first(town, resident, job, county_staff):
    raised = make_case(town=town, reporter=resident)
    with pytest.raises(PermissionDenied):
        refer_case_to_jobs(actor=county_staff, case=raised, job_ids=[job.pk])


def test_referrals_count_in_the_job_figures(county, case, job, second_job, convenor):
    before = figures(committee_ids=[county.pk], year=timezone.localdate().year)["referrals"]
    refer_case_to_jobs(actor=convenor, case=case, job_ids=[job.pk, second_job.pk])
    after = figures(committee_ids=[county.pk], year=timezone.localdate().year)["referrals"]
    assert after - before == 2
