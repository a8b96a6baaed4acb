"""A mapping rule keeps the office's order of keys on every database: it is stored as rows."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from zhengxie.core.forms.rules import CommitteeSettingForm
from zhengxie.core.models import CommitteeSetting
from zhengxie.core.rules import rule
from zhengxie.core.services.rules import set_rule

CATEGORIES = "proposals.categories"
# 社会 sorts before 经济 in the bytes PostgreSQL's jsonb orders keys by
ORDERED = {"经济": ["工业", "农业"], "社会": [], "文化": ["教育"]}

migration = import_module("zhengxie.core.migrations.0012_mapping_rules_as_rows")


def test_a_mapping_rule_is_stored_as_rows_and_read_in_the_offices_order(city):
    # when
    set_rule(actor=None, committee=city, key=CATEGORIES, value=ORDERED)
    # then
    stored = CommitteeSetting.objects.get(committee=city, key=CATEGORIES).value
    assert stored == [[k, v] for k, v in ORDERED.items()]
    assert list(rule(city, CATEGORIES)) == ["经济", "社会", "文化"]
    assert rule(city, CATEGORIES) == ORDERED


def test_setting_the_same_mapping_again_writes_no_history(city):
    setting = set_rule(actor=None, committee=city, key=CATEGORIES, value=ORDERED)

    set_rule(actor=None, committee=city, key=CATEGORIES, value=dict(ORDERED))

    assert setting.history.count() == 1


def test_a_mapping_naming_a_key_twice_is_refused(city):
    with pytest.raises(ValidationError) as refused:
        set_rule(actor=None, committee=city, key=CATEGORIES, value=[["经济", []], [" 经济", []]])

    assert "有重复项" in refused.value.messages[0]
    assert not CommitteeSetting.objects.exists()


def test_the_admin_form_stores_a_mapping_as_rows(city):
    form = CommitteeSettingForm(
        data={"committee": city.pk, "key": CATEGORIES, "value": '{"乙": ["丙"], "甲": []}'}
    )

    assert form.is_valid(), form.errors
    assert form.save().value == [["乙", ["丙"]], ["甲", []]]


def test_the_migration_turns_stored_mappings_into_rows(city, county):
    # given a value stored as an object before the change, and another rule's object
    CommitteeSetting.objects.create(committee=city, key=CATEGORIES, value={"经济": ["工业"]})
    limits = {"plenary": {"year": 1, "term": 2}, "standing": {"year": 3, "term": 4}}
    other = CommitteeSetting.objects.create(
        committee=county, key="activities.absence_limits", value=limits
    )
    # when
    migration.forwards(apps, None)
    # then
    assert CommitteeSetting.objects.get(key=CATEGORIES).value == [["经济", ["工业"]]]
    assert rule(city, CATEGORIES) == {"经济": ["工业"]}
    other.refresh_from_db()
    assert other.value == limits
