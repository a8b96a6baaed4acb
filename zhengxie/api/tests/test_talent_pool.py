"""人才库 over the API: a verified employer browses the visible résumés (numbers masked) and
invites a person to one of its open jobs; the person lists the invitations and answers them by
applying or declining, per role."""

import pytest

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.workflow import apply
from zhengxie.jobs import factories
from zhengxie.jobs.models import Application, Invitation, InvitationAnswer
from zhengxie.jobs.services.seekers import apply_to_job, save_resume
from zhengxie.jobs.services.talent import invite_to_apply

# The token's lookup and its last-used stamp, the person, the employer check, the page.
POOL_QUERIES = 7
# The token's lookup and its last-used stamp, the person, the page.
INVITATIONS_QUERIES = 6
MOBILE = "13871231234"


@pytest.fixture
def office(city):
    return core.make_user(role=Role.STAFF, committee=city)


@pytest.fixture
def visible(city):
    """A resident looking for work, her résumé in the pool, a number typed in her experience."""
    user = core.make_user(role=Role.RESIDENT, committee=city)
    return save_resume(
        user=user, name="李小梅", mobile=MOBILE, education="高中", is_public=True,
        experience=f"三年包装经验，联系电话{MOBILE}，身份证号420102199001011234",
    )  # fmt: skip


def test_a_verified_employer_reads_the_pool_with_every_number_masked(
    owner, employer, job, visible, seeker, api_as
):
    # given a résumé its owner keeps private
    save_resume(user=seeker, name="赵不公开", mobile="13500002222", is_public=False)
    # when
    response = api_as(owner).get("/jobs/talent")
    # then only the visible one, the numbers masked, the ID number too
    assert response.status_code == 200, response.content
    items = response.json()["items"]
    assert [(i["id"], i["name"], i["mobile"]) for i in items] == [
        (visible.pk, "李小梅", "138****1234")
    ]
    text = response.content.decode()
    for private in (MOBILE, "420102199001011234", "赵不公开", "13500002222"):
        assert private not in text
    assert "138****1234" in items[0]["experience"] and "420102********1234" in text
    # the jobs offered beside it are the employer's open ones
    offered = api_as(owner).get("/jobs/talent/jobs").json()
    assert [j["id"] for j in offered] == [job.pk]


def test_the_pool_filters_by_words_and_refuses_a_bad_town(owner, employer, visible, api_as, city):
    other = core.make_user(role=Role.RESIDENT, committee=city)
    save_resume(user=other, name="王厨师", mobile="13500003333", experience="川菜", is_public=True)
    client = api_as(owner)
    assert [i["name"] for i in client.get("/jobs/talent", q="川菜").json()["items"]] == ["王厨师"]
    response = client.get("/jobs/talent", town=987654)
    assert response.status_code == 400 and "town" in response.json()["error"]["fields"]


@pytest.mark.parametrize("who", ["guest", "seeker", "unverified", "office"])
def test_only_a_verified_employer_reads_the_pool(who, city, town, visible, seeker, office, api_as):
    person = {
        "guest": None,
        "seeker": seeker,
        "office": office,
        "unverified": factories.make_employer(committee=city, town=town, verified=False).owner,
    }[who]
    response = api_as(person).get("/jobs/talent")
    assert response.status_code == (401 if person is None else 403)
    assert "138****1234" not in response.content.decode()
    assert api_as(person).get("/jobs/talent/jobs").status_code == (401 if person is None else 403)


def test_an_employer_invites_and_the_seeker_accepts_by_applying(
    owner, job, visible, api_as, django_capture_on_commit_callbacks
):
    # when the employer invites
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(owner).post(f"/jobs/talent/{visible.pk}/invite", {"job_id": job.pk})
    assert response.status_code == 201, response.content
    assert visible.user.notifications.filter(kind="jobs.invitation").count() == 1
    # then the seeker sees it, pending
    seeker = api_as(visible.user)
    items = seeker.get("/jobs/invitations").json()["items"]
    assert [(i["job"]["id"], i["answer"]) for i in items] == [(job.pk, "pending")]
    # when the seeker accepts
    with django_capture_on_commit_callbacks(execute=True):
        accepted = seeker.post(f"/jobs/invitations/{items[0]['id']}/accept")
    # then an application is sent as 一键投递 sends it, the employer told, the invitation answered
    assert accepted.status_code == 201, accepted.content
    application = Application.objects.get(seeker=visible.user, job=job)
    assert accepted.json()["id"] == application.pk and application.history.exists()
    assert owner.notifications.filter(kind="jobs.employer", url__contains="applications").exists()
    invitation = Invitation.objects.get(job=job, seeker=visible.user)
    assert invitation.answer == InvitationAnswer.ACCEPTED and invitation.answered_at
    # and answering twice is refused, writing nothing
    again = seeker.post(f"/jobs/invitations/{invitation.pk}/decline")
    assert again.status_code == 400 and "已答复" in again.json()["error"]["message"]
    assert Invitation.objects.get(pk=invitation.pk).answer == InvitationAnswer.ACCEPTED


