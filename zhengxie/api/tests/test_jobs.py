"""The job board over the API: guests search and read jobs, a seeker applies with their résumé
and follows their applications, an employer reads their jobs and the applications received
with the applicant's number masked as on the web."""

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.workflow import apply
from zhengxie.jobs import factories
from zhengxie.jobs.models import Application
from zhengxie.jobs.services.seekers import apply_to_job

# The token's lookup and its last-used stamp, the person, the page.
LIST_QUERIES = 6
# A guest's search: the home committee, the page of jobs.
SEARCH_QUERIES = 3


@pytest.fixture
def office(city):
    """The job board's office, as in the jobs app's tests (the other fixtures come from there
    through this folder's conftest)."""
    return core.make_user(role=Role.STAFF, committee=city)


def test_a_guest_searches_and_reads_open_jobs_only(job, employer, town, api_as):
    pending = factories.make_job(employer=employer, publish=False, title="待审岗位")
    guest = api_as(None)
    body = guest.get("/jobs", town=town.pk).json()
    assert [item["id"] for item in body["items"]] == [job.pk] and body["next"] is None
    detail = guest.get(f"/jobs/{job.pk}").json()
    assert (detail["title"], detail["applied"], detail["has_resume"]) == ("包装工", False, False)
    assert guest.get(f"/jobs/{pending.pk}").status_code == 404
    # the employer reads their own pending job
    assert api_as(employer.owner).get(f"/jobs/{pending.pk}").status_code == 200


def test_search_pages_by_cursor_and_refuses_bad_filters(employer, office, api_as):
    jobs = [factories.make_job(employer=employer, office=office, title=f"岗位{i}")
            for i in range(3)]  # fmt: skip
    guest = api_as(None)
    first = guest.get("/jobs", limit=2).json()
    seen = [item["id"] for item in first["items"]]
    second = guest.get("/jobs", cursor=first["next"]).json()
    seen += [item["id"] for item in second["items"]]
    assert sorted(seen) == sorted(j.pk for j in jobs) and len(set(seen)) == len(seen)
    response = guest.get("/jobs", days=2)
    assert response.status_code == 400 and "days" in response.json()["error"]["fields"]


def test_a_seeker_applies_with_their_resume_and_sees_it(job, seeker, resume, api_as):
    client = api_as(seeker)
    response = client.post(f"/jobs/{job.pk}/apply")
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "applied"
    assert Application.objects.get(seeker=seeker).history.exists()
    items = client.get("/jobs/applications/mine").json()["items"]
    assert [(i["job_id"], i["employer_name"]) for i in items] == [(job.pk, job.employer.name)]
    assert client.get(f"/jobs/{job.pk}").json()["applied"] is True
    # a second tap is refused and writes nothing
    again = client.post(f"/jobs/{job.pk}/apply")
    assert again.status_code == 400 and "已投递" in again.json()["error"]["message"]
    assert Application.objects.count() == 1


def test_without_a_resume_the_seeker_is_told_to_write_one(job, seeker, api_as):
    response = api_as(seeker).post(f"/jobs/{job.pk}/apply")
    assert response.status_code == 400 and "简历" in response.json()["error"]["message"]
    assert not Application.objects.exists()
    assert api_as(None).post(f"/jobs/{job.pk}/apply").status_code == 401


def test_the_employer_sees_the_number_masked_until_the_interview_is_accepted(
    job, owner, seeker, resume, api_as
):
    application = apply_to_job(seeker=seeker, job=job)
    client = api_as(owner)
    received = client.get("/jobs/employer/applications").json()["items"]
    assert [(r["applicant_name"], r["mobile"]) for r in received] == [("李小梅", "138****1234")]
    when = timezone.now() + dt.timedelta(days=2)
    apply(application, "invite", owner, interview_at=when, interview_place="厂区办公楼")
    apply(Application.objects.get(pk=application.pk), "accept", seeker)
    received = client.get("/jobs/employer/applications").json()["items"]
    assert received[0]["mobile"] == "13871231234"
    # the seeker has no employer: nothing received, no jobs
    assert api_as(seeker).get("/jobs/employer/applications").json()["items"] == []
    mine = client.get("/jobs/employer/jobs").json()["items"]
    assert [(j["id"], j["applied"], j["live"]) for j in mine] == [(job.pk, 1, 1)]
    assert api_as(seeker).get("/jobs/employer/jobs").json()["items"] == []


def test_the_employer_filters_the_applications_by_job_as_on_the_web(
    job, employer, office, owner, seeker, resume, api_as, city
):
    # given applications to two of the employer's jobs
    other_job = factories.make_job(employer=employer, office=office, title="搬运工")
    first = apply_to_job(seeker=seeker, job=job)
    second_seeker = core.make_user(role=Role.RESIDENT, committee=city)
    factories.make_resume(user=second_seeker, mobile="13871239999")
    second = apply_to_job(seeker=second_seeker, job=other_job)
    client = api_as(owner)
    # when / then
    assert [r["id"] for r in client.get("/jobs/employer/applications").json()["items"]] == [
        second.pk,
        first.pk,
    ]
    only = client.get("/jobs/employer/applications", job=job.pk).json()["items"]
    assert [r["id"] for r in only] == [first.pk]
    # another person's job is refused as the web page refuses it, an unknown one is not there
    assert api_as(seeker).get("/jobs/employer/applications", job=job.pk).status_code == 403
    assert client.get("/jobs/employer/applications", job=987654).status_code == 404


@pytest.mark.parametrize("count", [2, 25])
def test_the_lists_read_in_the_same_queries_at_any_size(
    employer, office, owner, api_as, django_assert_max_num_queries, count
):
    for i in range(count):
        job = factories.make_job(employer=employer, office=office, title=f"岗位{i}")
        seeker = core.make_user(role=Role.RESIDENT, committee=employer.committee)
        factories.make_resume(user=seeker, mobile=f"1387123{i:04d}")
        apply_to_job(seeker=seeker, job=job)
    with django_assert_max_num_queries(SEARCH_QUERIES):
        assert len(api_as(None).get("/jobs").json()["items"]) == min(count, 20)
    lists = [(owner, "/jobs/employer/jobs"), (owner, "/jobs/employer/applications"),
             (seeker, "/jobs/applications/mine")]  # fmt: skip
    for person, path in lists:
        client = api_as(person)
        client.get("/me")  # the token's last-used stamp is fresh
        with django_assert_max_num_queries(LIST_QUERIES):
            response = client.get(path, limit=50)
        assert response.status_code == 200 and response.json()["items"]
