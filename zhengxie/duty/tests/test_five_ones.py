"""The five ones (五个一) count attendance by the kind of activity attended, as the activities
app credits it (the role is the activity kind's code), and the data migration brings the
committees' stored default tasks to those kinds without touching a task an office changed."""

import datetime as dt
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps

from zhengxie.activities.factories import make_activity, make_invited_member
from zhengxie.activities.services.attendance import mark_held, record_attendance_by_staff
from zhengxie.activities.services.kinds import DEFAULT_KINDS
from zhengxie.duty.models import AnnualTask, YearBalance
from zhengxie.duty.services.recompute import recompute_year
from zhengxie.duty.services.rules import ensure_rules

migration = import_module("zhengxie.duty.migrations.0006_five_ones_count_activity_kinds")

# The task attending each default activity kind completes (随州"五个一"): consultation
# formats for 参与一场协商议事活动, research, inspection, supervision and joint research for
# 参加一次调研; the meetings one must attend and study count for neither.
EXPECTED = {
    "plenary": None,
    "standing": None,
    "bimonthly": "consultation",
    "thematic": "consultation",
    "counterpart": "consultation",
    "sector": "consultation",
    "proposal": "consultation",
    "research": "research",
    "inspection": "research",
    "supervision": "research",
    "study": None,
    "reading": None,
    "training": None,
    "joint": "research",
}


def test_every_default_activity_kind_has_a_decision():
    assert set(EXPECTED) == {row[0] for row in DEFAULT_KINDS}


@pytest.mark.parametrize(("code", "task"), EXPECTED.items())
def test_attending_an_activity_counts_for_the_task_of_its_kind(city, staff, code, task):
    # given a member present at a held activity of that kind in 2022
    activity = make_activity(
        committee=city,
        code=code,
        state="notified",
        starts_at=dt.datetime(2022, 6, 8, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    member = make_invited_member(activity=activity)
    record_attendance_by_staff(actor=staff, activity=activity, member=member)
    mark_held(actor=staff, activity=activity)
    # when the year is computed with the committee's stored tasks
    recompute_year(committee=city, year=2022)
    # then exactly the task of that kind is done
    done = YearBalance.objects.get(member=member, year=2022).five_ones
    assert {name for name, is_done in done.items() if is_done} == ({task} if task else set())


OLD_RESEARCH = [["attendance", "research"], ["attendance", "inspection"], ["report", ""]]
OLD_CONSULTATION = [["attendance", "consultation"], ["session", ""]]


def _store(committee, code: str, acts: list, **fields) -> AnnualTask:
    ensure_rules(committee=committee)
    AnnualTask.objects.filter(committee=committee, code=code).update(acts=acts, **fields)
    return AnnualTask.objects.get(committee=committee, code=code)


def test_migration_updates_stored_defaults_and_keeps_an_offices_own_tasks(city, county):
    # given the city's tasks as shipped before (one in another order, one renamed), and a
    # county whose office added speeches to the consultation task
    research = _store(city, "research", OLD_RESEARCH[::-1], name="参加一次调研视察")
    consultation = _store(city, "consultation", OLD_CONSULTATION)
    own = _store(county, "consultation", [*OLD_CONSULTATION, ["speech", ""]])
    county_research = _store(county, "research", [["report", ""]])
    before = {t.pk: t.history.count() for t in (research, consultation, own, county_research)}
    # when
    migration.forwards(apps, None)
    # then the city's tasks count the activity kinds, keeping the office's name
    research.refresh_from_db()
    consultation.refresh_from_db()
    assert ["attendance", "supervision"] in research.acts
    assert ["attendance", "joint"] in research.acts
    assert research.name == "参加一次调研视察"
    assert ["attendance", "thematic"] in consultation.acts
    assert ["attendance", "consultation"] not in consultation.acts
    for task in (research, consultation):
        assert task.history.count() == before[task.pk] + 1
        assert task.history.first().history_change_reason == migration.REASON
    # and the county's own definitions stay as its office left them, with no new history
    own.refresh_from_db()
    county_research.refresh_from_db()
    assert own.acts == [*OLD_CONSULTATION, ["speech", ""]]
    assert county_research.acts == [["report", ""]]
    assert own.history.count() == before[own.pk]


def test_migration_brings_stored_tasks_to_what_a_new_committee_is_given(city, county):
    # given a committee stored with the old definitions, another given the tasks now
    _store(city, "research", OLD_RESEARCH)
    _store(city, "consultation", OLD_CONSULTATION)
    ensure_rules(committee=county)
    # when
    migration.forwards(apps, None)

    # then both committees' tasks are the same
    def acts(committee):
        return dict(AnnualTask.objects.filter(committee=committee).values_list("code", "acts"))

    assert acts(city) == acts(county)
