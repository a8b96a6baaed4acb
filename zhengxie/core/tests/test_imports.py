import datetime as dt

import pytest

from zhengxie.core.factories import (
    make_member,
    make_roster_dictionaries,
    make_roster_row,
    make_roster_workbook,
    make_town,
    make_user,
)
from zhengxie.core.imports import (
    RosterFileError,
    apply_rows,
    export_roster,
    read_workbook,
    validate_rows,
)
from zhengxie.core.models import Member, Role
from zhengxie.search.everything import EverythingQuery, search_everything


def check(committee, rows, **kwargs):
    return validate_rows(
        committee=committee, rows=read_workbook(make_roster_workbook(rows, **kwargs))
    )


def messages(committee, rows, **kwargs):
    return [str(e) for e in check(committee, rows, **kwargs).errors]


@pytest.fixture
def roster_city(city):
    make_roster_dictionaries(committee=city)
    return city


def test_valid_row_is_read_into_member_fields(roster_city):
    result = check(roster_city, [make_roster_row(是否常委="是")])

    assert result.ok
    number, values = result.rows[0]
    assert number == 2
    assert values["name"] == "李明"
    assert values["gender"] == "M"
    assert values["birth_month"] == dt.date(1980, 5, 1)
    assert values["sector"].name == "经济界"
    assert values["is_standing"] is True


@pytest.mark.parametrize(
    "cell", ["1980-05", "1980/5", "1980年5月", "1980.05", dt.datetime(1980, 5, 17)]
)
def test_birth_month_accepts_the_usual_spellings_and_excel_dates(roster_city, cell):
    result = check(roster_city, [make_roster_row(出生年月=cell)])

    assert result.rows[0][1]["birth_month"] == dt.date(1980, 5, 1)


def test_names_and_headers_are_normalised(roster_city):
    headers = ["　姓 名", "性别 ", "手机号码"]
    result = check(
        roster_city,
        [{"　姓 名": " 李　明 ", "性别 ": "男", "手机号码": "１３９００００００01"}],
        headers=headers,
    )

    assert result.ok, result.errors
    assert result.rows[0][1]["name"] == "李明"
    assert result.rows[0][1]["mobile"] == "13900000001"


def test_mobile_stored_by_excel_as_a_number_is_read(roster_city):
    result = check(roster_city, [make_roster_row(手机号码=13900000001)])

    assert result.rows[0][1]["mobile"] == "13900000001"


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"姓名": ""}, "第2行：姓名：必填"),
        ({"性别": "未知"}, "第2行：性别：应为“男”或“女”，而不是“未知”"),
        ({"手机号码": "1390000"}, "第2行：手机号码：“1390000”不是有效的 11 位手机号码"),
        ({"手机号码": ""}, "第2行：手机号码：必填"),
        ({"界别": "不存在界"}, "第2行：界别：未知的界别“不存在界”"),
        ({"专委会": "无此委"}, "第2行：专委会：未知的专委会“无此委”"),
        ({"报到乡镇街道": "火星镇"}, "第2行：报到乡镇街道：未知的乡镇街道“火星镇”"),
        ({"出生年月": "八十年代"}, "第2行：出生年月：无法识别的日期“八十年代”"),
        ({"出生年月": "1980-13"}, "第2行：出生年月：日期“1980-13”超出范围"),
        ({"是否常委": "也许"}, "第2行：是否常委：应为“是”或“否”，而不是“也许”"),
        ({"工作单位及职务": "长" * 121}, "第2行：工作单位及职务：超过 120 个字"),
    ],
)
def test_each_bad_cell_is_named_by_row_and_field(roster_city, cells, expected):
    errors = messages(roster_city, [make_roster_row(**cells)])

    assert len(errors) == 1
    assert errors[0].startswith(expected)


def test_every_bad_row_is_reported_with_its_spreadsheet_row(roster_city):
    rows = [
        make_roster_row(),
        make_roster_row(姓名="王芳", 手机号码="123"),
        make_roster_row(姓名="赵强", 手机号码="13900000003", 界别="无"),
    ]

    errors = messages(roster_city, rows)

    assert [e.split("：")[0] for e in errors] == ["第3行", "第4行"]


def test_the_same_person_twice_in_the_file_is_a_duplicate(roster_city):
    errors = messages(roster_city, [make_roster_row(), make_roster_row(姓名=" 李 明")])

    assert errors == ["第3行：姓名：与第2行是同一人，重复"]


def test_blank_rows_are_skipped_but_row_numbers_stay_true(roster_city):
    errors = messages(roster_city, [make_roster_row(), {}, make_roster_row(姓名="王芳", 性别="")])

    assert errors == ["第4行：性别：必填"]


def test_missing_or_unknown_headers_reject_the_file(roster_city):
    with pytest.raises(RosterFileError, match="缺少列“手机号码”"):
        read_workbook(make_roster_workbook([], headers=["姓名", "性别"]))
    with pytest.raises(RosterFileError, match="无法识别的列“爱好”"):
        read_workbook(make_roster_workbook([], headers=["姓名", "性别", "手机号码", "爱好"]))


