"""The data migration that brings stored rule values to their declared shapes."""

from importlib import import_module

from django.apps import apps

from zhengxie.core.models import CommitteeSetting
from zhengxie.core.rules import rule

migration = import_module("zhengxie.core.migrations.0004_rules_in_declared_shapes")


def _store(committee, key, value):
    CommitteeSetting.objects.create(committee=committee, key=key, value=value)


def test_old_absence_settings_fold_into_the_one_rule(city, county, other_county):
    # given the activities app's and the duty app's old keys, and duty's unchanged defaults
    _store(city, "activities.absence.plenary_per_term", 2)
    _store(city, "duty.absence_limits", {"plenary": 1, "standing": 4, "": 9})
    _store(county, "activities.absence.standing_per_term", 5)
    _store(other_county, "duty.absence_limits", {"plenary": 2, "standing": 3, "": 5})
    # when
    migration.forwards(apps, None)
    # then
    assert rule(city, "activities.absence_limits") == {
        "plenary": {"year": 1, "term": 2},
        "standing": {"year": 4, "term": 7},
    }
    assert rule(county, "activities.absence_limits")["standing"] == {"year": 3, "term": 5}
    assert rule(other_county, "activities.absence_limits")["plenary"] == {"year": None, "term": 3}
    assert set(CommitteeSetting.objects.values_list("key", flat=True)) == {
        "activities.absence_limits"
    }


def test_reply_classes_stored_as_pairs_become_codes_and_labels(city):
    _store(city, "proposals.result_classes", [["A", "已解决"], ["D", "留作参考"]])

    migration.forwards(apps, None)

    assert rule(city, "proposals.result_classes") == [
        {"code": "A", "label": "已解决"},
        {"code": "D", "label": "留作参考"},
    ]
