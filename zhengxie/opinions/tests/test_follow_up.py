import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.instructions.models import Instruction
from zhengxie.instructions.services import transcribe_instruction
from zhengxie.instructions.targets import target_named
from zhengxie.opinions import services
from zhengxie.opinions.factories import make_adopted_report, make_report
from zhengxie.opinions.models import Escalation


def test_escalation_then_upper_adoption_credits_the_level(author, office):
    # given
    report = make_adopted_report(author=author, office=office)
    # when
    escalation = services.escalate_report(
        report=report, actor=office, level="provincial", sent_on=dt.date(2022, 5, 1)
    )
    services.record_upper_adoption(
        escalation=escalation, actor=office, adopted_on=dt.date(2022, 5, 20)
    )
    # then
    escalation.refresh_from_db()
    assert escalation.adopted_on == dt.date(2022, 5, 20)
    roles = set(
        DutyRecord.objects.filter(member=author, kind=DutyKind.OPINION_ADOPTED).values_list(
            "role", flat=True
        )
    )
    assert roles == {"single", "provincial"}


def test_one_escalation_per_level_and_only_for_adopted_reports(author, office):
    report = make_adopted_report(author=author, office=office)
    services.escalate_report(report=report, actor=office, level="city", sent_on=dt.date.today())

    with pytest.raises(ValidationError):
        services.escalate_report(report=report, actor=office, level="city", sent_on=dt.date.today())
    with pytest.raises(PermissionDenied):
        services.escalate_report(
            report=make_report(author=author), actor=office, level="city", sent_on=dt.date.today()
        )
    assert Escalation.objects.count() == 1


def test_upper_adoption_cannot_predate_the_sending(author, office):
    report = make_adopted_report(author=author, office=office)
    escalation = services.escalate_report(
        report=report, actor=office, level="national", sent_on=dt.date(2022, 5, 1)
    )

    with pytest.raises(ValidationError):
        services.record_upper_adoption(
            escalation=escalation, actor=office, adopted_on=dt.date(2022, 4, 1)
        )

    escalation.refresh_from_db()
    assert escalation.adopted_on is None


def _transcribe(report, actor, **fields):
    """登记批示: the office types in a paper instruction, through the instructions app."""
    values = {"leader_name": "王市长", "level": "city", "text": "请市农业农村局研究落实。",
              "instructed_on": dt.date.today(), **fields}  # fmt: skip
    return transcribe_instruction(
        target=target_named("opinion_report"), record=report, actor=actor, **values
    )


def test_instruction_credits_every_member_author_with_its_level(author, office):
    co_author = make_member(committee=author.committee)
    report = make_report(author=author, co_authors=[co_author])
    report = services.apply_action(report=report, actor=office, action="adopt", mode="single")

    instruction = _transcribe(report, office, leader_title="市长")

    instruction.refresh_from_db()
    assert (instruction.level, instruction.is_transcribed) == ("city", True)
    assert instruction.recorded_by == office
    assert instruction.target == report
    credited = DutyRecord.objects.filter(kind=DutyKind.INSTRUCTION, role="city")
    assert set(credited.values_list("member_id", flat=True)) == {author.pk, co_author.pk}
    assert set(credited.values_list("source_id", flat=True)) == {instruction.pk}


def test_instruction_form_errors_name_the_fields(author, office):
    report = make_adopted_report(author=author, office=office)

    with pytest.raises(ValidationError) as error:
        _transcribe(report, office, leader_name="", level="galactic", text="")

    assert set(error.value.message_dict) == {"leader_name", "level", "text"}
    assert not Instruction.objects.exists()


def test_a_leader_reads_but_does_not_transcribe_instructions(author, office, make_user, city):
    leader = make_user(Role.LEADER, city)
    report = make_adopted_report(author=author, office=office)

    with pytest.raises(PermissionDenied):
        _transcribe(report, leader, text="阅。")
    assert not Instruction.objects.exists()
