"""委员读书: groups, their book lists, sessions (credited to those who took part) and notes."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from zhengxie.core.models import Committee, Member, User
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import credit_duty

from ..models import ReadingBook, ReadingGroup, ReadingNote, ReadingSession
from ..permissions import check_manage_activity_permission, member_of


def create_group(
    *,
    actor: User | None,
    committee: Committee,
    name: str,
    members: list[Member],
    books: list[tuple[str, str]] = (),
    leader: Member | None = None,
) -> ReadingGroup:
    if actor is not None:
        check_manage_activity_permission(actor, committee.pk)
    if any(m.committee_id != committee.pk for m in members):
        raise ValidationError({"members": _("成员须为本级政协委员。")})
    with transaction.atomic():
        group = ReadingGroup(committee=committee, name=name, leader=leader)
        group._history_user = actor
        group.save()
        group.members.set(members)
        bulk_create_with_history(
            [ReadingBook(group=group, title=t, author=a) for t, a in books],
            ReadingBook,
            default_user=actor,
        )
    return group


def record_session(
    *,
    actor: User | None,
    group: ReadingGroup,
    topic: str,
    held_on: dt.date,
    attendee_ids: list[int],
    book: ReadingBook | None = None,
) -> ReadingSession:
    """A reading session; every member of the group who took part is credited once."""
    if actor is not None:
        check_manage_activity_permission(actor, group.committee_id)
    in_group = set(group.members.filter(pk__in=attendee_ids).values_list("pk", flat=True))
    if in_group != set(attendee_ids):
        raise ValidationError({"attendees": _("参加人员须为本读书群成员。")})
    with transaction.atomic():
        session = ReadingSession(
            group=group, committee_id=group.committee_id, topic=topic, held_on=held_on, book=book
        )
        session._history_user = actor
        session.save()
        session.attendees.set(attendee_ids)
        for member_id in attendee_ids:
            credit_duty(
                member=Member(pk=member_id, committee_id=group.committee_id),
                kind=DutyKind.READING,
                source=session,
                occurred_on=held_on,
            )
    return session


def add_note(*, user: User, session: ReadingSession, text: str) -> ReadingNote:
    member = member_of(user, session.committee_id)
    if member is None or not session.group.members.filter(pk=member.pk).exists():
        raise PermissionDenied(_("只有读书群成员可以提交读书心得。"))
    if not text.strip():
        raise ValidationError({"text": _("请填写读书心得。")})
    note = ReadingNote(session=session, committee_id=session.committee_id, member=member, text=text)
    note._history_user = user
    note.save()
    return note
