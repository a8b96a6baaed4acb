import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhengxie.core.models import Notification, Role
from zhengxie.core.workflow import apply
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.instructions.models import Instruction, InstructionState
from zhengxie.instructions.services import (
    remind_due_instructions,
    transcribe_instruction,
    write_instruction,
)
from zhengxie.instructions.targets import target_named
from zhengxie.opinions import selectors as opinion_selectors
from zhengxie.opinions.factories import make_report

pytestmark = pytest.mark.django_db

REPORT = "opinion_report"


def _write(record, actor, kind=REPORT, **data):
    return write_instruction(target=target_named(kind), record=record, actor=actor,
                             text=data.pop("text", "请研究落实"), **data)  # fmt: skip


def test_leader_writes_on_adopted_report_and_department_gets_it(
    adopted, author, leader, office, unit, unit_user, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        instruction = _write(adopted, leader, unit=unit)
    # then
    instruction.refresh_from_db()
    assert instruction.state == InstructionState.ASSIGNED
    assert instruction.leader == leader and not instruction.is_transcribed
    assert instruction.level == "city" and instruction.unit == unit
    assert instruction.due_on > instruction.instructed_on
    assert instruction.target == adopted and instruction.target_title == adopted.title
    assert Notification.objects.filter(recipient=office).exists()
    assert Notification.objects.filter(recipient=unit_user).exists()
    assert Notification.objects.filter(recipient=author.user).exists()
    credit = DutyRecord.objects.get(member=author, kind=DutyKind.INSTRUCTION)
    assert credit.role == "city"


def test_leader_instructions_count_in_the_report_figures(adopted, leader):
    year = adopted.submitted_at.year
    before = opinion_selectors.figures(committee_ids=[adopted.committee_id], year=year)
    # when
    _write(adopted, leader)
    # then
    after = opinion_selectors.figures(committee_ids=[adopted.committee_id], year=year)
    detail = opinion_selectors.figures_in_detail(committee_ids=[adopted.committee_id], year=year)
    assert after["instructions"] == before["instructions"] + 1
    assert detail["instructions"] == after["instructions"]
    assert detail["by_level"]["city"]["instructions"] == 1


def test_only_leaders_of_the_committee_write_on_adopted_reports(
    adopted, author, office, county, make_user
):
    submitted = make_report(author=author, title="未采用的信息", submit=True)
    leader = make_user(Role.LEADER, adopted.committee)
    with pytest.raises(PermissionDenied):
        _write(submitted, leader)
    for outsider in (author.user, office, make_user(Role.LEADER, county)):
        with pytest.raises(PermissionDenied):
            _write(adopted, outsider)
    assert not Instruction.objects.exists()


def test_office_transcribes_a_paper_instruction_marked_as_such(adopted, office, author, unit):
    # when
    instruction = transcribe_instruction(
        target=target_named(REPORT), record=adopted, actor=office, leader_name="张市长",
        leader_title="市长", level="city", text="请认真研究", instructed_on=dt.date.today(),
    )  # fmt: skip
    # then
    assert instruction.is_transcribed and instruction.leader is None
    assert instruction.state == InstructionState.WRITTEN
    assert DutyRecord.objects.filter(member=author, kind=DutyKind.INSTRUCTION).count() == 1
    # and the office passes it on
    apply(instruction, "assign", office, unit=unit, due_on=dt.date.today() + dt.timedelta(9))
    instruction.refresh_from_db()
    assert instruction.state == InstructionState.ASSIGNED and instruction.unit == unit


def test_a_paper_instruction_seen_through_earlier_is_dated_when_each_step_took_place(
    adopted, office, unit, unit_user
):
    # given a paper instruction typed in on the day after it was written, two years ago
    typed = timezone.make_aware(dt.datetime(2022, 10, 10, 9, 30))
    instruction = transcribe_instruction(
        target=target_named(REPORT), record=adopted, actor=office, leader_name="张市长",
        level="city", text="请认真研究", instructed_on=dt.date(2022, 10, 9), unit=unit, at=typed,
    )  # fmt: skip
    # when the department reports back and the office accepts, each entered with its date
    reported = typed + dt.timedelta(days=6)
    instruction = apply(instruction, "report", unit_user, text="已落实", at=reported)
    instruction = apply(instruction, "accept", office, at=reported + dt.timedelta(days=2))
    # then the record, its deadline, the feedback and every history row carry those dates
    instruction.refresh_from_db()
    assert instruction.state == InstructionState.CLOSED
    assert instruction.created_at == typed
    # 15 working days from Monday 10 October 2022
    assert instruction.due_on == dt.date(2022, 10, 31)
    (feedback,) = instruction.follow_ups.all()
    assert feedback.submitted_at == reported
    assert [h.history_date for h in feedback.history.order_by("history_id")] == [
        reported,
        reported + dt.timedelta(days=2),
    ]
    assert [h.history_date for h in instruction.history.order_by("history_id")] == [
        typed,
        typed,
        reported,
        reported + dt.timedelta(days=2),
    ]


def test_a_paper_instruction_is_not_typed_in_before_it_was_written(adopted, office):
    with pytest.raises(ValidationError) as error:
        transcribe_instruction(
            target=target_named(REPORT), record=adopted, actor=office, leader_name="张市长",
            level="city", text="请认真研究", instructed_on=dt.date(2022, 10, 9),
            at=timezone.make_aware(dt.datetime(2022, 10, 8, 9)),
        )  # fmt: skip
    assert set(error.value.message_dict) == {"instructed_on"}
    assert not Instruction.objects.exists()


def test_transcription_names_the_field_at_fault(adopted, office):
    with pytest.raises(ValidationError) as error:
        transcribe_instruction(
            target=target_named(REPORT), record=adopted, actor=office, leader_name=" ",
            level="nowhere", text="", instructed_on=dt.date.today(),
        )  # fmt: skip
    assert {"leader_name", "level"} <= set(error.value.message_dict)
    assert not Instruction.objects.exists()


def test_feedback_is_returned_then_accepted_with_history(adopted, leader, office, unit, unit_user):
    instruction = _write(adopted, leader, unit=unit)
    # when the department reports, the office returns, the department reports again
    instruction = apply(instruction, "report", unit_user, text="已召开专题会")
    instruction = apply(instruction, "return", office, reason="请补充整改时限")
    instruction = apply(instruction, "report", unit_user, text="整改将于年底前完成")
    apply(instruction, "accept", office)
    # then
    instruction.refresh_from_db()
    assert instruction.state == InstructionState.CLOSED
    follow_ups = list(instruction.follow_ups.order_by("id"))
    assert [f.accepted for f in follow_ups] == [False, True]
    assert follow_ups[0].office_note == "请补充整改时限"
    assert instruction.history.count() >= 5


def test_another_department_may_not_report_back(adopted, leader, unit, city, make_user):
    instruction = _write(adopted, leader, unit=unit)
    with pytest.raises(PermissionDenied):
        apply(instruction, "report", make_user(Role.UNIT, city), text="不是本单位")


def test_reminders_once_a_day_near_and_past_the_deadline(adopted, leader, unit, unit_user):
    due = dt.date.today() + dt.timedelta(days=10)
    instruction = _write(adopted, leader, unit=unit, due_on=due)
    # far from the deadline: nothing
    assert remind_due_instructions(on=due - dt.timedelta(days=5)) == 0
    # within three days: once
    assert remind_due_instructions(on=due - dt.timedelta(days=2)) == 1
    assert remind_due_instructions(on=due - dt.timedelta(days=2)) == 0
    # overdue: again, the next day
    assert remind_due_instructions(on=due + dt.timedelta(days=1)) == 1
    titles = list(Notification.objects.filter(recipient=unit_user).values_list("title", flat=True))
    assert any("已逾期" in t for t in titles) and any("即将到期" in t for t in titles)
    # closed: never
    apply(instruction, "report", unit_user, text="已办")
    assert remind_due_instructions(on=due + dt.timedelta(days=2)) == 0


def test_the_daily_run_sends_the_reminders():
    from zhengxie.core.management.commands.run_periodic import DAILY

    assert "remind_instructions" in [name for name, _ in DAILY]


def test_a_city_leader_instructs_on_a_county_report_as_a_city_leader(county, leader):
    from zhengxie.opinions.factories import make_adopted_report, make_author, make_office

    report = make_adopted_report(
        author=make_author(committee=county), office=make_office(committee=county)
    )
    assert _write(report, leader).level == "city"
