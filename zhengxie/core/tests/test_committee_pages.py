"""政协管理 and 届次与会议 in the browser's terms: the committee tree with each committee's
current term and plenary, the forms that add and edit, their messages and history, and the
queries the list pages cost."""

import datetime as dt

import pytest
from django.urls import reverse

from zhengxie.core import factories as core
from zhengxie.core.models import Committee, CommitteeLevel, Plenary, Role, Term


@pytest.fixture
def root(db):
    user = core.make_user(username="root")
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


def _plenary_post(term: Term, **changes) -> dict:
    return {
        "committee": term.committee.code,
        "term": term.pk,
        "session": 1,
        "code": "",
        "name": "测试市政协五届一次会议",
        "opens_on": "2022-01-05",
        "closes_on": "2022-01-08",
        "intake_opens_on": "2021-12-01",
        "intake_closes_on": "2022-01-07",
        **changes,
    }


def test_the_tree_shows_each_committee_under_its_parent_with_its_current_sessions(
    client, province, city, county, root
):
    # given the city's current term and a plenary whose intake has opened
    plenary = core.make_plenary(committee=city)
    client.force_login(root)
    # when
    response = client.get(reverse("core:committee_list"))
    # then province, city, county in that order, each one level deeper
    rows = response.context["rows"]
    assert [(r.committee.code, r.depth) for r in rows] == [("prov", 0), ("city", 1), ("county", 2)]
    assert rows[1].current_term == plenary.term
    assert rows[1].current_plenary == plenary
    assert rows[2].current_term is None and rows[2].current_plenary is None
    page = response.content.decode()
    assert "第5届（2021—2026年）" in page and plenary.name in page and "未设本届" in page


@pytest.mark.parametrize("counties", [1, 8])
def test_the_tree_costs_the_same_queries_at_any_size(
    client, city, root, counties, django_assert_max_num_queries
):
    core.make_plenary(committee=city)
    for _ in range(counties):
        county = core.make_committee(parent=city)
        core.make_plenary(committee=county, code="5-1")
        core.make_plenary(committee=county, code="5-2", year=2023)
    client.force_login(root)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("core:committee_list"))

    assert len(response.context["rows"]) == counties + 1
    assert all(row.current_plenary.code == "5-2" for row in response.context["rows"][1:])


@pytest.mark.parametrize("plenaries", [1, 4])
def test_the_sessions_page_costs_the_same_queries_at_any_size(
    client, city, staff, plenaries, django_assert_max_num_queries
):
    for year in range(2022, 2022 + plenaries):
        core.make_plenary(committee=city, code=f"5-{year - 2021}", year=year)
    Term.objects.create(committee=city, number=4, start_year=2016, end_year=2021)
    client.force_login(staff)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("core:session_list"))

    assert len(response.context["terms"]) == 2
    assert len(response.context["terms"][0].plenaries.all()) == plenaries


def test_an_administrator_adds_a_county_below_the_city(client, city, root):
    client.force_login(root)
    form = client.get(reverse("core:committee_create") + f"?parent={city.pk}")
    assert form.context["form"]["parent"].value() == str(city.pk)

    response = client.post(
        reverse("core:committee_create"),
        {
            "parent": city.pk,
            "level": CommitteeLevel.COUNTY,
            "name": "随县政协",
            "short_name": "随县",
            "code": "suixian",
            "region": "随县",
        },
    )

    assert response.status_code == 302
    county = Committee.objects.get(code="suixian")
    assert (county.parent, county.level, county.short_name) == (city, "county", "随县")
    assert county.history.get().history_user == root


def test_a_level_that_does_not_fit_the_parent_is_shown_on_the_form(client, city, root):
    client.force_login(root)

    response = client.post(
        reverse("core:committee_create"),
        {"parent": city.pk, "level": CommitteeLevel.CITY, "name": "某市政协", "code": "mou"},
    )

    assert response.status_code == 200
    assert "其下级须为县级" in response.context["form"].errors["level"][0]
    assert not Committee.objects.filter(code="mou").exists()


def test_renaming_a_committee_shows_in_its_history(client, city, root):
    client.force_login(root)

    client.post(
        reverse("core:committee_edit", args=[city.pk]),
        {"name": "测试市政协", "short_name": "测试市", "region": "测试区"},
    )
    response = client.get(reverse("core:committee_edit", args=[city.pk]))

    city.refresh_from_db()
    assert city.short_name == "测试市"
    page = response.content.decode()
    assert "修改政协名称" in page and "简称" in page and str(root) in page


def test_a_term_is_added_and_shown_with_its_history(client, city, staff):
    client.force_login(staff)

    response = client.post(
        reverse("core:term_create"),
        {"committee": city.code, "number": 5, "start_year": 2021, "end_year": 2026},
    )
    assert response.status_code == 302
    page = client.get(reverse("core:session_list")).content.decode()

    assert Term.objects.get(committee=city).number == 5
    assert "第5届（2021—2026年）" in page and "新增第5届" in page


