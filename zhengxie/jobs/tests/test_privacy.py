"""The five promises seen through the pages a person can open."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.workflow import apply
from zhengxie.jobs.services.seekers import apply_to_job, save_resume

pytestmark = pytest.mark.django_db

SEEKER_MOBILE = "13871231234"
CONTACT_MOBILE_PREFIX = "1390722"


def _pages_for_guests(job) -> list[str]:
    return [
        reverse("jobs:search"),
        reverse("jobs:search") + "?q=包装",
        reverse("jobs:job_detail", args=[job.pk]),
        reverse("portal:home"),
    ]


def test_a_guest_sees_no_seekers_or_contacts_number_anywhere(job, seeker, resume, owner):
    application = apply_to_job(seeker=seeker, job=job)
    _invite_and_accept(application, owner, seeker)
    guest = Client()
    for url in _pages_for_guests(job):
        html = guest.get(url).content.decode()
        assert SEEKER_MOBILE not in html, url
        assert "138****1234" not in html, url
        assert job.employer.contact_phone not in html, url
        assert CONTACT_MOBILE_PREFIX not in html, url
    # the private pages send a guest to log in
    for name, args in [
        ("jobs:application_detail", [application.pk]),
        ("jobs:employer_detail", [job.employer_id]),
        ("jobs:applications_received", []),
    ]:
        response = guest.get(reverse(name, args=args))
        assert response.status_code == 302


def _invite_and_accept(application, owner, seeker):
    when = timezone.now() + dt.timedelta(days=1)
    application = apply(application, "invite", owner, interview_at=when, interview_place="厂区")
    return apply(application, "accept", seeker)


def test_the_employer_sees_the_number_masked_until_acceptance(job, seeker, resume, owner):
    application = apply_to_job(seeker=seeker, job=job)
    client = Client()
    client.force_login(owner)
    list_url = reverse("jobs:applications_received")
    detail_url = reverse("jobs:application_detail", args=[application.pk])
    for url in (list_url, detail_url):
        html = client.get(url).content.decode()
        assert "138****1234" in html and SEEKER_MOBILE not in html
    application.refresh_from_db()  # opening it marked it viewed
    _invite_and_accept(application, owner, seeker)
    assert SEEKER_MOBILE in client.get(detail_url).content.decode()


def test_numbers_typed_into_the_experience_follow_the_mobile_numbers_rule(job, seeker, owner):
    # given an application whose 工作经历 carries the applicant's number, as people write it
    save_resume(
        user=seeker, name="李小梅", mobile=SEEKER_MOBILE, experience="联系我：138-7123-1234。"
    )
    application = apply_to_job(seeker=seeker, job=job)
    client = Client()
    client.force_login(owner)
    detail_url = reverse("jobs:application_detail", args=[application.pk])
    # then the employer reads it masked until the applicant accepts an interview
    html = client.get(detail_url).content.decode()
    assert "138****1234" in html and "138-7123-1234" not in html
    application.refresh_from_db()
    _invite_and_accept(application, owner, seeker)
    assert "138-7123-1234" in client.get(detail_url).content.decode()


def test_the_office_reads_no_application(job, seeker, resume, office):
    application = apply_to_job(seeker=seeker, job=job)
    client = Client()
    client.force_login(office)
    response = client.get(reverse("jobs:application_detail", args=[application.pk]))
    assert response.status_code == 403


def test_an_expired_job_page_says_so_and_offers_no_apply(job, seeker, resume):
    job.expires_on = timezone.localdate() - dt.timedelta(days=1)
    job.save(update_fields=["expires_on"])
    client = Client()
    client.force_login(seeker)
    html = client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert 'data-testid="expired"' in html
    assert 'data-testid="apply"' not in html
    assert 'data-testid="job"' not in client.get(reverse("jobs:search")).content.decode()


def test_a_pending_job_page_is_not_found_for_the_public(employer):
    from zhengxie.jobs import factories

    pending = factories.make_job(employer=employer, publish=False, title="待审岗位")
    assert Client().get(reverse("jobs:job_detail", args=[pending.pk])).status_code == 404


def test_applying_takes_two_taps_from_the_job_page(job, seeker, resume):
    client = Client()
    client.force_login(seeker)
    html = client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert 'data-testid="apply"' in html
    response = client.post(reverse("jobs:apply", args=[job.pk]))
    assert response.status_code == 302
    assert job.applications.filter(seeker=seeker).exists()


# --- guests report a listing without an account ------------------------------------------


def test_a_guest_reports_a_listing_into_the_moderation_queue(job, office):
    from zhengxie.jobs.models import JobReport

    guest = Client()
    # given the job page, which offers a guest the report form and still no number
    page = guest.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert reverse("jobs:job_report", args=[job.pk]) in page
    assert job.employer.contact_phone not in page
    # when a guest reports it with a way to reach them
    data = {"reason": "电话里要求先交押金", "contact": "微信 zx-guest"}
    response = guest.post(reverse("jobs:job_report", args=[job.pk]), data)
    # then the report waits in the office's queue, with the contact for the office only
    assert response.status_code == 302
    report = JobReport.objects.get(job=job)
    assert report.reporter is None
    assert (report.reason, report.contact) == (data["reason"], data["contact"])
    assert report.history.count() == 1
    staff = Client()
    staff.force_login(office)
    queue = staff.get(reverse("jobs:moderation")).content.decode()
    assert data["reason"] in queue and data["contact"] in queue
    page = guest.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert data["contact"] not in page


def test_reports_from_one_address_are_throttled(job):
    from zhengxie.jobs.models import JobReport
    from zhengxie.jobs.services.reports import REPORTS_PER_ADDRESS

    url = reverse("jobs:job_report", args=[job.pk])
    guest = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(REPORTS_PER_ADDRESS.limit):
        assert guest.post(url, {"reason": f"虚假招聘{n}"}).status_code == 302
    # when the same address reports once more
    refused = guest.post(url, {"reason": "再次举报"})
    # then nothing is written and the page says why
    assert refused.status_code == 429
    assert "举报过于频繁" in refused.content.decode()
    assert JobReport.objects.count() == REPORTS_PER_ADDRESS.limit
    # while another address still may
    assert Client(REMOTE_ADDR="203.0.113.10").post(url, {"reason": "收费"}).status_code == 302
    assert JobReport.objects.count() == REPORTS_PER_ADDRESS.limit + 1


def test_a_guest_report_without_a_reason_changes_nothing(job):
    from zhengxie.jobs.models import JobReport

    response = Client().post(reverse("jobs:job_report", args=[job.pk]), {"contact": "138"})
    assert response.status_code == 302
    assert not JobReport.objects.exists()
