"""委员读书: groups, their book lists, sessions (credited to those who took part) and notes."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from zhengxie.core.models import Committee, Member, User
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import credit_duty, credit_members, revoke_duty

from ..models import ReadingBook, ReadingGroup, ReadingNote, ReadingSession
from ..permissions import (
    check_manage_activity_permission,
    check_reading_note_permission,
)


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
    _check_group(committee_id=committee.pk, name=name, members=members, leader=leader)
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


def _check_group(*, committee_id: int, name: str, members: list[Member], leader) -> None:
    if not name.strip():
        raise ValidationError({"name": _("读书群名称：请填写。")})
    if any(m.committee_id != committee_id for m in members):
        raise ValidationError({"members": _("成员须为本级政协委员。")})
    if leader is not None and leader not in members:
        raise ValidationError({"leader": _("群主须为本读书群成员。")})


def update_group(
    *,
    actor: User,
    group: ReadingGroup,
    name: str,
    members: list[Member],
    books: list[tuple[str, str]],
    leader: Member | None = None,
) -> ReadingGroup:
    """Rename the group, change its members and its book list. A book a session was held on
    stays (the session keeps its book); the others not in the new list are removed."""
    check_manage_activity_permission(actor, group.committee_id)
    _check_group(committee_id=group.committee_id, name=name, members=members, leader=leader)
    with transaction.atomic():
        group = ReadingGroup.objects.select_for_update().get(pk=group.pk)
        _keep_read_books(group, books)
        group.name, group.leader = name.strip(), leader
        group._history_user = actor
        group.save(update_fields=["name", "leader"])
        group.members.set(members)
        _sync_books(actor, group, books)
    return group


def _keep_read_books(group: ReadingGroup, books: list[tuple[str, str]]) -> None:
    titles = {title for title, _author in books}
    for book in group.books.filter(readingsession__isnull=False).distinct():
        if book.title not in titles:
            raise ValidationError(
                {
                    "books": _("《%(title)s》已有读书交流，不能从书目中删除。")
                    % {"title": book.title}
                }
            )


def _sync_books(actor: User, group: ReadingGroup, books: list[tuple[str, str]]) -> None:
    existing = {book.title: book for book in group.books.all()}
    wanted = dict(books)
    for title, book in existing.items():
        if title not in wanted:
            book._history_user = actor
            book.delete()
        elif book.author != wanted[title]:
            book.author = wanted[title]
            book._history_user = actor
            book.save(update_fields=["author"])
    bulk_create_with_history(
        [ReadingBook(group=group, title=t, author=a) for t, a in books if t not in existing],
        ReadingBook,
        default_user=actor,
    )


def _check_session(group: ReadingGroup, topic: str, attendee_ids: list[int], book) -> None:
    if not topic.strip():
        raise ValidationError({"topic": _("交流主题：请填写。")})
    in_group = set(group.members.filter(pk__in=attendee_ids).values_list("pk", flat=True))
    if in_group != set(attendee_ids):
        raise ValidationError({"attendees": _("参加人员须为本读书群成员。")})
    if book is not None and book.group_id != group.pk:
        raise ValidationError({"book": _("所读书目须在本读书群的书目中。")})


def record_session(
    *,
    actor: User | None,
    group: ReadingGroup,
    topic: str,
    held_on: dt.date,
    attendee_ids: list[int],
    book: ReadingBook | None = None,
    summary: str = "",
) -> ReadingSession:
    """A reading session; every member of the group who took part is credited once."""
    if actor is not None:
        check_manage_activity_permission(actor, group.committee_id)
    _check_session(group, topic, attendee_ids, book)
    with transaction.atomic():
        session = ReadingSession(
            group=group,
            committee_id=group.committee_id,
            topic=topic,
            held_on=held_on,
            book=book,
            summary=summary,
        )
        session._history_user = actor
        session.save()
        session.attendees.set(attendee_ids)
        credit_members(
            [Member(pk=pk, committee_id=group.committee_id) for pk in attendee_ids],
            kind=DutyKind.READING,
            source=session,
            occurred_on=held_on,
        )
    return session


def update_session(
    *,
    actor: User,
    session: ReadingSession,
    topic: str,
    held_on: dt.date,
    attendee_ids: list[int],
    book: ReadingBook | None = None,
    summary: str = "",
) -> ReadingSession:
    """Correct a session: those added are credited, those taken off have their credit
    reversed."""
    check_manage_activity_permission(actor, session.committee_id)
    _check_session(session.group, topic, attendee_ids, book)
    with transaction.atomic():
        session = ReadingSession.objects.select_for_update().get(pk=session.pk)
        before = set(session.attendees.values_list("pk", flat=True))
        session.topic, session.held_on, session.book, session.summary = (
            topic,
            held_on,
            book,
            summary,
        )
        session._history_user = actor
        session.save(update_fields=["topic", "held_on", "book", "summary"])
        session.attendees.set(attendee_ids)
        for member_id in set(attendee_ids) - before:
            credit_duty(
                member=Member(pk=member_id, committee_id=session.committee_id),
                kind=DutyKind.READING,
                source=session,
                occurred_on=held_on,
            )
        for member_id in before - set(attendee_ids):
            revoke_duty(
                member=Member(pk=member_id, committee_id=session.committee_id),
                kind=DutyKind.READING,
                source=session,
                note=_("更正读书交流参加人员"),
            )
    return session


def add_note(*, user: User, session: ReadingSession, text: str) -> ReadingNote:
    member = check_reading_note_permission(user, session)
    if not text.strip():
        raise ValidationError({"text": _("请填写读书心得。")})
    note = ReadingNote(session=session, committee_id=session.committee_id, member=member, text=text)
    note._history_user = user
    note.save()
    return note
