"""An outcome with no source activity: office staff report it; nobody else may."""

import pytest
from django.urls import reverse

from zhengxie.activities.models import Outcome
from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.duty.models import DutyKind, DutyRecord

FORM = {
    "kind": "recommendation",
    "title": "关于推进危困企业重组盘活的建议案",
    "body": "正文",
    "submitted_to": "party",
    "submitted_on": "2022-05-20",
}


def test_staff_report_an_outcome_without_an_activity(client, city, staff):
    author = make_member(committee=city)
    client.force_login(staff)
    url = reverse("activities:outcome_new")
    assert client.get(url).status_code == 200
    response = client.post(url, {**FORM, "authors": str(author.pk)})
    outcome = Outcome.objects.get()
    assert response.status_code == 302
    assert (outcome.activity, outcome.committee) == (None, city)
    assert DutyRecord.objects.get(member=author).kind == DutyKind.REPORT


@pytest.mark.parametrize("role", [Role.MEMBER, Role.LEADER, Role.UNIT, Role.CONVENOR])
def test_other_roles_cannot_report_one(client, city, make_user, role):
    client.force_login(make_user(role, city))
    url = reverse("activities:outcome_new")
    assert client.get(url).status_code == 403
    assert client.post(url, FORM).status_code == 403
    assert not Outcome.objects.exists()


def test_an_author_from_another_committee_is_refused(client, city, county, staff):
    client.force_login(staff)
    response = client.post(
        reverse("activities:outcome_new"),
        {**FORM, "authors": str(make_member(committee=county).pk)},
    )
    assert "执笔委员须为本级政协委员" in response.content.decode()
    assert not Outcome.objects.exists()


def test_the_outcome_list_links_the_form_for_staff_only(client, city, staff, make_user):
    link = reverse("activities:outcome_new")
    client.force_login(staff)
    assert link in client.get(reverse("activities:outcomes")).content.decode()
    client.force_login(make_user(Role.LEADER, city))
    assert link not in client.get(reverse("activities:outcomes")).content.decode()