def test_a_term_overlapping_another_is_refused_on_the_form(client, city, staff):
    Term.objects.create(committee=city, number=5, start_year=2021, end_year=2026)
    client.force_login(staff)

    response = client.post(
        reverse("core:term_create"),
        {"committee": city.code, "number": 6, "start_year": 2025, "end_year": 2030},
    )

    assert "与第5届（2021—2026年）的年份重叠" in response.context["form"].errors["start_year"][0]
    assert Term.objects.count() == 1


def test_county_staff_cannot_open_the_citys_term(client, city, county, make_user):
    term = Term.objects.create(committee=city, number=5, start_year=2021, end_year=2026)
    client.force_login(make_user(Role.STAFF, county))

    response = client.post(
        reverse("core:term_edit", args=[term.pk]),
        {"number": 5, "start_year": 2021, "end_year": 2030},
    )

    assert response.status_code == 403
    term.refresh_from_db()
    assert term.end_year == 2026


def test_a_plenary_left_without_a_code_takes_term_and_number(client, city, staff):
    term = Term.objects.create(committee=city, number=5, start_year=2021, end_year=2026)
    client.force_login(staff)

    response = client.post(reverse("core:plenary_create"), _plenary_post(term))

    assert response.status_code == 302
    plenary = Plenary.objects.get(committee=city)
    assert (plenary.code, plenary.term, plenary.history.get().history_user) == ("5-1", term, staff)


def test_plenary_dates_out_of_order_are_shown_beside_the_field(client, city, staff):
    plenary = core.make_plenary(committee=city)
    client.force_login(staff)

    response = client.post(
        reverse("core:plenary_edit", args=[plenary.pk]),
        _plenary_post(plenary.term, code="5-1", opens_on="2022-01-10"),
    )

    errors = response.context["form"].errors
    assert "闭幕日期：不能早于开幕日期" in errors["closes_on"][0]
    assert "大会提案征集开始" not in str(errors.get("opens_on", ""))
    plenary.refresh_from_db()
    assert plenary.opens_on == dt.date(2022, 1, 5)


def test_the_plenary_form_shows_its_history(client, city, staff):
    plenary = core.make_plenary(committee=city)
    client.force_login(staff)

    client.post(
        reverse("core:plenary_edit", args=[plenary.pk]),
        _plenary_post(plenary.term, code="5-1", name="测试市政协五届一次全体会议"),
    )
    response = client.get(reverse("core:plenary_edit", args=[plenary.pk]))

    page = response.content.decode()
    assert "修改会议：测试市政协五届一次全体会议" in page
    assert "测试市政协五届一次全体会议" in page and str(staff) in page


def test_the_superuser_places_the_city_under_a_province_from_its_page(client, city, root):
    province = Committee.objects.create(code="hubei", name="某省政协", level="provincial")
    client.force_login(root)
    page = client.get(reverse("core:committee_edit", args=[city.pk]))
    assert 'data-testid="committee-move-form"' in page.content.decode()

    response = client.post(
        reverse("core:committee_move", args=[city.pk]),
        {"parent": province.pk, "reason": "省政协启用平台"},
        follow=True,
    )

    city.refresh_from_db()
    assert city.parent == province
    text = response.content.decode()
    assert "已将“测试市政协”调整到“某省政协”之下" in text
    assert "调整上级政协：省政协启用平台" in text  # the history on the page


def test_a_refused_move_is_shown_beside_its_field(client, city, county, root):
    client.force_login(root)

    response = client.post(
        reverse("core:committee_move", args=[county.pk]), {"parent": "", "reason": ""}
    )

    assert response.status_code == 200
    assert "调整原因" in response.context["move_form"].errors["reason"][0]
    response = client.post(
        reverse("core:committee_move", args=[county.pk]), {"parent": "", "reason": "撤市"}
    )
    assert "县级政协须在市级政协之下" in response.context["move_form"].errors["parent"][0]
    county.refresh_from_db()
    assert county.parent == city


def test_a_committee_administrator_has_no_move_form_and_may_not_post_one(
    client, city, county, make_user
):
    admin = make_user(Role.ADMIN, city)
    client.force_login(admin)

    page = client.get(reverse("core:committee_edit", args=[county.pk]))
    response = client.post(
        reverse("core:committee_move", args=[county.pk]), {"parent": "", "reason": "撤县"}
    )

    assert page.status_code == 200
    assert 'data-testid="committee-move-form"' not in page.content.decode()
    assert response.status_code == 403
    county.refresh_from_db()
    assert county.parent == city
