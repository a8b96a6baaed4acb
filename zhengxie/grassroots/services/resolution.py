"""A case's resolution, as effects of the case workflow (workflow.py): the rating, 销号, and what
entering or leaving the resolved states sets off (its dates, the members' duty credit, the
reporter asked to rate). The entry effects run on the office's override too, so a case forced
into or out of the resolved states is whole. The services are in cases.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from zhengxie.core.models import Member
from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import InvalidInput, Step
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import credit_members, revoke_duty

from ..models import RESOLVED_STATES, Case, Rating, RatingValue
from ..notifications import CASE_TO_HANDLE, CASE_UPDATE
from .intake import plain_text
from .timeline import step_date


def check_rating(step: Step) -> None:
    """Guard of `rate` and `reopen`: a rating their own (不满意 reopens, the others rate)."""
    value = step.data.get("value")
    if value not in RatingValue.values:
        raise ValidationError({"value": _("请选择评价。")})
    if (value == RatingValue.UNSATISFIED) != (step.transition.name == "reopen"):
        raise InvalidInput(_("评价与所选操作不符。"), field="value")
    step.data["comment"] = plain_text(step.data.get("comment", ""))[:300]
    step.data["note"] = f"{RatingValue(value).label} {step.data['comment']}".strip()


def record_rating(step: Step) -> None:
    """Before `rate` or `reopen` save the case: the rating row, left on the returned case for
    the service, and the case's final rating moved to it when it is the latest. A rating by
    someone other than the reporter is the residents' representatives' (the convenor records
    it)."""
    case, data = step.record, step.data
    case.rating = Rating.objects.create(
        case=case,
        value=data["value"],
        rater=step.actor,
        comment=data["comment"],
        by_representatives=data.get("by_representatives") or case.reporter_id != step.actor.pk,
        rated_on=step_date(step),
    )
    step.touch(**final_rating_after(case.rating, case))


def final_rating_after(rating: Rating, case: Case) -> dict:
    """The case's final-rating fields to change for a new rating: none unless it is the
    latest. Ratings order by their day, then by id; a new row has the highest id, so it is
    the latest unless a rating of a later day came first (a paper rating typed in late)."""
    if case.final_rated_on is not None and rating.rated_on < case.final_rated_on:
        return {}
    return {"final_rating": rating.value, "final_rated_on": rating.rated_on}


def count_reopening(step: Step) -> None:
    step.touch(reopen_count=step.record.reopen_count + 1)


def ask_convenor_to_reconsult(step: Step) -> None:
    case = step.record
    venue = case.venue
    if venue and venue.convenor_id:
        notify(
            kind=CASE_TO_HANDLE,
            recipients=[venue.convenor],
            title=_("群众评价不满意，请重新协商：%(t)s") % {"t": case.title},
            url=reverse("grassroots:case_detail", args=[case.pk]),
        )


def stamp_closed_on(step: Step) -> None:
    """Entering closed: the day of 销号."""
    step.touch(closed_on=step_date(step))


def enter_resolution(step: Step) -> None:
    """Entering a resolved state from an open one: the day it was resolved, and the members
    who raised and consulted on it credited (idempotent in the ledger)."""
    if step.source in RESOLVED_STATES:
        return
    step.touch(resolved_on=step_date(step))
    case = step.record
    transaction.on_commit(lambda: _credit_resolved(case))


def leave_resolution(step: Step) -> None:
    """Entering an open state from a resolved one (不满意, or the office's override): not
    resolved any more, and the credit for resolving it is reversed."""
    if step.source not in RESOLVED_STATES:
        return
    step.touch(resolved_on=None, closed_on=None)
    case, why = step.record, str(step.label)
    transaction.on_commit(lambda: _revoke_resolved(case, why))


def ask_reporter_to_rate(step: Step) -> None:
    """Entering resolved: the reporter is asked for a rating, after commit."""
    case = step.record
    if case.reporter_id:
        transaction.on_commit(
            lambda: notify(
                kind=CASE_UPDATE,
                recipients=[case.reporter],
                title=_("您反映的问题已解决，请评价：%(t)s") % {"t": case.title},
                url=reverse("grassroots:case_public", args=[case.pk]),
            )
        )


def _credit_resolved(case: Case) -> None:
    credit_members(
        resolving_members(case),
        kind=DutyKind.CASE_RESOLVED,
        source=case,
        occurred_on=case.resolved_on,
    )


def _revoke_resolved(case: Case, why: str) -> None:
    for member in resolving_members(case):
        revoke_duty(member=member, kind=DutyKind.CASE_RESOLVED, source=case, note=why)


def resolving_members(case: Case) -> list[Member]:
    """The members credited with a resolved case: who raised it and who consulted on it."""
    members = {m.pk: m for m in Member.objects.filter(session_seats__session__cases=case)}
    if case.raised_by_member_id:
        members.setdefault(case.raised_by_member_id, case.raised_by_member)
    return list(members.values())
