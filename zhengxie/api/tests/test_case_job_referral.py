"""推荐岗位 over the API: the venue's convenor and the office list the open jobs a case about
work may be referred to and resolve it so; the reporter reads the jobs on the case, per role."""

import pytest
from django.utils import timezone

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.workflow import apply
from zhengxie.grassroots import factories as grassroots_factories
from zhengxie.grassroots.models import CaseJobReferral, CaseState
from zhengxie.jobs import factories as jobs_factories


@pytest.fixture
def convenor_venue(city, town):
    return grassroots_factories.make_convenor_venue(committee=city, town=town)


@pytest.fixture
def case(convenor_venue, seeker):
    return grassroots_factories.make_case(
        venue=convenor_venue[1], state=CaseState.CONSULTING, reporter=seeker,
        title="返乡后找不到工作",
    )  # fmt: skip


@pytest.fixture
def office(city):
    return core.make_user(role=Role.STAFF, committee=city)


@pytest.mark.parametrize("role", ["convenor", "office"])
def test_the_convenor_and_the_office_refer_the_case_to_open_jobs(
    role, convenor_venue, office, case, job, employer, seeker, api_as,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    actor = {"convenor": convenor_venue[0], "office": office}[role]
    closed = jobs_factories.make_job(employer=employer, office=office, title="已招满岗位")
    apply(closed, "close", employer.owner)
    client = api_as(actor)
    # the list offers the open job only
    offered = client.get(f"/grassroots/cases/{case.pk}/jobs-to-refer")
    assert offered.status_code == 200, offered.content
    assert [(j["id"], j["employer_name"]) for j in offered.json()] == [(job.pk, employer.name)]
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/grassroots/cases/{case.pk}/refer-to-jobs", {"job_ids": [job.pk]})
    # then the workflow step resolved it, with history, and the reporter was told
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "resolved" and [j["id"] for j in body["referred_jobs"]] == [job.pk]
    case.refresh_from_db()
    assert case.state == CaseState.RESOLVED and case.resolved_on == timezone.localdate()
    assert case.history.first().history_user == actor
    assert [r.job for r in CaseJobReferral.objects.filter(case=case)] == [job]
    assert seeker.notifications.filter(kind="grassroots.job_referral").exists()
    # and the reporter reads the jobs on the case
    mine = api_as(seeker).get(f"/grassroots/cases/{case.pk}").json()
    assert [j["title"] for j in mine["referred_jobs"]] == [job.title]


def test_a_closed_job_or_none_is_named_and_nothing_changes(case, convenor_venue, job, api_as):
    client = api_as(convenor_venue[0])
    url = f"/grassroots/cases/{case.pk}/refer-to-jobs"
    empty = client.post(url, {"job_ids": []})
    assert empty.status_code == 400 and "jobs" in empty.json()["error"]["fields"]
    apply(job, "close", job.employer.owner)
    closed = client.post(url, {"job_ids": [job.pk]})
    assert closed.status_code == 400 and "包装工" in str(closed.json()["error"]["fields"]["jobs"])
    case.refresh_from_db()
    assert case.state == CaseState.CONSULTING and not CaseJobReferral.objects.exists()


@pytest.mark.parametrize("who", ["guest", "reporter", "member", "employer"])
def test_others_may_not_refer_nor_list(who, city, case, job, seeker, owner, api_as):
    person = {
        "guest": None,
        "reporter": seeker,
        "member": core.make_member(committee=city, with_account=True).user,
        "employer": owner,
    }[who]
    client = api_as(person)
    refused = 401 if person is None else 403
    assert client.get(f"/grassroots/cases/{case.pk}/jobs-to-refer").status_code == refused
    url = f"/grassroots/cases/{case.pk}/refer-to-jobs"
    assert client.post(url, {"job_ids": [job.pk]}).status_code == refused
    case.refresh_from_db()
    assert case.state == CaseState.CONSULTING and not CaseJobReferral.objects.exists()


def test_a_resolved_case_answers_409(case, convenor_venue, job, api_as):
    client = api_as(convenor_venue[0])
    url = f"/grassroots/cases/{case.pk}/refer-to-jobs"
    assert client.post(url, {"job_ids": [job.pk]}).status_code == 200
    assert client.post(url, {"job_ids": [job.pk]}).status_code == 409
    assert CaseJobReferral.objects.count() == 1
