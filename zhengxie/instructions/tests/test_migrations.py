"""The move of the office's instructions into this app (migration 0002): every row of the old
opinions.Instruction and activities.OutcomeInstruction arrives here with the same record,
leader, level, date and text, marked as transcribed; the duty credits follow it; the figures
count the moved rows as they counted the old ones."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from zhengxie.activities.services.outcomes import record_outcome
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.instructions.models import Instruction, InstructionState
from zhengxie.opinions import selectors as opinion_selectors

BEFORE = [
    ("instructions", "0001_initial"),
    ("opinions", "0003_report_handed_up_between_levels"),
    ("activities", "0006_activity_guests_and_office_own"),
    ("duty", "0006_five_ones_count_activity_kinds"),
]


def _migrate(executor: MigrationExecutor, targets) -> None:
    executor.loader.build_graph()  # what is applied now
    executor.migrate(targets)


def _credit(apps, *, member, source, occurred_on, role):
    ContentType.objects.clear_cache()
    old_type = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label=source._meta.app_label, model=source._meta.model_name
    )[0]
    apps.get_model("duty", "DutyRecord").objects.create(
        committee_id=member.committee_id, member_id=member.pk, kind=DutyKind.INSTRUCTION,
        role=role, occurred_on=occurred_on, year=occurred_on.year, source_type=old_type,
        source_id=source.pk,
    )  # fmt: skip


def _old_rows(apps, *, adopted, outcome, author, office):
    decided = adopted.decided_at.date()
    Old = apps.get_model("opinions", "Instruction")
    with_follow_up = Old.objects.create(
        committee_id=adopted.committee_id, report_id=adopted.pk, leader_name="陈市长",
        leader_title="市长", level="city", text="请市住建局研究落实。", instructed_on=decided,
        follow_up="已新增停车位800个。", recorded_by_id=office.pk,
    )  # fmt: skip
    plain = Old.objects.create(
        committee_id=adopted.committee_id, report_id=adopted.pk, leader_name="李省长",
        level="provincial", text="阅。", instructed_on=decided, recorded_by_id=office.pk,
    )  # fmt: skip
    on_outcome = apps.get_model("activities", "OutcomeInstruction").objects.create(
        committee_id=outcome.committee_id, outcome_id=outcome.pk, leader="市委主要领导",
        level="city", text="建议案很好。", given_on=dt.date(2022, 5, 12),
    )  # fmt: skip
    apps.get_model("activities", "HistoricalOutcomeInstruction").objects.create(
        id=on_outcome.pk, committee_id=outcome.committee_id, outcome_id=outcome.pk,
        leader="市委主要领导", level="city", text="建议案很好。", given_on=dt.date(2022, 5, 12),
        history_date=dt.datetime(2022, 5, 12, tzinfo=dt.UTC), history_type="+",
        history_user_id=office.pk,
    )  # fmt: skip
    for old in (with_follow_up, plain):
        _credit(apps, member=author, source=old, occurred_on=decided, role=old.level)
    _credit(apps, member=author, source=on_outcome, occurred_on=on_outcome.given_on, role="city")
    return with_follow_up, plain, on_outcome


@pytest.mark.django_db(transaction=True)
def test_the_offices_instructions_move_here_marked_transcribed_with_their_credits(
    adopted, author, office, city
):
    # given, before the move, two instructions the office typed on a report (one with what
    # was done about it) and one on an outcome, each credited to the author
    outcome = record_outcome(
        actor=office, committee=city, activity=None, kind="recommendation",
        title="关于危困企业盘活的建议案", body="建议", submitted_to="both",
        submitted_on=dt.date(2022, 5, 6), authors=[author],
    )  # fmt: skip
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    _migrate(executor, BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    with_follow_up, plain, on_outcome = _old_rows(
        old_apps, adopted=adopted, outcome=outcome, author=author, office=office
    )
    # when the migrations run
    _migrate(executor, latest)
    ContentType.objects.clear_cache()
    # then every row is here, on the same record, as typed, marked as transcribed
    moved = {i.text: i for i in Instruction.objects.all()}
    assert set(moved) == {with_follow_up.text, plain.text, on_outcome.text}
    first, second, third = moved[with_follow_up.text], moved[plain.text], moved[on_outcome.text]
    assert (first.target, first.target_kind, first.target_title) == (
        adopted, "opinion_report", adopted.title,
    )  # fmt: skip
    assert (first.leader_name, first.leader_title, first.level) == ("陈市长", "市长", "city")
    assert (first.instructed_on, first.recorded_by, first.leader) == (
        with_follow_up.instructed_on, office, None,
    )  # fmt: skip
    assert all(i.is_transcribed for i in moved.values())
    assert first.target_url == f"/opinions/{adopted.pk}/"
    # what was done became an accepted follow-up and closed it; the other waits for a department
    assert first.state == InstructionState.CLOSED
    assert [(f.text, f.accepted) for f in first.follow_ups.all()] == [("已新增停车位800个。", True)]
    assert second.state == InstructionState.WRITTEN and not second.follow_ups.exists()
    assert (third.target, third.leader_name, third.instructed_on) == (
        outcome, "市委主要领导", dt.date(2022, 5, 12),
    )  # fmt: skip
    assert third.recorded_by == office
    # each has its history, and the author's credits point at the moved rows
    assert all(i.history.filter(history_type="+").exists() for i in moved.values())
    credits = DutyRecord.objects.filter(member=author, kind=DutyKind.INSTRUCTION)
    assert sorted(c.source_id for c in credits) == sorted(i.pk for i in moved.values())
    assert {c.source_type.model_class() for c in credits} == {Instruction}
    # and the report figures count them as they counted the old rows
    year = adopted.submitted_at.year
    figures = opinion_selectors.figures_in_detail(committee_ids=[city.pk], year=year)
    assert figures["instructions"] == 2
    assert figures["by_level"]["city"]["instructions"] == 1
    assert figures["by_level"]["provincial"]["instructions"] == 1
    assert outcome.instructions.count() == 1
