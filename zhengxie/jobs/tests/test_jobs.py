import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.workflow import WorkflowError, apply, override
from zhengxie.jobs import factories
from zhengxie.jobs.models import Job, JobReport, JobState, ReportState
from zhengxie.jobs.selectors.search import JobQuery, search_jobs
from zhengxie.jobs.services.jobs import edit_job, expire_jobs, submit_job
from zhengxie.jobs.services.reports import report_job

pytestmark = pytest.mark.django_db


def _fields(employer, **overrides):
    return factories.job_fields(committee=employer.committee, town=employer.town, **overrides)


# --- 薪资透明: a listing without pay cannot be saved ------------------------------------


@pytest.mark.parametrize(
    ("pay", "field"),
    [
        ({"pay_min": None}, "pay_min"),
        ({"pay_max": None}, "pay_max"),
        ({"pay_min": 0, "pay_max": 0}, "pay_min"),
        ({"pay_min": 5000, "pay_max": 3000}, "pay_max"),
    ],
)
def test_a_listing_without_a_pay_range_is_refused(employer, owner, pay, field):
    with pytest.raises(ValidationError) as refused:
        submit_job(actor=owner, employer=employer, fields=_fields(employer, **pay))
    assert field in refused.value.error_dict
    assert not Job.objects.exists()


def test_the_table_itself_refuses_a_listing_without_pay(employer):
    job = Job(
        committee=employer.committee, employer=employer, title="面议岗位",
        category=factories.make_category(committee=employer.committee), town=employer.town,
        address="某地", hours="白班", headcount=1, pay_min=0, pay_max=0,
    )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        job.save()


def test_open_days_beyond_sixty_are_refused(employer, owner):
    with pytest.raises(ValidationError) as refused:
        submit_job(actor=owner, employer=employer, fields=_fields(employer, open_days=61))
    assert "open_days" in refused.value.error_dict


# --- fee words, review, publication ---------------------------------------------------------


def test_fee_words_flag_the_listing_on_submission(employer, owner):
    fields = _fields(employer, description="入职需交押金200元和培训费")
    job = submit_job(actor=owner, employer=employer, fields=fields)
    job.refresh_from_db()
    assert job.fee_words == "押金、培训费"
    assert job.state == JobState.PENDING


def test_approval_publishes_for_its_days_at_most(employer, owner, office):
    job = submit_job(actor=owner, employer=employer, fields=_fields(employer, open_days=60))
    published = apply(job, "approve", office)
    published.refresh_from_db()
    assert published.state == JobState.OPEN
    assert published.expires_on == timezone.localdate() + dt.timedelta(days=60)


def test_an_unverified_employers_job_cannot_be_approved(city, office):
    employer = factories.make_employer(committee=city, verified=False)
    job = submit_job(actor=employer.owner, employer=employer, fields=_fields(employer))
    with pytest.raises(WorkflowError):
        apply(job, "approve", office)
    job.refresh_from_db()
    assert job.state == JobState.PENDING


def test_an_unverified_employers_job_never_shows_even_when_forced_open(city, office):
    # given an employer whose verification the office withdrew after a job was published
    employer = factories.make_employer(committee=city, office=office)
    job = factories.make_job(employer=employer, office=office, title="仓库管理员")
    override(employer, target="pending", actor=office, reason="执照过期，重新核验")
    # when / then
    assert search_jobs(JobQuery()).jobs == []
    assert search_jobs(JobQuery(text="仓库")).jobs == []
    assert job.pk not in [j.pk for j in search_jobs(JobQuery(town_id=job.town_id)).jobs]


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.MEMBER, Role.LEADER, Role.CONVENOR])
def test_only_the_office_approves_a_job(city, employer, owner, role):
    job = submit_job(actor=owner, employer=employer, fields=_fields(employer))
    for person in (owner, core.make_user(role=role, committee=city)):
        with pytest.raises(PermissionDenied):
            apply(job, "approve", person)


def test_another_account_cannot_post_for_an_employer(city, employer):
    stranger = core.make_user(role=Role.RESIDENT, committee=city)
    with pytest.raises(PermissionDenied):
        submit_job(actor=stranger, employer=employer, fields=_fields(employer))


def test_a_rejected_job_corrected_goes_back_to_review_without_its_fee_flag(employer, owner, office):
    job = submit_job(actor=owner, employer=employer, fields=_fields(employer, benefits="收押金"))
    apply(job, "reject", office, reason="不得收取押金")
    # when
    edited = edit_job(actor=owner, job=job, fields=_fields(employer, benefits="包吃住"))
    # then
    edited.refresh_from_db()
    assert edited.state == JobState.PENDING
    assert edited.fee_words == ""


# --- expiry hides jobs --------------------------------------------------------------------


def test_expiry_hides_jobs_from_the_day_after_their_date(job):
    today = timezone.localdate()
    assert [j.pk for j in search_jobs(JobQuery(), today=job.expires_on).jobs] == [job.pk]
    after = job.expires_on + dt.timedelta(days=1)
    assert search_jobs(JobQuery(), today=after).jobs == []
    assert search_jobs(JobQuery(text="包装"), today=after).jobs == []
    assert job.expires_on > today


def test_the_daily_task_closes_expired_jobs_and_drops_them_from_the_index(job):
    assert expire_jobs(today=job.expires_on) == 0
    assert expire_jobs(today=job.expires_on + dt.timedelta(days=1)) == 1
    job.refresh_from_db()
    assert job.state == JobState.CLOSED
    assert search_jobs(JobQuery(text="包装")).jobs == []


# --- reports --------------------------------------------------------------------------------


def test_handling_a_report_takes_the_listing_down_and_settles_the_others(city, job, office):
    first = report_job(reporter=core.make_user(), job=job, reason="要求先交钱")
    second = report_job(reporter=core.make_user(), job=job, reason="虚假招聘")
    # when
    apply(first, "take_down", office, reason="核实收费")
    # then
    job.refresh_from_db()
    assert job.state == JobState.CLOSED
    states = dict(JobReport.objects.values_list("pk", "state"))
    assert states == {first.pk: ReportState.HANDLED, second.pk: ReportState.HANDLED}


def test_a_dismissed_report_leaves_the_listing_open(job, office):
    report = report_job(reporter=core.make_user(), job=job, reason="看错了")
    apply(report, "dismiss", office)
    job.refresh_from_db()
    assert job.state == JobState.OPEN


def test_a_person_reports_a_listing_once_while_it_is_open(job):
    reporter = core.make_user()
    report_job(reporter=reporter, job=job, reason="收费")
    with pytest.raises(ValidationError):
        report_job(reporter=reporter, job=job, reason="收费")


def test_a_county_office_cannot_handle_a_city_report(county, job):
    report = report_job(reporter=core.make_user(), job=job, reason="收费")
    with pytest.raises(PermissionDenied):
        apply(report, "take_down", core.make_user(role=Role.STAFF, committee=county))


def test_the_daily_command_closes_jobs_past_their_date(job):
    from io import StringIO

    from django.core.management import call_command

    job.expires_on = timezone.localdate() - dt.timedelta(days=1)
    job.save(update_fields=["expires_on"])
    out = StringIO()
    call_command("close_expired_jobs", stdout=out)
    job.refresh_from_db()
    assert job.state == JobState.CLOSED
    assert "1" in out.getvalue()
