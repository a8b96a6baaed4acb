"""Script typed into an opinion report stays text: its title, body and reporting body's name,
in the member's and the office's pages and in the bulletin (payloads: core/tests/xss_payloads.py).

The reports are written once for the module, one member and one report per payload, through the
report form; the office adopts each through its action form and issues them all in one bulletin.
"""

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from zhengxie.core import factories as core
from zhengxie.core.tests.xss_audit import docx_text_and_fields, unsafe_markup
from zhengxie.core.tests.xss_payloads import PAYLOADS
from zhengxie.opinions.factories import make_author, make_bulletin, make_office
from zhengxie.opinions.models import OpinionReport


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _write(author, office, payload: str) -> SimpleNamespace:
    """Reported with the payload in every field, adopted with it as the office's comment; what
    both forms answer is audited (a null byte is refused and shown again)."""
    written = _as(author.user).post(
        reverse("opinions:new"),
        {
            "title": f"社情{payload}",
            "body": payload,
            "body_kind": "other",
            "body_name": payload[:60],
            "submit": "1",
        },
    )
    problems = unsafe_markup(written.content.decode())
    report = OpinionReport.objects.filter(members=author).first()
    if report is not None:
        adopted = _as(office).post(
            reverse("core:workflow_act", args=["opinion_report", report.pk, "adopt"]),
            {"reason": payload, "mode": "combined"},
        )
        problems += unsafe_markup(adopted.content.decode())
    return SimpleNamespace(author=author, report=report, problems=problems)


@pytest.fixture(scope="module")
def opinions(module_db):
    city = core.make_committee(code="city", name="测试市政协")
    office = make_office(committee=city)
    written = {p: _write(make_author(committee=city), office, p) for p in PAYLOADS}
    reports = [w.report for w in written.values() if w.report is not None]
    issue = make_bulletin(reports=reports, office=office)
    return SimpleNamespace(office=office, written=written, issue=issue)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_opinion_record_pages_show_typed_script_as_text(db, opinions, payload):
    # given: the member's report carrying the payload, adopted
    written = opinions.written[payload]
    assert written.problems == []
    if "\x00" in payload:  # a null byte is refused; the form shown again was audited
        assert written.report is None
        return
    author = _as(written.author.user)
    detail = reverse("opinions:detail", args=[written.report.pk])
    visits = [
        (author, detail),
        (author, reverse("opinions:mine")),
        (author, reverse("core:inbox")),
        (_as(opinions.office), detail),
    ]
    for client, url in visits:
        # when
        response = client.get(url)
        # then
        assert response.status_code == 200, url
        assert unsafe_markup(response.content.decode()) == [], url


def test_opinion_queue_bulletin_and_word_file_show_typed_script_as_text(db, opinions):
    # given: every payload's report adopted and issued in one bulletin
    office = _as(opinions.office)
    urls = [
        reverse("opinions:queue"),
        reverse("opinions:queue") + "?q=社情",
        reverse("opinions:bulletins"),
        reverse("opinions:bulletin", args=[opinions.issue.pk]),
        reverse("opinions:overview"),
    ]
    for url in urls:
        # when
        response = office.get(url)
        # then
        assert unsafe_markup(response.content.decode()) == [], url
    # and the bulletin's Word file holds the text as text: no field, no link
    document = office.get(reverse("opinions:bulletin_docx", args=[opinions.issue.pk])).content
    runs, fields = docx_text_and_fields(document)
    assert fields == [] and "社情" in runs
