"""Every model's history manager class is made once: a save reads it to write its history
row, and making it anew walked the query set class's members each time."""

import pytest
from django.apps import apps

from zhengxie.core.factories import make_committee, make_member
from zhengxie.core.models import Member

HISTORY_MODELS = [
    model
    for model in apps.get_models()
    if getattr(model._meta, "simple_history_manager_attribute", None) == "history"
]


def test_every_model_with_history_uses_the_projects_records():
    assert len(HISTORY_MODELS) > 40
    made_anew = [m.__name__ for m in HISTORY_MODELS if type(m.history) is not type(m.history)]
    assert made_anew == []


@pytest.mark.django_db
def test_each_records_history_is_still_its_own():
    committee = make_committee()
    first, second = make_member(committee=committee), make_member(committee=committee)
    second.name = "改名"
    second.save()
    assert type(first.history) is type(second.history)
    assert (first.history.count(), second.history.count()) == (1, 2)
    assert Member.history.count() == 3
