"""The rules registry: declarations, the cached reader, and the validating service."""

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError

from zhengxie.core.forms.rules import CommitteeSettingForm
from zhengxie.core.models import CommitteeSetting, Role
from zhengxie.core.rules import (
    CodeList,
    Integer,
    Pairs,
    Record,
    Rule,
    Text,
    declaration,
    declarations,
    register,
    rule,
)
from zhengxie.core.services.rules import set_rule

REPLY_MONTHS = "proposals.reply_months"


def test_every_app_declares_its_rules_once_with_label_and_source():
    keys = {r.key for r in declarations()}
    for app in ("proposals", "opinions", "grassroots", "portal", "duty", "activities"):
        assert any(k.startswith(f"{app}.") for k in keys), app
    assert all(str(r.label) and r.source for r in declarations())


def test_a_committee_reads_the_default_until_it_sets_its_own(city, county):
    # given
    assert rule(city, REPLY_MONTHS) == 3
    # when
    set_rule(actor=None, committee=city, key=REPLY_MONTHS, value=2)
    # then the city reads its own value at once, and its county keeps the default
    assert rule(city, REPLY_MONTHS) == 2
    assert rule(county.pk, REPLY_MONTHS) == 3


def test_a_value_of_the_wrong_kind_is_refused_naming_the_rule(city):
    with pytest.raises(ValidationError) as refused:
        set_rule(actor=None, committee=city, key=REPLY_MONTHS, value=0)

    assert "办理期限（月）" in refused.value.messages[0]
    assert "不能小于 1" in refused.value.messages[0]
    assert not CommitteeSetting.objects.exists()


def test_a_change_keeps_who_and_why(city, staff):
    set_rule(actor=staff, committee=city, key=REPLY_MONTHS, value=4, reason="常委会决定")
    set_rule(actor=staff, committee=city, key=REPLY_MONTHS, value=5)

    setting = CommitteeSetting.objects.get(committee=city, key=REPLY_MONTHS)
    rows = list(setting.history.order_by("history_id"))
    assert [(r.value, r.history_user, r.history_change_reason) for r in rows] == [
        (4, staff, "常委会决定"),
        (5, staff, "修改规则：办理期限（月）"),
    ]


def test_only_the_committees_office_sets_its_rules(city, make_user):
    member = make_user(Role.MEMBER, city)

    with pytest.raises(PermissionDenied):
        set_rule(actor=member, committee=city, key=REPLY_MONTHS, value=2)


def test_a_row_changed_outside_the_service_is_read_anew(city):
    # given a cached read
    assert rule(city, REPLY_MONTHS) == 3
    # when an administrator's edit saves the row directly
    CommitteeSetting.objects.create(committee=city, key=REPLY_MONTHS, value=5)
    # then
    assert rule(city, REPLY_MONTHS) == 5


def test_a_stored_value_that_no_longer_fits_reads_as_the_default(city):
    CommitteeSetting.objects.create(committee=city, key=REPLY_MONTHS, value="three")

    assert rule(city, REPLY_MONTHS) == 3


def test_readers_get_a_copy_they_may_change(city):
    classes = rule(city, "proposals.result_classes")
    classes.append({"code": "Z", "label": "改坏"})

    assert [c["code"] for c in rule(city, "proposals.result_classes")] == ["A", "B", "C"]


def test_a_default_that_does_not_fit_its_kind_stops_the_start_up():
    bad = Rule("test.bad", "坏规则", Integer(min=1), 0, "测试")

    with pytest.raises(ImproperlyConfigured):
        register([bad])
    with pytest.raises(ImproperlyConfigured):
        declaration("test.bad")


def test_a_key_declared_twice_differently_stops_the_start_up():
    twin = Rule(REPLY_MONTHS, "另一个", Integer(min=1), 3, "测试")

    with pytest.raises(ImproperlyConfigured):
        register([twin])


@pytest.mark.parametrize(
    ("kind", "value", "problem"),
    [
        (CodeList(), [{"code": "A", "label": "甲"}, {"code": "A", "label": "乙"}], "代码有重复"),
        (CodeList(), [["A", "甲"]], "代码（code）和名称（label）"),
        (Record({"a": Integer(label="甲项")}), {}, "缺少：a"),
        (Record({"a": Integer(label="甲项")}), {"a": "x"}, "甲项：须为整数"),
        (Pairs(Text(), Integer(), order="desc", by=1), [["x", 1], ["y", 2]], "从大到小"),
        (Integer(max=5), True, "须为整数"),
    ],
)
def test_kinds_say_what_is_wrong(kind, value, problem):
    declared = Rule("test.kind", "测试规则", kind, None, "测试")

    with pytest.raises(ValidationError) as refused:
        declared.clean(value)

    assert "测试规则" in refused.value.messages[0]
    assert problem in refused.value.messages[0]


def test_the_admin_form_checks_the_value_against_the_declaration(city):
    form = CommitteeSettingForm(
        data={"committee": city.pk, "key": "duty.grade_bands", "value": '[["excellent", 50]]'}
    )

    assert form.is_valid()
    form = CommitteeSettingForm(
        data={
            "committee": city.pk,
            "key": "duty.grade_bands",
            "value": '[["good", 50], ["excellent", 90]]',
        }
    )
    assert not form.is_valid()
    assert "考评等次分数线" in str(form.errors)
