"""Credit a year's grassroots acts that were recorded in bulk (an import, an old database),
through the duty service, one record per act; credits already there are left as they are."""

from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import Credit, credit_duty_many

from ..models import RESOLVED_STATES, Case, CaseSource, ContactRecord, SessionParticipant
from .resolution import resolving_members


def credit_year(*, year: int, committee_ids: list[int] | None = None) -> int:
    """Returns how many credits were new. Acts are picked by the committee of the case,
    contact or session (a city member's visit in a county counts under the county)."""
    scope = {"committee_id__in": committee_ids} if committee_ids else {}
    acts = []
    contacts = ContactRecord.objects.filter(occurred_on__year=year, **scope)
    acts += [
        (c.member, DutyKind.CONTACT, c, c.occurred_on) for c in contacts.select_related("member")
    ]
    visits = Case.objects.filter(source=CaseSource.VISIT, raised_on__year=year, **scope)
    acts += [
        (c.raised_by_member, DutyKind.CASE_RAISED, c, c.raised_on)
        for c in visits.select_related("raised_by_member")
    ]
    seats = SessionParticipant.objects.filter(
        member__isnull=False,
        session__held_on__year=year,
        **{f"session__{key}": value for key, value in scope.items()},
    ).select_related("member", "session")
    acts += [(s.member, DutyKind.SESSION, s.session, s.session.held_on) for s in seats]
    resolved = Case.objects.filter(state__in=RESOLVED_STATES, resolved_on__year=year, **scope)
    acts += [
        (member, DutyKind.CASE_RESOLVED, case, case.resolved_on)
        for case in resolved.select_related("raised_by_member")
        for member in resolving_members(case)
    ]
    credits = [
        Credit(member=member, kind=kind, source=source, occurred_on=on)
        for member, kind, source, on in acts
        if member is not None
    ]
    return credit_duty_many(credits=credits)
