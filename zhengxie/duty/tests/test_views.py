import datetime as dt

import pytest
from django.urls import reverse

from zhengxie.activities.factories import invite, make_activity
from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.duty.factories import credit
from zhengxie.duty.models import DutyKind, PointsScheme, Recognition, YearBalance
from zhengxie.duty.services.recompute import recompute_year
from zhengxie.duty.services.rules import ensure_rules
from zhengxie.proposals import factories as proposals
from zhengxie.proposals.models import ProposerKind

TODAY = dt.date.today()


@pytest.fixture
def member_user(city, make_user):
    user = make_user(Role.MEMBER, city)
    member = make_member(committee=city, name="刘荣")
    member.user = user
    member.save(update_fields=["user"])
    return user


def test_member_sees_own_year_with_sources_and_five_ones(client, member_user):
    # given
    credit(member=member_user.member, kind=DutyKind.ATTENDANCE, role="research", on=TODAY)
    client.force_login(member_user)
    # when
    response = client.get(reverse("duty:me"))
    # then
    assert response.status_code == 200
    body = response.content.decode()
    assert "参加活动" in body and "参加一次调研" in body
    assert response.context["page"].figures["points"] == 5


def _card_items(member, city, *, n: int = 1) -> None:
    """n items on each of the member's cards: an invitation to a coming activity, a
    co-signature to answer and a reply to rate."""
    for _ in range(n):
        invite(activity=make_activity(committee=city), members=[member])
        proposals.make_submitted(committee=city, kind=ProposerKind.JOINT, cosigners=[member])
        proposals.make_replied(committee=city, author=member.user)


def _card_titles(response) -> dict[str, list[str]]:
    return {s["key"]: [i["title"] for i in s["items"]] for s in response.context["sections"]}


def test_my_page_shows_my_activity_cosignature_and_reply_to_rate(client, city, member_user):
    # given one item for each card of the member, and the same for another member
    member = member_user.member
    activity = make_activity(committee=city, title="专题协商：城区停车")
    invite(activity=activity, members=[member])
    cosign = proposals.make_submitted(committee=city, kind=ProposerKind.JOINT, cosigners=[member])
    replied = proposals.make_replied(committee=city, author=member_user)
    _card_items(make_member(committee=city, with_account=True), city)
    client.force_login(member_user)
    # when
    response = client.get(reverse("duty:me"))
    # then
    assert _card_titles(response) == {
        "upcoming": [activity.title],
        "cosign": [cosign.title],
        "feedback": [replied.title],
    }
    body = response.content.decode()
    assert reverse("activities:detail", args=[activity.pk]) in body
    assert reverse("proposals:cosign", args=[cosign.cosignatures.get().pk]) in body
    assert reverse("proposals:rate", args=[replied.pk]) in body


def test_my_page_runs_in_constant_queries(client, city, member_user, django_assert_max_num_queries):
    member = member_user.member
    client.force_login(member_user)
    credit(member=member, kind=DutyKind.ATTENDANCE, role="research", on=TODAY)
    _card_items(member, city)
    client.get(reverse("duty:me"))  # warm the settings cache and rules
    # 14 for the year; 4 for the cards: the role grants read once, then one query per card;
    # 1 for the member's 委员风采 switch
    with django_assert_max_num_queries(19) as few:
        client.get(reverse("duty:me"))
    credit(member=member, kind=DutyKind.ATTENDANCE, role="research", on=TODAY, times=20)
    credit(member=member, kind=DutyKind.PROPOSAL, role="first", on=TODAY, times=5)
    _card_items(member, city, n=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("duty:me"))
    assert [len(items) for items in _card_titles(response).values()] == [4, 4, 4]


def test_my_page_is_for_members_only(client, staff):
    client.force_login(staff)
    assert client.get(reverse("duty:me")).status_code == 403


def test_member_reads_own_file_but_not_anothers(client, city, member_user):
    other = make_member(committee=city)
    client.force_login(member_user)
    assert client.get(reverse("duty:member_file", args=[member_user.member.pk])).status_code == 200
    assert client.get(reverse("duty:member_file", args=[other.pk])).status_code == 403


def test_duty_file_downloads_as_word(client, city, staff):
    member = make_member(committee=city)
    credit(member=member, kind=DutyKind.PROPOSAL, role="first")
    client.force_login(staff)
    response = client.get(reverse("duty:member_file_docx", args=[member.pk]))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    from io import BytesIO

    from docx import Document

    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert "委员履职档案" in text and "二、履职情况" in text


@pytest.mark.parametrize(
    ("role", "where", "status"),
    [
        (Role.STAFF, "city", 200),
        (Role.LEADER, "city", 200),
        (Role.ADMIN, "city", 200),
        (Role.MEMBER, "city", 403),
        (Role.RESIDENT, "city", 403),
        (Role.UNIT, "city", 403),
        (Role.STAFF, "county", 403),  # a county sees only its own committee
    ],
)
def test_standings_per_role(client, city, county, make_user, role, where, status):
    user = make_user(role, city if where == "city" else county)
    client.force_login(user)
    response = client.get(reverse("duty:standings") + f"?committee={city.pk}")
    assert response.status_code == status


def test_city_staff_standings_roll_up_the_counties(client, city, county, staff):
    city_member, county_member = make_member(committee=city), make_member(committee=county)
    credit(member=county_member, kind=DutyKind.REPORT)
    recompute_year(committee=city, year=2022)
    recompute_year(committee=county, year=2022)
    client.force_login(staff)
    response = client.get(reverse("duty:standings") + f"?committee={city.pk}&year=2022")
    ids = {row["member_id"] for row in response.context["ranking"]}
    assert ids == {city_member.pk, county_member.pk}


