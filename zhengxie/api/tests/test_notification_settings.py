"""我的通知设置 over the API: the kinds each role receives, and changing their channels
through the web page's service, within what the office makes mandatory."""

import pytest
from django.core.exceptions import ValidationError

from zhengxie.core import factories
from zhengxie.core.models import NotificationPreference, Role
from zhengxie.core.notifications.mandatory import MANDATORY_CHANNELS
from zhengxie.core.services.notifications import set_notification_preferences
from zhengxie.core.services.rules import set_rule

COSIGN, PLENARY = "proposals.cosign_invitation", "core.plenary_notice"
# The token's lookup and last-used stamp, the roles, the home committee, the choices.
SETTINGS_QUERIES = 6


@pytest.fixture
def member(city):
    return factories.make_member(committee=city, with_account=True).user


def _kinds(answer) -> dict:
    return {row["kind"]: row for row in answer.json()["kinds"]}


def test_a_member_reads_their_kinds_with_the_mandatory_channels(member, api_as):
    answer = api_as(member).get("/me/notifications")
    assert answer.status_code == 200
    kinds = _kinds(answer)
    assert kinds[PLENARY]["mandatory"] == ["sms"] and kinds[PLENARY]["channels"] == ["sms"]
    assert kinds[COSIGN]["mandatory"] == []
    assert "proposals.assigned" not in kinds  # a unit's kind
    assert [c["value"] for c in answer.json()["channels"]] == ["sms", "email"]


def test_a_unit_reads_its_own_kinds(city, make_user, api_as):
    kinds = _kinds(api_as(make_user(Role.UNIT, city)).get("/me/notifications"))
    assert "proposals.assigned" in kinds and COSIGN not in kinds


def test_a_member_changes_a_kinds_channels_as_the_web_page_does(member, api_as):
    # when
    answer = api_as(member).patch("/me/notifications", {"kinds": {COSIGN: ["email"]}})
    # then the answer and the stored choice agree, and the change is in its history
    assert answer.status_code == 200
    assert _kinds(answer)[COSIGN]["channels"] == ["email"]
    row = NotificationPreference.objects.get(user=member, kind=COSIGN)
    assert row.channels == ["email"] and row.history.count() == 1


def test_a_mandatory_channel_cannot_be_switched_off_and_nothing_is_saved(member, api_as):
    # when the member drops the plenary SMS along with a change that alone would be fine
    answer = api_as(member).patch("/me/notifications", {"kinds": {COSIGN: ["email"], PLENARY: []}})
    # then
    assert answer.status_code == 400
    fields = answer.json()["error"]["fields"]
    assert set(fields) == {PLENARY}
    assert "全体会议通知" in fields[PLENARY] and "短信" in fields[PLENARY]
    assert not NotificationPreference.objects.filter(user=member).exists()


def test_the_office_rule_decides_what_is_mandatory(city, staff, member, api_as):
    # given the office makes SMS mandatory for co-sign invitations too
    set_rule(actor=staff, committee=city, key=MANDATORY_CHANNELS,
             value={COSIGN: ["sms"], PLENARY: ["sms"]})  # fmt: skip
    client = api_as(member)
    # then
    assert _kinds(client.get("/me/notifications"))[COSIGN]["mandatory"] == ["sms"]
    assert client.patch("/me/notifications", {"kinds": {COSIGN: []}}).status_code == 400
    kept = client.patch("/me/notifications", {"kinds": {COSIGN: ["sms", "email"]}})
    assert kept.status_code == 200


@pytest.mark.parametrize(
    ("kinds", "message"),
    [
        ({COSIGN: ["sms"]}, "没有这种通知"),  # a member's kind, asked by a unit
        ({"no.such_kind": []}, "没有这种通知"),
        ({"proposals.assigned": ["wechat"]}, "渠道有误"),
    ],
)
def test_a_unit_cannot_set_what_it_does_not_receive(city, make_user, api_as, kinds, message):
    unit = make_user(Role.UNIT, city)
    answer = api_as(unit).patch("/me/notifications", {"kinds": kinds})
    assert answer.status_code == 400
    (key,) = kinds
    assert message in answer.json()["error"]["fields"][key]
    assert not NotificationPreference.objects.filter(user=unit).exists()


def test_the_service_refuses_an_unknown_kind_instead_of_failing(member):
    with pytest.raises(ValidationError) as refused:
        set_notification_preferences(user=member, choices={"no.such_kind": set()})
    assert "no.such_kind" in refused.value.message_dict


@pytest.mark.parametrize("chosen", [0, 6])
def test_the_settings_take_the_same_queries_however_many_are_chosen(
    member, api_as, chosen, django_assert_max_num_queries
):
    client = api_as(member)
    kinds = [row["kind"] for row in client.get("/me/notifications").json()["kinds"]]
    for key in kinds[1 : chosen + 1]:
        NotificationPreference.objects.create(user=member, kind=key, channels=["email"])
    with django_assert_max_num_queries(SETTINGS_QUERIES):
        assert client.get("/me/notifications").status_code == 200