def test_a_file_that_is_not_a_workbook_is_rejected():
    with pytest.raises(RosterFileError, match="不是有效的 Excel"):
        read_workbook(b"name,mobile\n")


def test_city_members_may_report_to_towns_of_its_counties(roster_city, county, other_county):
    town = make_town(committee=county, name="厉山镇")

    result = check(roster_city, [make_roster_row(报到乡镇街道="厉山镇")])

    assert result.rows[0][1]["town"] == town


def test_a_county_may_not_use_another_countys_town(county, other_county):
    make_roster_dictionaries(committee=county)
    make_town(committee=other_county, name="厉山镇")

    errors = messages(county, [make_roster_row(报到乡镇街道="厉山镇")])

    assert errors == ["第2行：报到乡镇街道：未知的乡镇街道“厉山镇”"]


def test_apply_creates_then_reimport_changes_nothing(roster_city):
    rows = check(
        roster_city,
        [make_roster_row(), make_roster_row(姓名="王芳", 性别="女", 手机号码="13900000002")],
    ).rows
    first = apply_rows(committee=roster_city, rows=rows)
    history_count = Member.history.count()

    again = apply_rows(committee=roster_city, rows=rows)

    assert (first.created, first.updated) == (2, 0)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Member.history.count() == history_count
    assert Member.objects.filter(committee=roster_city).count() == 2


def test_reimport_updates_changed_fields_with_history(roster_city):
    member = make_member(committee=roster_city, name="李明", mobile="13900000001")
    rows = check(roster_city, [make_roster_row(工作单位及职务="新单位 主任")]).rows

    result = apply_rows(committee=roster_city, rows=rows)

    member.refresh_from_db()
    assert result.updated == 1
    assert member.work_title == "新单位 主任"
    assert member.history.first().history_change_reason == "名册导入"


def test_imported_and_updated_people_are_found_by_the_office_at_once(roster_city):
    # given a member whose work title the file changes, and a new person
    make_member(committee=roster_city, name="李明", mobile="13900000001")
    rows = check(
        roster_city,
        [
            make_roster_row(工作单位及职务="湿地保护中心 主任"),
            make_roster_row(姓名="王芳", 性别="女", 手机号码="13900000002"),
        ],
    ).rows
    # when the roster is imported
    apply_rows(committee=roster_city, rows=rows)
    # then the office's search finds both, the changed title included
    office = make_user(role=Role.STAFF, committee=roster_city)
    hits = search_everything(office, EverythingQuery(text="湿地保护")).results
    assert [hit.object_id for hit in hits] == [Member.objects.get(name="李明").pk]
    assert search_everything(office, EverythingQuery(text="王芳")).results


def test_export_reads_back_as_the_same_roster(roster_city):
    rows = check(roster_city, [make_roster_row(是否常委="是")]).rows
    apply_rows(committee=roster_city, rows=rows)

    exported = read_workbook(export_roster(committee=roster_city))
    again = validate_rows(committee=roster_city, rows=exported)

    assert again.ok
    assert again.rows[0][1] == rows[0][1]
    assert apply_rows(committee=roster_city, rows=again.rows).unchanged == 1


def test_reimport_brings_a_deactivated_member_back(roster_city):
    member = make_member(committee=roster_city, name="李明", mobile="13900000001", is_active=False)
    rows = check(roster_city, [make_roster_row()]).rows

    result = apply_rows(committee=roster_city, rows=rows)

    member.refresh_from_db()
    assert result.updated == 1
    assert member.is_active


def test_a_county_town_shadowed_by_a_city_town_resolves_to_the_citys(roster_city, county):
    make_town(committee=county, name="洪山镇")
    own = make_town(committee=roster_city, name="洪山镇")

    result = check(roster_city, [make_roster_row()])

    assert result.rows[0][1]["town"] == own


def test_a_town_named_alike_in_two_counties_is_refused(roster_city, county, other_county):
    make_town(committee=county, name="东城街道")
    make_town(committee=other_county, name="东城街道")

    errors = messages(roster_city, [make_roster_row(报到乡镇街道="东城街道")])

    assert errors == ["第2行：报到乡镇街道：“东城街道”在多个县市区重名，请联系管理员"]


def test_a_file_without_a_column_leaves_that_field_alone(roster_city):
    member = make_member(
        committee=roster_city, name="李明", mobile="13900000001", is_standing=True, ethnicity="回族"
    )
    headers = ["姓名", "性别", "手机号码", "工作单位及职务"]
    rows = check(roster_city, [make_roster_row(工作单位及职务="新职务")], headers=headers).rows

    apply_rows(committee=roster_city, rows=rows)

    member.refresh_from_db()
    assert (member.is_standing, member.ethnicity, member.work_title) == (True, "回族", "新职务")
