"""Who may do what with leaders' instructions.

The leader who wrote an instruction reads it; the office of its committee (and a city's office
and leaders over their counties) runs it; the department it was passed to reads it and reports
back. Writing one is the record's own rule (targets.py); transcribing a paper one is the office's.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.models import Role, User
from zhengxie.core.permissions import (
    committee_ids_with_role,
    is_office,
    office_committee_ids,
    unit_ids_of,
)
from zhengxie.core.workflow import Who

from .models import Instruction
from .targets import Target


def is_writer(user: User, instruction: Instruction) -> bool:
    return getattr(user, "is_authenticated", False) and instruction.leader_id == user.pk


def is_unit(user: User, instruction: Instruction) -> bool:
    if not getattr(user, "is_authenticated", False) or instruction.unit_id is None:
        return False
    return instruction.unit_id in unit_ids_of(user)


WRITER = Who("writer", gettext_lazy("批示领导"), lambda user, record: is_writer(user, record))
UNIT = Who("unit", gettext_lazy("落实部门"), lambda user, record: is_unit(user, record))


def reader_committee_ids(user: User) -> set[int]:
    """Committees whose instructions the person reads whole: office and leaders, roll-up."""
    return committee_ids_with_role(user, Role.STAFF, Role.ADMIN, Role.LEADER, rollup=True)


def filter_visible_instructions(user: User, queryset: QuerySet) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    visible = Q(leader=user) | Q(committee_id__in=reader_committee_ids(user))
    visible |= Q(unit_id__in=unit_ids_of(user)) & ~Q(unit_id=None)
    return queryset.filter(visible)


def can_read_instruction(user: User, instruction: Instruction) -> bool:
    return (
        is_writer(user, instruction)
        or is_unit(user, instruction)
        or instruction.committee_id in reader_committee_ids(user)
    )


def check_read_instruction_permission(user: User, instruction: Instruction) -> None:
    if not can_read_instruction(user, instruction):
        raise PermissionDenied(_("您无权查看该批示。"))


def check_write_instruction_permission(user: User, target: Target, record) -> None:
    if not target.may_instruct(user, record):
        raise PermissionDenied(_("只有本级领导可以对该记录作出批示。"))


def can_transcribe(user: User, target: Target, record) -> bool:
    return is_office(user, record.committee_id) and target.may_read(user, record)


def check_transcribe_permission(user: User, target: Target, record) -> None:
    if not can_transcribe(user, target, record):
        raise PermissionDenied(_("只有本级政协机关可以转录纸质批示。"))


def check_queue_permission(user: User) -> set[int]:
    committee_ids = office_committee_ids(user)
    if not committee_ids:
        raise PermissionDenied(_("只有政协机关工作人员可以查看批示办理台账。"))
    return committee_ids


def check_unit_workspace_permission(user: User) -> set[int]:
    units = unit_ids_of(user)
    if not units:
        raise PermissionDenied(_("只有部门联络员可以查看批示落实工作台。"))
    return units


def check_leader_permission(user: User) -> None:
    if not committee_ids_with_role(user, Role.LEADER):
        raise PermissionDenied(_("只有领导可以查看“我的批示”。"))
