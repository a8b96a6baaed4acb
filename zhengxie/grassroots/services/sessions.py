"""Consultation sessions: the cases on the table, who came, the minutes and the consensus."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from zhengxie.core import uploads
from zhengxie.core.models import Member, User, Venue
from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import apply
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import credit_members

from ..models import (
    Case,
    ConsultationSession,
    ParticipantKind,
    SessionParticipant,
    SessionPhoto,
)
from ..notifications import CASE_UPDATE
from ..permissions import check_manage_venue_permission
from ..search_index import index_session
from ..workflow import CASE, CONSULTABLE_STATES
from .intake import check_photos, plain_text
from .timeline import record_event

MINUTES_PARTS = ("briefing", "questions", "answers", "speeches")


@dataclass(frozen=True)
class Participant:
    kind: str
    name: str
    member_id: int | None = None


def _check_cases(venue: Venue, cases: list[Case]) -> None:
    if not cases:
        raise ValidationError({"cases": _("请至少选择一个协商议题。")})
    for case in cases:
        if case.venue_id != venue.pk or case.state not in CONSULTABLE_STATES:
            raise ValidationError(
                {"cases": _("议题“%(t)s”不在本场所待协商清单中。") % {"t": case.title}}
            )


def _participants(
    session: ConsultationSession, people: list[Participant], actor: User
) -> list[Member]:
    member_ids = {p.member_id for p in people if p.member_id}
    members = {
        m.pk: m for m in Member.objects.filter(pk__in=member_ids, committee_id=session.committee_id)
    }
    if len(members) != len(member_ids):
        raise ValidationError({"participants": _("参加委员须是本级政协委员。")})
    rows = [
        SessionParticipant(
            session=session,
            kind=p.kind,
            member=members.get(p.member_id),
            name=members[p.member_id].name if p.member_id else plain_text(p.name)[:80],
        )
        for p in people
        if p.kind in ParticipantKind.values and (p.member_id or p.name.strip())
    ]
    bulk_create_with_history(
        rows,
        SessionParticipant,
        default_user=actor,
        default_change_reason=_("登记协商活动参加人员"),
    )
    return list(members.values())


def hold_session(
    *,
    actor: User,
    venue: Venue,
    title: str,
    held_on: dt.date,
    cases: list[Case],
    participants: list[Participant],
    minutes: dict[str, str],
    consensus: str = "",
    photos: list[UploadedFile] = (),
) -> ConsultationSession:
    """Records a session held at the venue. Locks its cases (by id); each case not yet acting
    takes the step `consult`, an acting one gets a timeline row; credits each member present
    once."""
    check_manage_venue_permission(actor, venue)
    checked = check_photos(committee=venue.committee, photos=list(photos))
    if not plain_text(title):
        raise ValidationError({"title": _("请填写协商主题。")})
    with uploads.saving() as files, transaction.atomic():
        locked = list(
            Case.objects.select_for_update().filter(pk__in=[c.pk for c in cases]).order_by("pk")
        )
        _check_cases(venue, locked)
        session = ConsultationSession.objects.create(
            committee_id=venue.committee_id,
            venue=venue,
            title=plain_text(title)[:100],
            held_on=held_on,
            consensus=plain_text(consensus),
            created_by=actor,
            **{part: plain_text(minutes.get(part, "")) for part in MINUTES_PARTS},
        )
        session.cases.set(locked)
        index_session(session)
        members = _participants(session, participants, actor)
        for photo in checked:
            SessionPhoto.objects.create(
                session=session,
                image=files.save(photo, folder="grassroots/sessions"),
                content_type=photo.kind.content_type,
                size=photo.size,
            )
        for case in locked:
            note = _("召开协商会：%(t)s") % {"t": session.title}
            if case.state in CASE.transition("consult").sources:
                apply(case, "consult", actor, note=note, on=held_on)
            else:
                record_event(case=case, action="session", note=note, on=held_on)
        transaction.on_commit(lambda: _after_session(session, members, locked))
    return session


def _after_session(session: ConsultationSession, members: list[Member], cases: list[Case]) -> None:
    credit_members(members, kind=DutyKind.SESSION, source=session, occurred_on=session.held_on)
    reporters = [c.reporter for c in cases if c.reporter_id]
    notify(
        kind=CASE_UPDATE,
        recipients=reporters,
        title=_("您反映的问题已召开协商会：%(t)s") % {"t": session.title},
        url=reverse("grassroots:session_detail", args=[session.pk]),
    )


def record_consensus(
    *, actor: User, session: ConsultationSession, consensus: str, minutes: dict[str, str]
) -> ConsultationSession:
    """Completes the minutes later (several sessions may come before a consensus)."""
    check_manage_venue_permission(actor, session.venue)
    with transaction.atomic():
        session = ConsultationSession.objects.select_for_update().get(pk=session.pk)
        session.consensus = plain_text(consensus)
        for part in MINUTES_PARTS:
            setattr(session, part, plain_text(minutes.get(part, getattr(session, part))))
        session._history_user = actor
        session.save(update_fields=["consensus", *MINUTES_PARTS])
        index_session(session)
    return session
