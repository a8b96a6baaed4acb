import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.workflow import apply
from zhengxie.jobs.models import Application, ApplicationState, Resume
from zhengxie.jobs.services.seekers import apply_to_job, delete_my_data, open_application

pytestmark = pytest.mark.django_db

MASKED = "138****1234"
FULL = "13871231234"


def _invite(application, owner):
    when = timezone.now() + dt.timedelta(days=2)
    return apply(application, "invite", owner, interview_at=when, interview_place="厂区办公楼")


def test_applying_needs_a_resume(job, seeker):
    with pytest.raises(ValidationError) as refused:
        apply_to_job(seeker=seeker, job=job)
    assert "简历" in refused.value.messages[0]


def test_the_number_is_masked_until_the_applicant_accepts(job, seeker, resume, owner):
    application = apply_to_job(seeker=seeker, job=job)
    assert application.shown_mobile == MASKED
    # viewed, then invited: still masked
    application = open_application(actor=owner, application=application)
    assert application.state == ApplicationState.VIEWED
    application = _invite(application, owner)
    assert application.shown_mobile == MASKED
    # accepted: shown
    application = apply(application, "accept", seeker)
    application.refresh_from_db()
    assert application.shown_mobile == FULL
    # hired: still shown
    assert apply(application, "hire", owner).shown_mobile == FULL


def test_withdrawing_masks_the_number_again(job, seeker, resume, owner):
    application = _invite(apply_to_job(seeker=seeker, job=job), owner)
    application = apply(application, "accept", seeker)
    application = apply(application, "withdraw", seeker)
    assert application.shown_mobile == MASKED


def test_an_interview_in_the_past_is_refused(job, seeker, resume, owner):
    application = apply_to_job(seeker=seeker, job=job)
    with pytest.raises(ValidationError):
        apply(application, "invite", owner, interview_at=timezone.now(), interview_place="厂区")
    application.refresh_from_db()
    assert application.state == ApplicationState.APPLIED


def test_only_the_hiring_employer_invites_and_only_the_applicant_accepts(
    city, job, seeker, resume, owner, office
):
    application = apply_to_job(seeker=seeker, job=job)
    other_owner = core.make_user(role=Role.RESIDENT, committee=city)
    for person in (seeker, other_owner, office, core.make_user(role=Role.MEMBER, committee=city)):
        with pytest.raises(PermissionDenied):
            _invite(application, person)
    invited = _invite(application, owner)
    for person in (owner, office, other_owner):
        with pytest.raises(PermissionDenied):
            apply(invited, "accept", person)


def test_one_live_application_per_job(job, seeker, resume):
    first = apply_to_job(seeker=seeker, job=job)
    with pytest.raises(ValidationError):
        apply_to_job(seeker=seeker, job=job)
    apply(first, "withdraw", seeker)
    assert apply_to_job(seeker=seeker, job=job).pk != first.pk


def test_both_sides_are_told(job, seeker, resume, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = apply_to_job(seeker=seeker, job=job)
    with django_capture_on_commit_callbacks(execute=True):
        application = _invite(application, owner)
    with django_capture_on_commit_callbacks(execute=True):
        apply(application, "accept", seeker)
    assert owner.notifications.filter(title__contains="新的投递").exists()
    assert seeker.notifications.filter(title__contains="邀请面试").exists()
    assert owner.notifications.filter(title__contains="已接受面试").exists()


def test_deleting_my_data_withdraws_and_leaves_no_number(job, seeker, resume, owner):
    application = _invite(apply_to_job(seeker=seeker, job=job), owner)
    # when
    assert delete_my_data(user=seeker) == 1
    # then
    application = Application.objects.get(pk=application.pk)
    assert application.state == ApplicationState.WITHDRAWN
    assert application.resume is None
    assert application.shown_mobile == ""
    assert not Resume.objects.filter(user=seeker).exists()
