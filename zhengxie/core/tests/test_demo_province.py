"""The province above the demo city: the city's world and figures stay as they were, the
province reads and rolls up all four committees, each once."""

import io
import json

import pytest
from django.core.management import call_command

from zhengxie.activities import selectors as activity_selectors
from zhengxie.activities.models import Activity, PlanTopic
from zhengxie.core.imports.apply import CHANGE_REASON
from zhengxie.core.models import Committee, Member, User
from zhengxie.core.permissions import readable_committee_ids
from zhengxie.core.selectors import get_home_committee
from zhengxie.insights.selectors import compute_annual_figures
from zhengxie.opinions.models import OpinionReport, OpinionState
from zhengxie.opinions.selectors import list_upper_handling

pytestmark = pytest.mark.django_db


def _review(code: str) -> dict:
    out = io.StringIO()
    call_command("annual_review", committee=code, year=2022, json=True, stdout=out)
    return json.loads(out.getvalue())


def test_the_province_sits_above_the_city_and_rolls_up_all_four(demo_world):
    # given the city's figures before
    city = Committee.objects.get(code="suizhou")
    before = compute_annual_figures(committee=city, year=2022)
    # when
    call_command("seed_province", stdout=io.StringIO())
    call_command("seed_province", stdout=io.StringIO())  # a second run changes nothing
    # then the city's figures and home are as they were
    assert compute_annual_figures(committee=city, year=2022) == before
    assert get_home_committee() == city
    province = Committee.objects.get(code="hubei")
    assert Committee.objects.get(code="suizhou").parent == province
    gan = Member.objects.get(committee=province, name="甘子林")
    # and its roster came in through the import, as the city's did
    made = gan.history.earliest("history_date")
    assert (made.history_user.username, made.history_change_reason) == ("admin", CHANGE_REASON)
    # and the province's review adds its own members to all of the city's figures, once
    review = _review("hubei")
    assert review["members"]["total"] == before["members"]["total"] + 4
    for section in ("proposals", "opinions", "activities", "grassroots"):  # handed-up: once
        assert review[section] == before[section]
    # and one of Suixian's reports went up through the city to the province, adopted at each
    original = OpinionReport.objects.get(committee__code="suixian", handoffs__isnull=False)
    upper = list_upper_handling(report=original)
    assert [(r.committee.code, r.state) for r in upper] == [
        ("suizhou", OpinionState.ADOPTED),
        ("hubei", OpinionState.ADOPTED),
    ]
    # and the province's guiding topic was taken up by the committees below, in their own
    # activities (which the unchanged figures above already count, each once)
    topic = PlanTopic.objects.get(committee=province)
    taken_up = set(topic.activities.values_list("committee__code", flat=True))
    assert "suizhou" in taken_up and len(taken_up) >= 2 and "hubei" not in taken_up
    # and the joint research the city and the counties held with the province is recorded
    # once below, with the province as partner: the province alone counts it apart (与市县联合
    # 调研), its roll-up above counted it once, as the city's did
    joint = Activity.objects.filter(upper_partner=province)
    assert joint.count() == before["activities"]["joint_with_upper"]
    assert set(joint.values_list("kind__code", flat=True)) == {"joint"}
    alone = activity_selectors.figures(committee_ids=[province.pk], year=2022)
    assert (alone["held"], alone["joint_with_lower"]) == (0, joint.count())
    # and each level reads itself and what is below it
    everyone = set(Committee.objects.values_list("id", flat=True))
    assert readable_committee_ids(User.objects.get(username="hubei_staff")) == everyone
    assert readable_committee_ids(User.objects.get(username="staff")) == everyone - {province.pk}
    zengdu = Committee.objects.get(code="zengdu")
    assert readable_committee_ids(User.objects.get(username="zengdu_staff")) == {zengdu.pk}
    # and the province's office and leader were made by the platform's administrator as an
    # office makes an account, keeping the demo password
    for username in ("hubei_staff", "hubei_leader"):
        made = User.history.filter(username=username).earliest("history_date")
        assert made.history_user.username == "admin"
        assert made.activated_at is not None and not made.must_change_password