def test_declining_tells_the_employer_and_sends_nothing_of_the_seeker(
    owner, job, visible, api_as, django_capture_on_commit_callbacks
):
    invitation = invite_to_apply(actor=owner, job_id=job.pk, resume_id=visible.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(visible.user).post(f"/jobs/invitations/{invitation.pk}/decline")
    assert response.status_code == 200, response.content
    assert response.json()["answer"] == "declined"
    invitation.refresh_from_db()
    assert invitation.answer == InvitationAnswer.DECLINED
    told = owner.notifications.get(kind="jobs.employer")
    assert "婉拒" in told.title and "李小梅" not in told.title + told.body
    assert not Application.objects.exists()


def test_applying_from_the_job_page_answers_the_invitation(owner, job, visible):
    invitation = invite_to_apply(actor=owner, job_id=job.pk, resume_id=visible.pk)
    apply_to_job(seeker=visible.user, job=job)
    invitation.refresh_from_db()
    assert invitation.answer == InvitationAnswer.ACCEPTED


def test_accepting_an_invitation_to_a_closed_job_applies_nowhere(owner, job, visible, api_as):
    invitation = invite_to_apply(actor=owner, job_id=job.pk, resume_id=visible.pk)
    apply(job, "close", owner)
    response = api_as(visible.user).post(f"/jobs/invitations/{invitation.pk}/accept")
    assert response.status_code == 400 and "停止招聘" in response.json()["error"]["message"]
    invitation.refresh_from_db()
    assert invitation.answer == InvitationAnswer.PENDING and not Application.objects.exists()


@pytest.mark.parametrize("who", ["employer", "other_seeker"])
def test_nobody_answers_anothers_invitation(who, owner, job, visible, seeker, api_as):
    invitation = invite_to_apply(actor=owner, job_id=job.pk, resume_id=visible.pk)
    person = {"employer": owner, "other_seeker": seeker}[who]
    client = api_as(person)
    assert client.get("/jobs/invitations").json()["items"] == []
    for answer in ("accept", "decline"):
        assert client.post(f"/jobs/invitations/{invitation.pk}/{answer}").status_code == 404
    assert api_as(None).post(f"/jobs/invitations/{invitation.pk}/decline").status_code == 401
    invitation.refresh_from_db()
    assert invitation.answer == InvitationAnswer.PENDING


def test_an_invitation_to_anothers_job_or_a_hidden_resume_is_refused(
    city, town, owner, job, visible, seeker, api_as
):
    other_job = factories.make_job(employer=factories.make_employer(committee=city, town=town))
    client = api_as(owner)
    response = client.post(f"/jobs/talent/{visible.pk}/invite", {"job_id": other_job.pk})
    assert response.status_code == 403
    hidden = save_resume(user=seeker, name="赵不公开", mobile="13500002222", is_public=False)
    assert client.post(f"/jobs/talent/{hidden.pk}/invite", {"job_id": job.pk}).status_code == 403
    assert (
        api_as(seeker).post(f"/jobs/talent/{visible.pk}/invite", {"job_id": job.pk}).status_code
        == 403
    )
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("count", [2, 25])
def test_the_pool_and_the_invitations_read_in_the_same_queries_at_any_size(
    city, owner, employer, office, api_as, django_assert_max_num_queries, count
):
    jobs = [factories.make_job(employer=employer, office=office, title=f"岗位{i}")
            for i in range(count)]  # fmt: skip
    seeker = None
    for i in range(count):
        seeker = core.make_user(role=Role.RESIDENT, committee=city)
        resume = save_resume(user=seeker, name=f"求职者{i}", mobile=f"1387123{i:04d}",
                             is_public=True)  # fmt: skip
        invite_to_apply(actor=owner, job_id=jobs[i].pk, resume_id=resume.pk)
    for job in jobs[:-1]:  # the last seeker is invited to every job
        invite_to_apply(actor=owner, job_id=job.pk, resume_id=resume.pk)
    for person, path, limit in (
        (owner, "/jobs/talent", count),
        (seeker, "/jobs/invitations", count),
    ):
        client = api_as(person)
        client.get("/me")  # the token's last-used stamp is fresh
        queries = POOL_QUERIES if path == "/jobs/talent" else INVITATIONS_QUERIES
        with django_assert_max_num_queries(queries):
            response = client.get(path, limit=50)
        assert response.status_code == 200 and len(response.json()["items"]) == limit
