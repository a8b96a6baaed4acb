import pytest
from django.urls import reverse

from zhengxie.core.factories import (
    make_member,
    make_roster_dictionaries,
    make_sector,
    make_town,
)
from zhengxie.core.models import Member, Role


@pytest.fixture
def roster(city):
    make_roster_dictionaries(committee=city)
    return city


def member_data(**overrides):
    data = {
        "name": "刘洋",
        "gender": "F",
        "ethnicity": "汉族",
        "birth_month": "1985年3月",
        "party": "民盟",
        "work_title": "随州一中 教师",
        "mobile": "13711112222",
        "public_title": "",
    }
    data.update(overrides)
    return data


def test_roster_list_costs_the_same_queries_for_many_members(
    client, roster, staff, django_assert_max_num_queries
):
    # given
    sector = make_sector(committee=roster)
    for n in range(60):
        make_member(
            committee=roster, sector=sector, town=make_town(committee=roster, name=f"镇{n}")
        )
    client.force_login(staff)
    # when / then: a full page of 50 rows, joined in one query
    with django_assert_max_num_queries(13):
        response = client.get(reverse("core:member_list"))
    assert len(response.context["page"].object_list) == 50


def test_roster_filters_and_searches(client, roster, staff):
    other = make_sector(committee=roster, name="教育界")
    make_member(committee=roster, name="张三", sector=other, is_standing=True)
    make_member(committee=roster, name="李四")
    make_member(committee=roster, name="张五", is_active=False)
    client.force_login(staff)

    def names(**params):
        response = client.get(reverse("core:member_list"), params)
        return {m.name for m in response.context["page"]}

    assert names() == {"张三", "李四"}
    assert names(q="张") == {"张三"}
    assert names(sector=other.pk) == {"张三"}
    assert names(standing="0") == {"李四"}
    assert names(active="0") == {"张五"}
    assert names(active="all", q="张") == {"张三", "张五"}


def test_mobile_numbers_are_masked_for_leaders_and_shown_to_staff(client, roster, staff, make_user):
    make_member(committee=roster, name="张三", mobile="13812345678")

    client.force_login(make_user(Role.LEADER, roster))
    leader_page = client.get(reverse("core:member_list")).content.decode()
    client.force_login(staff)
    staff_page = client.get(reverse("core:member_list")).content.decode()

    assert "138****5678" in leader_page and "13812345678" not in leader_page
    assert "13812345678" in staff_page


def test_staff_adds_a_member_with_chinese_validation(client, roster, staff):
    client.force_login(staff)
    url = f"{reverse('core:member_create')}?committee={roster.code}"

    bad = client.post(url, member_data(mobile="12345", birth_month="去年"))
    good = client.post(url, member_data(name=" 刘　洋 "))

    errors = bad.context["form"].errors
    assert "不是有效的 11 位手机号码" in errors["mobile"][0]
    assert "无法识别的日期" in errors["birth_month"][0]
    member = Member.objects.get(committee=roster)
    assert good.url == reverse("core:member_detail", args=[member.pk])
    assert member.name == "刘洋"
    assert member.birth_month.isoformat() == "1985-03-01"


def test_same_name_and_mobile_twice_is_a_field_error(client, roster, staff):
    make_member(committee=roster, name="刘洋", mobile="13711112222")
    client.force_login(staff)

    response = client.post(reverse("core:member_create"), member_data())

    assert "本政协已有姓名、手机号码相同的记录" in response.context["form"].errors["name"][0]
    assert Member.objects.count() == 1


def test_editing_a_member_records_who_changed_what(client, roster, staff):
    member = make_member(committee=roster, name="刘洋", mobile="13711112222")
    client.force_login(staff)

    client.post(reverse("core:member_edit", args=[member.pk]), member_data(party="九三学社"))
    page = client.get(reverse("core:member_detail", args=[member.pk])).content.decode()

    member.refresh_from_db()
    assert member.party == "九三学社"
    assert "修改记录" in page and "九三学社" in page and str(staff) in page


def test_deactivation_keeps_the_record_and_can_be_undone(client, roster, staff):
    member = make_member(committee=roster)
    client.force_login(staff)

    client.post(reverse("core:member_set_active", args=[member.pk, 0]), {"reason": "调离"})
    member.refresh_from_db()
    assert not member.is_active
    assert member.history.first().history_change_reason == "调离"

    client.post(reverse("core:member_set_active", args=[member.pk, 1]))
    member.refresh_from_db()
    assert member.is_active


def test_city_member_may_report_to_a_county_town(client, roster, county, staff):
    town = make_town(committee=county, name="厉山镇")
    client.force_login(staff)

    client.post(reverse("core:member_create"), member_data(town=town.pk))

    assert Member.objects.get(committee=roster).town == town


def test_city_staff_reads_the_county_roster_but_cannot_add_there(client, county, staff):
    client.force_login(staff)

    assert client.get(reverse("core:member_list"), {"committee": county.code}).status_code == 200
    create = client.post(f"{reverse('core:member_create')}?committee={county.code}", member_data())
    assert create.status_code == 403
    assert not Member.objects.exists()
