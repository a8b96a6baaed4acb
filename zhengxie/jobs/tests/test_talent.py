"""人才库: visible résumés for verified employers, numbers masked, and invitations to apply."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.workflow import apply
from zhengxie.jobs import factories
from zhengxie.jobs.models import Invitation
from zhengxie.jobs.services.seekers import apply_to_job, delete_my_data, save_resume
from zhengxie.jobs.services.talent import invite_to_apply

MOBILE = "13871231234"


def _visible_resume(user, *, mobile=MOBILE, name="李小梅", is_public=True):
    return save_resume(
        user=user, name=name, mobile=mobile, education="高中", experience="三年包装经验",
        is_public=is_public,
    )  # fmt: skip


@pytest.fixture
def visible(city):
    """A member of the committee looking for work, her résumé in the pool."""
    member = core.make_member(committee=city, with_account=True, mobile="13900001111")
    return _visible_resume(member.user)


def _page(user, **params):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(reverse("jobs:talent_pool"), params)


def test_a_verified_employer_sees_visible_resumes_with_the_number_masked(
    city, owner, employer, visible
):
    hidden = _visible_resume(
        core.make_user(), name="赵不公开", mobile="13500002222", is_public=False
    )
    response = _page(owner)
    assert response.status_code == 200
    page = response.content.decode()
    assert "李小梅" in page and "138****1234" in page
    # the full numbers, the member's record and the hidden résumé are nowhere on the page
    for private in (MOBILE, "13900001111", hidden.name, hidden.mobile, "身份证", "住址"):
        assert private not in page


def test_search_narrows_by_words(owner, employer, visible):
    _visible_resume(core.make_user(), name="王厨师", mobile="13500003333")
    page = _page(owner, q="包装").content.decode()
    assert page.count('data-testid="resume"') == 2
    save_resume(user=visible.user, name="李小梅", mobile=MOBILE, experience="会计", is_public=True)
    page = _page(owner, q="包装").content.decode()
    assert "李小梅" not in page and "王厨师" in page


def test_the_pool_costs_the_same_queries_at_any_size(owner, employer, job):
    def visit() -> tuple[int, int]:
        client = Client()
        client.force_login(owner)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("jobs:talent_pool")).content.decode()
        return len(queries), page.count('data-testid="resume"')

    for n in range(2):
        _visible_resume(core.make_user(), mobile=f"1387100{n:04d}")
    few, shown = visit()
    assert shown == 2
    for n in range(2, 9):
        _visible_resume(core.make_user(), mobile=f"1387100{n:04d}")
    many, shown = visit()
    assert shown == 9
    assert many <= few


def test_guests_unverified_employers_and_people_without_one_are_refused(city, town, visible):
    unverified = factories.make_employer(committee=city, town=town, verified=False)
    staff = core.make_user(role=Role.STAFF, committee=city)
    member = core.make_member(committee=city, with_account=True)
    for person in (None, unverified.owner, member.user, staff):
        response = _page(person)
        assert response.status_code == 403
        assert "138****1234" not in response.content.decode()


def test_an_invitation_tells_the_seeker_who_then_applies_as_anyone_does(
    owner, job, visible, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(owner)
    url = reverse("jobs:talent_invite", args=[visible.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"job": job.pk})
    assert response.status_code == 302
    told = visible.user.notifications.get(kind="jobs.invitation")
    assert told.url == job.get_absolute_url() and job.title in told.title
    # once per job and person
    client.post(url, {"job": job.pk})
    assert Invitation.objects.filter(job=job, seeker=visible.user).count() == 1
    # the seeker decides by applying; nothing was sent to the employer before
    assert not job.applications.exists()
    application = apply_to_job(seeker=visible.user, job=job)
    assert application.shown_mobile == "138****1234"


def test_only_own_open_jobs_and_visible_resumes(city, town, owner, employer, job, visible, seeker):
    other = factories.make_job(employer=factories.make_employer(committee=city, town=town))
    with pytest.raises(PermissionDenied):
        invite_to_apply(actor=owner, job_id=other.pk, resume_id=visible.pk)
    hidden = _visible_resume(seeker, mobile="13500004444", is_public=False)
    with pytest.raises(PermissionDenied):
        invite_to_apply(actor=owner, job_id=job.pk, resume_id=hidden.pk)
    apply(job, "close", owner)
    with pytest.raises(ValidationError, match="已停止招聘"):
        invite_to_apply(actor=owner, job_id=job.pk, resume_id=visible.pk)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["guest", "member_without_employer", "unverified"])
def test_those_refused_the_pool_cannot_invite(who, city, town, job, visible):
    person = {
        "guest": lambda: None,
        "member_without_employer": lambda: core.make_member(committee=city, with_account=True).user,
        "unverified": lambda: (
            factories.make_employer(committee=city, town=town, verified=False).owner
        ),
    }[who]()
    client = Client()
    if person is not None:
        client.force_login(person)
    response = client.post(reverse("jobs:talent_invite", args=[visible.pk]), {"job": job.pk})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_deleting_my_data_takes_the_invitations_too(owner, job, visible):
    invite_to_apply(actor=owner, job_id=job.pk, resume_id=visible.pk)
    delete_my_data(user=visible.user)
    assert not Invitation.objects.exists()


def test_numbers_typed_into_the_experience_are_masked_in_the_pool(city, owner, employer):
    # given a résumé whose experience carries the person's numbers, as people write them
    user = core.make_user(role=Role.RESIDENT, committee=city, mobile="13600005555")
    save_resume(
        user=user, name="周大勇", mobile=MOBILE, is_public=True,
        experience="开过叉车，电话 138-7123-1234，备用13600005555，身份证42010219900101123X。",
    )  # fmt: skip
    # when
    page = _page(owner).content.decode()
    # then the pool shows the row with every number masked, the account's number nowhere
    assert "周大勇" in page and "开过叉车" in page
    for private in ("138-7123-1234", MOBILE, "13600005555", "42010219900101123X"):
        assert private not in page
    assert "136****5555" in page and "420102********123X" in page


def test_the_pool_search_matches_only_what_the_employer_reads(city, owner, employer):
    # given a résumé whose experience carries a number the pool masks
    user = core.make_user(role=Role.RESIDENT, committee=city)
    save_resume(
        user=user, name="周大勇", mobile=MOBILE, is_public=True,
        experience="开过叉车，电话 13600005555，身份证42010219900101123X。",
    )  # fmt: skip
    # then searching for the hidden digits finds nothing
    for probe in ("13600005555", "600005", "19900101", "42010219900101123X"):
        assert "周大勇" not in _page(owner, q=probe).content.decode(), probe
    # and what the page shows, or the words, still find it
    for shown in ("136****5555", "5555", "叉车"):
        assert "周大勇" in _page(owner, q=shown).content.decode(), shown


def test_editing_the_experience_keeps_its_masked_copy_in_step(visible):
    save_resume(
        user=visible.user, name=visible.name, mobile=MOBILE, experience="电话13600005555",
        is_public=True,
    )  # fmt: skip
    visible.refresh_from_db()
    assert visible.shown_experience == "电话136****5555"


def _my_applications(user):
    client = Client()
    client.force_login(user)
    return client, client.get(reverse("jobs:my_applications"))


def test_the_invited_person_applies_from_my_applications_in_one_tap(owner, job, visible):
    # given an invitation to apply
    invitation = invite_to_apply(actor=owner, job_id=job.pk, resume_id=visible.pk)
    # when the person opens 我的投递
    client, page = _my_applications(visible.user)
    # then the invitation is there with its two answers
    assert job.title in page.content.decode()
    accept = reverse("jobs:invitation_accept", args=[invitation.pk])
    assert accept in page.content.decode()
    # and 一键投递 applies as the job page does
    response = client.post(accept)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.get_answer_display() == "已投递"
    assert job.applications.get().seeker == visible.user
    # and the answered invitation offers no second answer
    assert accept not in client.get(reverse("jobs:my_applications")).content.decode()


def test_declining_tells_the_employer_without_the_persons_name(
    owner, job, visible, django_capture_on_commit_callbacks
):
    invitation = invite_to_apply(actor=owner, job_id=job.pk, resume_id=visible.pk)
    client, _page = _my_applications(visible.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs:invitation_decline", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.get_answer_display() == "已婉拒"
    assert not job.applications.exists()
    told = owner.notifications.filter(title__contains="婉拒").get()
    assert visible.name not in told.title + told.body
    # a second answer is refused by name, and changes nothing
    response = client.post(reverse("jobs:invitation_decline", args=[invitation.pk]), follow=True)
    assert "该邀请已答复" in response.content.decode()
    assert not job.applications.exists()


def test_nobody_else_can_answer_an_invitation(owner, job, visible, seeker):
    invitation = invite_to_apply(actor=owner, job_id=job.pk, resume_id=visible.pk)
    for who in (owner, seeker):
        client = Client()
        client.force_login(who)
        for step in ("jobs:invitation_accept", "jobs:invitation_decline"):
            assert client.post(reverse(step, args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.get_answer_display() == "待答复"


@pytest.mark.parametrize("count", [1, 6])
def test_my_applications_reads_invitations_in_the_same_queries_at_any_size(
    owner, employer, office, visible, count, django_assert_max_num_queries
):
    for _ in range(count):
        job = factories.make_job(employer=employer, office=office)
        invite_to_apply(actor=owner, job_id=job.pk, resume_id=visible.pk)
    client = Client()
    client.force_login(visible.user)
    client.get(reverse("jobs:my_applications"))
    with django_assert_max_num_queries(8):
        page = client.get(reverse("jobs:my_applications"))
    assert page.content.decode().count('data-testid="invitation"') == count
