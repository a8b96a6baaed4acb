"""The services behind 政协管理 and 届次与会议: who may change what, per committee and role;
each refusal of bad input with its message; history of every change."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import SimpleLazyObject

from zhengxie.core import factories as core
from zhengxie.core.committee_overview import list_session_changes
from zhengxie.core.models import Committee, CommitteeLevel, Plenary, Role, Term
from zhengxie.core.permissions import readable_committee_ids
from zhengxie.core.selectors import current_plenary
from zhengxie.core.services.committees import create_committee, move_committee, rename_committee
from zhengxie.core.services.sessions import (
    PlenaryFields,
    TermFields,
    add_plenary,
    add_term,
    edit_plenary,
    edit_term,
)
from zhengxie.insights.selectors import annual_figures
from zhengxie.proposals import factories as proposals

D = dt.date


def _superuser():
    user = core.make_user(username="root")
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


@pytest.fixture
def term(city):
    return Term.objects.create(
        committee=city, number=5, start_year=2021, end_year=2026, is_current=True
    )


def _plenary_fields(term: Term, **changes) -> PlenaryFields:
    fields = {
        "term": term,
        "session": 1,
        "code": f"{term.number}-1",
        "name": "测试市政协五届一次会议",
        "opens_on": D(2022, 1, 5),
        "closes_on": D(2022, 1, 8),
        "intake_opens_on": D(2021, 12, 1),
        "intake_closes_on": D(2022, 1, 7),
    }
    return PlenaryFields(**{**fields, **changes})


def _messages(error: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return error.value.message_dict


# ---- who may ------------------------------------------------------------------------------

SESSION_ROLES = [
    (Role.STAFF, "city", True),
    (Role.ADMIN, "city", True),
    (Role.STAFF, "county", False),
    (Role.ADMIN, "county", False),
    (Role.MEMBER, "city", False),
    (Role.UNIT, "city", False),
    (Role.LEADER, "city", False),
    (Role.CONVENOR, "city", False),
    (Role.RESIDENT, "city", False),
]


@pytest.mark.parametrize(("role", "where", "allowed"), SESSION_ROLES)
def test_only_the_committees_own_office_adds_its_terms(city, county, role, where, allowed):
    # given a person holding the role in the city or in its county
    actor = core.make_user(role=role, committee={"city": city, "county": county}[where])
    data = TermFields(number=6, start_year=2026, end_year=2031)
    # when they add a term to the city
    if allowed:
        term = add_term(actor=actor, committee=city, data=data)
        # then it is there
        assert Term.objects.get(pk=term.pk).number == 6
    else:
        with pytest.raises(PermissionDenied):
            add_term(actor=actor, committee=city, data=data)
        # then nothing is written
        assert not Term.objects.exists()


@pytest.mark.parametrize(("role", "where", "allowed"), SESSION_ROLES)
def test_only_the_committees_own_office_edits_its_plenaries(
    city, county, term, role, where, allowed
):
    plenary = add_plenary(actor=_superuser(), committee=city, data=_plenary_fields(term))
    actor = core.make_user(role=role, committee={"city": city, "county": county}[where])
    later = _plenary_fields(term, closes_on=D(2022, 1, 9))

    if allowed:
        edit_plenary(actor=actor, plenary=plenary, data=later)
    else:
        with pytest.raises(PermissionDenied):
            edit_plenary(actor=actor, plenary=plenary, data=later)

    plenary.refresh_from_db()
    assert plenary.closes_on == (D(2022, 1, 9) if allowed else D(2022, 1, 8))


def test_a_city_administrator_keeps_its_counties_sessions_but_city_staff_do_not(city, county):
    admin = core.make_user(role=Role.ADMIN, committee=city)
    staff = core.make_user(role=Role.STAFF, committee=city)
    data = TermFields(number=5, start_year=2021, end_year=2026)

    with pytest.raises(PermissionDenied):
        add_term(actor=staff, committee=county, data=data)
    term = add_term(actor=admin, committee=county, data=data)

    assert term.committee == county


@pytest.mark.parametrize(
    "role", [Role.STAFF, Role.MEMBER, Role.UNIT, Role.LEADER, Role.CONVENOR, Role.RESIDENT]
)
def test_only_administrators_add_committees(city, role):
    actor = core.make_user(role=role, committee=city)

    with pytest.raises(PermissionDenied, match="系统管理员"):
        create_committee(
            actor=actor, parent=city, code="new", name="新县政协", level=CommitteeLevel.COUNTY
        )

    assert not Committee.objects.filter(code="new").exists()


def test_a_new_county_is_readable_at_once_by_the_administrator_of_the_request(city):
    # given the administrator as a request holds them (a lazy wrapper), their committees read
    admin = SimpleLazyObject(lambda: core.make_user(role=Role.ADMIN, committee=city))
    assert readable_committee_ids(admin) == {city.pk}
    # when they add a county in the same request
    county = create_committee(
        actor=admin, parent=city, code="xian", name="某县政协", level=CommitteeLevel.COUNTY
    )
    # then the answer kept on them is forgotten, and the county is theirs to read
    assert readable_committee_ids(admin) == {city.pk, county.pk}


def test_a_city_administrator_adds_a_county_below_it_but_nothing_at_the_top(city):
    admin = core.make_user(role=Role.ADMIN, committee=city)

    county = create_committee(
        actor=admin, parent=city, code="xian", name="某县政协", level=CommitteeLevel.COUNTY
    )
    with pytest.raises(PermissionDenied):
        create_committee(actor=admin, parent=None, code="prov", name="某省政协", level="provincial")

    county.refresh_from_db()
    assert (county.parent, county.level) == (city, CommitteeLevel.COUNTY)
    assert not Committee.objects.filter(code="prov").exists()


def test_a_county_administrator_cannot_rename_its_city(city, county):
    admin = core.make_user(role=Role.ADMIN, committee=county)

    with pytest.raises(PermissionDenied):
        rename_committee(actor=admin, committee=city, name="改名", short_name="", region="")

    assert rename_committee(
        actor=admin, committee=county, name="测试县政协（新）", short_name="测试县", region=""
    )
    county.refresh_from_db()
    city.refresh_from_db()
    assert (county.name, city.name) == ("测试县政协（新）", "测试市政协")


# ---- a committee under a new parent -------------------------------------------------------


@pytest.fixture
def root(db):
    return _superuser()


@pytest.fixture
def lone_province(root):
    """A province that adopts the platform after the test city was set up on its own."""
    return create_committee(
        actor=root, parent=None, code="hubei", name="某省政协", level="provincial"
    )


def _move(actor, committee, parent, reason="省政协启用平台"):
    return move_committee(actor=actor, committee=committee, parent=parent, reason=reason)


@pytest.mark.parametrize(
    ("role", "where"),
    [
        (Role.ADMIN, "province"),
        (Role.ADMIN, "city"),
        (Role.STAFF, "province"),
        (Role.STAFF, "city"),
        (Role.LEADER, "province"),
        (Role.MEMBER, "city"),
    ],
)
def test_only_the_superuser_places_a_committee_under_a_new_parent(city, lone_province, role, where):
    # given a person holding the role in the province that adopts the platform or in the city
    actor = core.make_user(role=role, committee={"city": city, "province": lone_province}[where])

    # when they place the city under the province
    with pytest.raises(PermissionDenied, match="系统管理员"):
        _move(actor, city, lone_province)

    # then the city stays at the top, with no history of the attempt
    city.refresh_from_db()
    assert city.parent is None
    assert city.history.count() == 1


def test_the_superuser_places_a_city_under_its_province_with_who_and_why(city, lone_province, root):
    _move(root, city, lone_province, reason="  省政协启用平台  ")

    city.refresh_from_db()
    assert city.parent == lone_province
    latest = city.history.latest("history_id")
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
        "~",
        root,
        "调整上级政协：省政协启用平台",
    )
    assert latest.diff_against(latest.prev_record).changed_fields == ["parent"]


def test_a_move_needs_a_reason(city, lone_province, root):
    with pytest.raises(ValidationError) as error:
        _move(root, city, lone_province, reason="  ")

    assert "调整原因：不能为空" in _messages(error)["reason"][0]
    city.refresh_from_db()
    assert city.parent is None


@pytest.mark.parametrize(
    ("moved", "parent", "message"),
    [
        # a county goes under a city, never under the province or at the top
        ("county", "province", "上级政协：“某省政协”是省级，“测试县政协”是县级，不能在它之下"),
        ("county", None, "上级政协：县级政协须在市级政协之下"),
        # a city goes under a province, never under another city or a county
        ("city", "other_city", "上级政协：“另一市政协”是市级，“测试市政协”是市级，不能在它之下"),
        # a committee cannot go under itself nor under one below it
        ("city", "city", "上级政协：“测试市政协”是“测试市政协”本身或它的下级"),
        ("city", "county", "上级政协：“测试县政协”是“测试市政协”本身或它的下级"),
        # nor where it already is
        ("county", "city", "上级政协：与现在的相同"),
    ],
)
def test_a_move_keeps_the_trees_levels_and_makes_no_loop(
    city, county, lone_province, root, moved, parent, message
):
    committees = {
        "city": city,
        "county": county,
        "province": lone_province,
        "other_city": core.make_committee(code="other", name="另一市政协"),
        None: None,
    }
    before = {c.pk: c.parent_id for c in Committee.objects.all()}

    with pytest.raises(ValidationError) as error:
        _move(root, committees[moved], committees[parent])

    assert message in _messages(error)["parent"][0]
    assert {c.pk: c.parent_id for c in Committee.objects.all()} == before


def test_a_county_moves_to_another_city_and_a_city_back_to_the_top(
    city, county, lone_province, root
):
    other_city = core.make_committee(code="other", name="另一市政协")
    _move(root, city, lone_province)

    _move(root, county, other_city, reason="行政区划调整")
    _move(root, city, None, reason="省政协停用平台")

    county.refresh_from_db()
    city.refresh_from_db()
    assert (county.parent, city.parent) == (other_city, None)


def test_after_the_move_the_provinces_office_reads_the_citys_figures(
    city, county, lone_province, root
):
    # given a member in the city and one in its county, and the province's office
    core.make_member(committee=city)
    core.make_member(committee=county)
    office = core.make_user(role=Role.STAFF, committee=lone_province)
    year = dt.date.today().year
    # before the move, the province reads neither (and its figures are cached so)
    assert readable_committee_ids(office) == {lone_province.pk}
    assert annual_figures(committee=lone_province, year=year)["members"]["total"] == 0

    # when the superuser places the city under the province
    _move(root, city, lone_province)

    # then the province's office, on its next request, reads the city and its county, and
    # the province's cached figures count both members
    office = type(office).objects.get(pk=office.pk)
    assert readable_committee_ids(office) == {lone_province.pk, city.pk, county.pk}
    assert annual_figures(committee=lone_province, year=year)["members"]["total"] == 2


def test_the_superusers_kept_committee_ids_follow_the_move(city, lone_province, root):
    # given the superuser's answers kept on the user object
    readable_committee_ids(root)
    _move(root, city, lone_province)

    assert root.__dict__.get("_zx_committee_ids") is None


# ---- committees: bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("parent", "level", "field", "message"),
    [
        ("city", CommitteeLevel.CITY, "level", "级别：上级政协“测试市政协”是市级，其下级须为县级"),
        ("county", CommitteeLevel.COUNTY, "parent", "上级政协：县级政协之下不设下级政协"),
        (None, CommitteeLevel.COUNTY, "level", "级别：没有上级政协的只能是省级或市级政协"),
    ],
)
def test_a_committees_level_follows_its_parents(city, county, parent, level, field, message):
    parents = {"city": city, "county": county, None: None}

    with pytest.raises(ValidationError) as error:
        create_committee(
            actor=_superuser(), parent=parents[parent], code="x", name="新政协", level=level
        )

    assert message in _messages(error)[field][0]
    assert not Committee.objects.filter(code="x").exists()


def test_a_committees_code_and_name_are_its_own(city, county):
    with pytest.raises(ValidationError) as error:
        create_committee(
            actor=_superuser(),
            parent=city,
            code="county",
            name="测试县政协",
            level=CommitteeLevel.COUNTY,
        )

    messages = _messages(error)
    assert "代码：“county”已被“测试县政协”使用" in messages["code"][0]
    assert "名称：已有名为“测试县政协”的政协" in messages["name"][0]


def test_a_code_with_spaces_is_refused(city):
    with pytest.raises(ValidationError) as error:
        create_committee(
            actor=_superuser(), parent=city, code="a b", name="新县", level=CommitteeLevel.COUNTY
        )

    assert "代码：只能由英文字母、数字、连字符和下划线组成" in _messages(error)["code"][0]


def test_creating_and_renaming_keep_who_and_why_in_history(city):
    root = _superuser()

    county = create_committee(
        actor=root, parent=city, code="xian", name="某县政协", level=CommitteeLevel.COUNTY
    )
    rename_committee(actor=root, committee=county, name="某县政协", short_name="某县", region="")

    versions = list(county.history.order_by("history_id"))
    assert [(v.history_type, v.history_user, v.history_change_reason) for v in versions] == [
        ("+", root, "新建政协"),
        ("~", root, "修改政协名称"),
    ]
    assert versions[1].diff_against(versions[0]).changed_fields == ["short_name"]


def test_renaming_to_the_same_names_writes_nothing(city):
    root = _superuser()

    changed = rename_committee(
        actor=root, committee=city, name=city.name, short_name=city.short_name, region=city.region
    )

    assert changed is False
    assert city.history.count() == 1


# ---- terms: bad input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (TermFields(6, 2031, 2026), "end_year", "结束年份：不能早于起始年份（2031年）"),
        (TermFields(6, 2024, 2029), "start_year", "起始年份：与第5届（2021—2026年）的年份重叠"),
        (TermFields(5, 2026, 2031), "number", "届次：本政协已有第5届"),
        (TermFields(6, 1026, 2031), "start_year", "起始年份：须在1949年至2100年之间"),
    ],
)
def test_a_bad_term_is_refused_naming_the_field(city, staff, term, data, field, message):
    with pytest.raises(ValidationError) as error:
        add_term(actor=staff, committee=city, data=data)

    assert message in _messages(error)[field][0]
    assert list(Term.objects.values_list("number", flat=True)) == [5]


def test_successive_terms_share_the_year_one_ends_and_the_next_begins(city, staff, term):
    nxt = add_term(actor=staff, committee=city, data=TermFields(6, 2026, 2031, is_current=True))

    term.refresh_from_db()
    assert nxt.is_current and not term.is_current
    assert term.history.latest().history_user == staff


def test_a_terms_years_keep_its_plenaries_inside(city, staff, term):
    add_plenary(actor=staff, committee=city, data=_plenary_fields(term))

    with pytest.raises(ValidationError) as error:
        edit_term(actor=staff, term=term, data=TermFields(5, 2023, 2027, is_current=True))

    assert "本届的“测试市政协五届一次会议”在2022年召开" in _messages(error)["start_year"][0]
    term.refresh_from_db()
    assert term.start_year == 2021


def test_a_term_with_plenaries_keeps_its_number(city, staff, term):
    add_plenary(actor=staff, committee=city, data=_plenary_fields(term))

    with pytest.raises(ValidationError) as error:
        edit_term(actor=staff, term=term, data=TermFields(4, 2021, 2026, is_current=True))

    assert "届次：本届已有会议记录，不能再修改届次" in _messages(error)["number"][0]


def test_an_unused_term_may_be_renumbered(city, staff, term):
    edited = edit_term(actor=staff, term=term, data=TermFields(4, 2021, 2026, is_current=True))

    term.refresh_from_db()
    assert edited.number == term.number == 4


# ---- plenaries: bad input -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"closes_on": D(2022, 1, 4)}, "closes_on", "闭幕日期：不能早于开幕日期"),
        (
            {"intake_closes_on": D(2021, 11, 30)},
            "intake_closes_on",
            "大会提案截止：不能早于征集开始日期",
        ),
        ({"intake_closes_on": D(2022, 1, 9)}, "intake_closes_on", "大会提案截止：不能晚于闭幕日期"),
        (
            {"intake_opens_on": D(2022, 1, 6)},
            "intake_opens_on",
            "大会提案征集开始：不能晚于开幕日期",
        ),
        (
            {
                "opens_on": D(2027, 1, 5),
                "closes_on": D(2027, 1, 8),
                "intake_opens_on": D(2026, 12, 1),
                "intake_closes_on": D(2027, 1, 7),
            },
            "opens_on",
            "开幕日期：须在第5届的年份（2021—2026年）之内",
        ),
        ({"name": "  "}, "name", "名称：不能为空"),
    ],
)
def test_a_bad_plenary_is_refused_naming_the_field(city, staff, term, changes, field, message):
    with pytest.raises(ValidationError) as error:
        add_plenary(actor=staff, committee=city, data=_plenary_fields(term, **changes))

    assert message in _messages(error)[field][0]
    assert not Plenary.objects.exists()


def test_a_second_plenary_may_not_repeat_the_number_code_or_intake_window(city, staff, term):
    add_plenary(actor=staff, committee=city, data=_plenary_fields(term))

    with pytest.raises(ValidationError) as error:
        add_plenary(actor=staff, committee=city, data=_plenary_fields(term, name="重复的会议"))

    messages = _messages(error)
    assert "次：第5届已有第1次会议（测试市政协五届一次会议）" in messages["session"][0]
    assert "代码：本政协已有代码为“5-1”的会议" in messages["code"][0]
    assert (
        "大会提案征集开始：征集时间与“测试市政协五届一次会议”（2021-12-01至2022-01-07）重叠"
        in messages["intake_opens_on"][0]
    )
    assert Plenary.objects.count() == 1


def test_a_plenary_belongs_to_a_term_of_its_own_committee(city, county, staff, term):
    with pytest.raises(ValidationError) as error:
        add_plenary(actor=_superuser(), committee=county, data=_plenary_fields(term))

    assert "所属届：须为本政协的届" in _messages(error)["term"][0]


def test_a_plenary_with_proposals_keeps_its_term_number_and_code(city, staff, term):
    # given a plenary a proposal was submitted in
    plenary = add_plenary(actor=staff, committee=city, data=_plenary_fields(term))
    proposals.make_submitted(committee=city)
    other = add_term(actor=staff, committee=city, data=TermFields(6, 2026, 2031))
    # when the office moves it to another term and renumbers it
    with pytest.raises(ValidationError) as error:
        edit_plenary(
            actor=staff,
            plenary=plenary,
            data=_plenary_fields(other, session=2, code="6-2"),
        )
    # then each field says why it stays
    messages = _messages(error)
    assert set(messages) >= {"term", "session", "code"}
    assert "代码：本次会议已有提案记录，不能再修改所属届、次和代码" in messages["code"][0]
    plenary.refresh_from_db()
    assert (plenary.term, plenary.session, plenary.code) == (term, 1, "5-1")


def test_a_plenary_with_proposals_may_still_extend_its_intake(city, staff, term):
    plenary = add_plenary(actor=staff, committee=city, data=_plenary_fields(term))
    proposals.make_submitted(committee=city)

    edited = edit_plenary(
        actor=staff, plenary=plenary, data=_plenary_fields(term, intake_closes_on=D(2022, 1, 8))
    )

    plenary.refresh_from_db()
    assert edited.intake_closes_on == plenary.intake_closes_on == D(2022, 1, 8)


def test_an_unused_plenary_may_be_renumbered(city, staff, term):
    plenary = add_plenary(actor=staff, committee=city, data=_plenary_fields(term))

    edit_plenary(actor=staff, plenary=plenary, data=_plenary_fields(term, session=2, code="5-2"))

    plenary.refresh_from_db()
    assert (plenary.session, plenary.code) == (2, "5-2")


def test_every_change_of_terms_and_plenaries_is_in_the_committees_history(city, staff, term):
    plenary = add_plenary(actor=staff, committee=city, data=_plenary_fields(term))
    edit_plenary(actor=staff, plenary=plenary, data=_plenary_fields(term, closes_on=D(2022, 1, 9)))

    changes = list_session_changes(committee=city)

    newest = changes[0]
    assert newest.subject == "测试市政协五届一次会议"
    assert (newest.entry.who, newest.entry.action) == (str(staff), "修改")
    assert [(c.field, c.old, c.new) for c in newest.entry.changes] == [
        ("闭幕日期", "2022-01-08", "2022-01-09")
    ]
    assert changes[1].entry.reason == "新增会议：测试市政协五届一次会议"


def test_the_current_plenary_is_the_one_whose_intake_opened_last(city, staff, term):
    first = add_plenary(actor=staff, committee=city, data=_plenary_fields(term))
    second = add_plenary(
        actor=staff,
        committee=city,
        data=_plenary_fields(
            term,
            session=2,
            code="5-2",
            name="二次会议",
            opens_on=D(2023, 1, 5),
            closes_on=D(2023, 1, 8),
            intake_opens_on=D(2022, 12, 1),
            intake_closes_on=D(2023, 1, 7),
        ),
    )

    assert current_plenary(city, D(2022, 6, 1)) == first
    assert current_plenary(city, D(2022, 12, 1)) == second
    assert current_plenary(city, D(2021, 1, 1)) is None


def test_a_plenary_moved_to_another_term_reads_as_the_terms_in_history(city, staff, term):
    # given an unused plenary, and the term it belongs to in fact
    plenary = add_plenary(actor=staff, committee=city, data=_plenary_fields(term))
    later = add_term(actor=staff, committee=city, data=TermFields(6, 2026, 2031))
    # when the office moves it and its dates into that term
    edit_plenary(
        actor=staff,
        plenary=plenary,
        data=_plenary_fields(
            later,
            code="6-1",
            opens_on=D(2027, 1, 5),
            closes_on=D(2027, 1, 8),
            intake_opens_on=D(2026, 12, 1),
            intake_closes_on=D(2027, 1, 7),
        ),
    )
    # then the history names the terms, not their ids
    entry = list_session_changes(committee=city)[0].entry
    assert ("所属届", "第5届", "第6届") in [(c.field, c.old, c.new) for c in entry.changes]