def test_standings_page_runs_in_constant_queries(
    client, city, staff, django_assert_max_num_queries
):
    for _ in range(3):
        make_member(committee=city)
    recompute_year(committee=city, year=2022)
    client.force_login(staff)
    url = reverse("duty:standings") + f"?committee={city.pk}&year=2022"
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for _ in range(30):
        make_member(committee=city)
    recompute_year(committee=city, year=2022)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


@pytest.mark.parametrize(
    ("role", "status"), [(Role.STAFF, 200), (Role.LEADER, 403), (Role.MEMBER, 403)]
)
def test_rules_page_for_office_only(client, city, make_user, role, status):
    client.force_login(make_user(role, city))
    assert client.get(reverse("duty:rules") + f"?committee={city.pk}").status_code == status


def test_staff_switch_scheme_through_the_page(
    client, city, staff, django_capture_on_commit_callbacks
):
    ensure_rules(committee=city)
    anqing = PointsScheme.objects.get(committee=city, code="anqing")
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("duty:scheme_activate", args=[anqing.pk]))
    assert response.status_code == 302
    anqing.refresh_from_db()
    assert anqing.is_active
    assert PointsScheme.objects.filter(committee=city, is_active=True).count() == 1


def test_a_bad_rule_names_the_field_and_changes_nothing(client, city, staff):
    ensure_rules(committee=city)
    scheme = PointsScheme.objects.get(committee=city, is_active=True)
    before = scheme.rules.count()
    client.force_login(staff)
    response = client.post(
        reverse("duty:rule_add", args=[scheme.pk]),
        {"kind": "speech", "role": "x", "points": "abc", "annual_cap": "-3"},
        follow=True,
    )
    text = response.content.decode()
    assert "每次分值" in text and "年度上限" in text
    assert scheme.rules.count() == before


def test_staff_record_a_recognition_which_is_credited(client, city, staff):
    member = make_member(committee=city)
    client.force_login(staff)
    response = client.post(
        reverse("duty:recognitions") + f"?committee={city.pk}",
        {
            "member": member.pk,
            "kind": "media_report",
            "level": "national",
            "title": "香菇产业带头人",
            "issuer": "人民政协报",
            "occurred_on": "2022-09-01",
        },
    )
    assert response.status_code == 302
    recognition = Recognition.objects.get(member=member)
    assert member.duty_records.get().kind == DutyKind.MEDIA_REPORT
    assert recognition.recorded_by == staff


def test_a_leader_cannot_record_recognitions(client, city, make_user):
    member = make_member(committee=city)
    client.force_login(make_user(Role.LEADER, city))
    response = client.post(
        reverse("duty:recognitions") + f"?committee={city.pk}",
        {
            "member": member.pk,
            "kind": "honour",
            "level": "city",
            "title": "t",
            "issuer": "i",
            "occurred_on": "2022-01-01",
        },
    )
    assert response.status_code == 403
    assert not Recognition.objects.exists()


def test_recompute_button_for_office_only(client, city, make_user):
    make_member(committee=city)
    client.force_login(make_user(Role.LEADER, city))
    data = {"committee": city.pk, "year": 2022}
    assert client.post(reverse("duty:recompute"), data).status_code == 403
    client.force_login(make_user(Role.STAFF, city))
    assert client.post(reverse("duty:recompute"), data).status_code == 302
    assert YearBalance.objects.filter(committee=city, year=2022).count() == 1


def test_saving_a_rule_for_an_existing_act_replaces_it(client, city, staff):
    ensure_rules(committee=city)
    scheme = PointsScheme.objects.get(committee=city, is_active=True)
    before = scheme.rules.count()
    client.force_login(staff)
    client.post(
        reverse("duty:rule_add", args=[scheme.pk]),
        {"kind": "speech", "role": "", "points": "8", "annual_cap": "24"},
    )
    rule = scheme.rules.get(kind="speech", role="")
    assert (rule.points, rule.annual_cap) == (8, 24)
    assert scheme.rules.count() == before


EVALUATION = {
    "committee": "",
    "weight_quality": "50",
    "weight_satisfaction": "30",
    "weight_reputation": "20",
    "excellent": "90",
    "good": "80",
    "competent": "60",
    "warning_line": "65",
    "reputation_base": "60",
    "reputation_commendation": "10",
    "reputation_honour": "20",
    "reputation_media": "10",
}


def test_staff_save_the_evaluation_rules_with_history(client, city, staff):
    from zhengxie.core.models import CommitteeSetting
    from zhengxie.core.rules import rule

    client.force_login(staff)
    data = {**EVALUATION, "committee": city.pk}
    # when
    response = client.post(reverse("duty:evaluation_save"), data)
    # then
    assert response.status_code == 302
    assert rule(city, "duty.three_highs_weights") == {
        "quality": 50,
        "satisfaction": 30,
        "reputation": 20,
    }
    assert rule(city, "duty.warning_points_line") == 65
    record = CommitteeSetting.objects.get(key="duty.warning_points_line").history.get()
    assert (record.history_user, record.history_change_reason) == (staff, "考评设置")


def test_evaluation_lines_out_of_order_name_the_rule_and_change_nothing(client, city, staff):
    from zhengxie.core.models import CommitteeSetting

    client.force_login(staff)
    data = {**EVALUATION, "committee": city.pk, "good": "95"}

    response = client.post(reverse("duty:evaluation_save"), data, follow=True)

    assert "考评等次分数线" in response.content.decode()
    assert not CommitteeSetting.objects.exists()
