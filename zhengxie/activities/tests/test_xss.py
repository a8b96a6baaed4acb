"""Script typed by a member into an activity stays text: a leave reason, a speech, an essay, on
the member's and the office's pages (payloads: core/tests/xss_payloads.py).

Written once for the module: one invited member per payload asks for leave, records a speech and
submits an essay, each through its form.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from zhengxie.activities.factories import make_activity, make_invited_member
from zhengxie.activities.models import Essay, LeaveRequest, Speech
from zhengxie.activities.services.essays import open_call
from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.tests.xss_audit import unsafe_markup
from zhengxie.core.tests.xss_payloads import PAYLOADS


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _write(member, activity, call, payload: str) -> list[str]:
    """Each form's answer is audited; the pages it leads back to are read by the tests."""
    writer = _as(member.user)
    posts = [
        (reverse("activities:leave", args=[activity.pk]), {"reason": payload}),
        (
            reverse("activities:speech", args=[activity.pk]),
            {"kind": "written", "title": payload[:120], "text": payload},
        ),
        (
            reverse("activities:essay_action", args=[call.pk, "submit"]),
            {"title": payload[:120], "body": payload},
        ),
    ]
    return [
        problem
        for url, data in posts
        for problem in unsafe_markup(writer.post(url, data).content.decode())
    ]


@pytest.fixture(scope="module")
def activity_world(module_db):
    city = core.make_committee(code="city", name="测试市政协")
    staff = core.make_user(role=Role.STAFF, committee=city)
    activity = make_activity(committee=city, code="thematic", state="notified")
    deadline = dt.date.today() + dt.timedelta(days=30)
    call = open_call(actor=staff, committee=city, title="征文", theme="主题", deadline=deadline)
    written = {}
    for payload in PAYLOADS:
        member = make_invited_member(activity=activity)
        problems = _write(member, activity, call, payload)
        written[payload] = SimpleNamespace(member=member, problems=problems)
    return SimpleNamespace(staff=staff, activity=activity, call=call, written=written)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_activity_forms_keep_typed_script_as_text(db, activity_world, payload):
    # given: the member's leave request, speech and essay carrying the payload
    written = activity_world.written[payload]
    member = written.member
    # then: what the forms answered ran nothing, and each record was kept unless refused
    assert written.problems == []
    kept = [model.objects.filter(member=member).exists() for model in (LeaveRequest, Speech, Essay)]
    assert kept == ([False] * 3 if "\x00" in payload else [True] * 3)
    # when: the member opens the pages that show them
    for url in (
        reverse("activities:detail", args=[activity_world.activity.pk]),
        reverse("activities:essay_call", args=[activity_world.call.pk]),
    ):
        response = _as(member.user).get(url)
        # then
        assert unsafe_markup(response.content.decode()) == [], url


def test_activity_office_pages_show_typed_script_as_text(db, activity_world):
    # given: every payload's leave request, speech and essay
    office = _as(activity_world.staff)
    urls = [
        reverse("activities:detail", args=[activity_world.activity.pk]),
        reverse("activities:leaves"),
        reverse("activities:essay_call", args=[activity_world.call.pk]),
        reverse("core:inbox"),
    ]
    for url in urls:
        # when
        response = office.get(url)
        # then
        assert unsafe_markup(response.content.decode()) == [], url
