"""The five promises seen through the pages a person can open."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.workflow import apply
from zhengxie.jobs.services.seekers import apply_to_job

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
