"""Reads of instructions: the leader's, the department's and the office's lists, the panel on
each record instructed on, and the counts other apps' figures add."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from zhengxie.core.models import User

from . import permissions as perms
from .models import Instruction, InstructionFollowUp, InstructionState
from .targets import Target, target_named

OPEN_STATES = [s for s in InstructionState.values if s != InstructionState.CLOSED]
LIST_LIMIT = 200


def _listed(queryset: QuerySet) -> QuerySet:
    """What every list shows of a row: its committee and department, in one query."""
    return queryset.select_related("committee", "unit").order_by("-instructed_on", "-id")


def list_written_by(*, user: User) -> QuerySet:
    return _listed(Instruction.objects.filter(leader=user))


def list_for_units(*, unit_ids: set[int], open_only: bool = True) -> QuerySet:
    instructions = Instruction.objects.filter(unit_id__in=unit_ids)
    if open_only:
        instructions = instructions.exclude(state=InstructionState.WRITTEN).filter(
            state__in=OPEN_STATES
        )
    return _listed(instructions)


def list_queue(*, committee_ids: set[int], state: str = "") -> QuerySet:
    instructions = Instruction.objects.filter(committee_id__in=committee_ids)
    if state:
        instructions = instructions.filter(state=state)
    else:
        instructions = instructions.filter(state__in=OPEN_STATES)
    return _listed(instructions)


def list_mine(*, user: User) -> QuerySet:
    """我的批示: a leader's own instructions; refuses whoever is no leader."""
    perms.check_leader_permission(user)
    return list_written_by(user=user)


def list_unit_workspace(*, user: User) -> QuerySet:
    """批示落实工作台: the open instructions of the person's departments; refuses others."""
    return list_for_units(unit_ids=perms.check_unit_workspace_permission(user))


def get_readable_instruction(*, user: User, pk: int) -> Instruction:
    """One instruction with its follow-ups, for those who may read it (404 if it is not
    there, 403 if it is not theirs)."""
    try:
        instruction = get_instruction(pk)
    except Instruction.DoesNotExist as error:
        raise Http404 from error
    perms.check_read_instruction_permission(user, instruction)
    return instruction


def get_target_and_record(kind: str, pk: int) -> tuple[Target, Model]:
    """The kind of record named in a URL and the record itself, or a 404."""
    try:
        target = target_named(kind)
    except LookupError as error:
        raise Http404 from error
    record = get_object_or_404(target.queryset().select_related("committee"), pk=pk)
    return target, record


def get_instruction(pk: int) -> Instruction:
    return (
        Instruction.objects.select_related("committee", "unit", "leader", "recorded_by")
        .prefetch_related(
            Prefetch(
                "follow_ups",
                queryset=InstructionFollowUp.objects.select_related("submitted_by"),
            )
        )
        .get(pk=pk)
    )


def list_on_record(record: Model) -> QuerySet:
    return (
        Instruction.objects.filter(
            target_type=ContentType.objects.get_for_model(record), target_id=record.pk
        )
        .select_related("unit")
        .prefetch_related("follow_ups")
        .order_by("instructed_on", "id")
    )


def panel_for(user: User, kind: str, record: Model) -> dict:
    """What a record's page shows of its instructions, and the links to write or transcribe
    one for those who may. Read by the include `instructions/_on_record.html`."""
    target = target_named(kind)
    args = [target.kind, record.pk]
    return {
        "instruction_panel": {
            "instructions": list_on_record(record),
            "write_url": reverse("instructions:write", args=args)
            if target.may_instruct(user, record)
            else "",
            "transcribe_url": reverse("instructions:transcribe", args=args)
            if perms.can_transcribe(user, target, record)
            else "",
        }
    }


def counts_by_level_on(*, model: type[Model], record_ids: QuerySet) -> QuerySet:
    """(level, n) rows of the instructions on the given records of one kind: the app that
    owns the records adds them to its own counts, in the same query (a UNION ALL)."""
    return (
        Instruction.objects.filter(
            target_type=ContentType.objects.get_for_model(model), target_id__in=record_ids
        )
        .values_list("level")
        .annotate(n=Count("id"))
        .order_by()
    )
