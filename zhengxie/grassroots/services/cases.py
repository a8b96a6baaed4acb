"""Raising, triaging, rating and closing cases: the services other code calls, and the effects
and guards of the triage steps of the case workflow (workflow.py); those of the rating and
resolution are in resolution.py."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from zhengxie.core import uploads
from zhengxie.core.models import Member, Town, User, Venue
from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import Step, apply
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import credit_duty

from .. import rules
from ..models import Case, CasePhoto, CaseSource, Rating, RatingValue
from ..notifications import CASE_TO_HANDLE, CASE_UPDATE
from ..permissions import (
    check_manage_venue_permission,
    check_rate_case_permission,
    check_report_permission,
    check_triage_case_permission,
)
from ..search_index import index_case
from .intake import check_photos, check_report_quota, plain_text
from .timeline import record_event, today


def fresh(case: Case) -> Case:
    """Services check and step from the stored case, not a caller's possibly stale copy."""
    return Case.objects.select_related("venue", "committee").get(pk=case.pk)


def _check_category(committee_id: int, category: str) -> None:
    if category not in rules.categories(committee_id):
        raise ValidationError(
            {"category": _("问题类别“%(c)s”不在本级政协的类别中。") % {"c": category}}
        )


def _create_case(*, town: Town, fields: dict, on: dt.date) -> Case:
    _check_category(town.committee_id, fields["category"])
    for name in ("title", "description", "place"):
        fields[name] = plain_text(fields[name])
        if not fields[name]:
            raise ValidationError(
                {name: _("请填写%(f)s。") % {"f": Case._meta.get_field(name).verbose_name}}
            )
    case = Case.objects.create(committee_id=town.committee_id, town=town, raised_on=on, **fields)
    record_event(case=case, action="raise", note=str(CaseSource(case.source).label), on=on)
    index_case(case)
    return case


def report_case(
    *,
    reporter: User,
    address: str,
    town: Town,
    category: str,
    title: str,
    description: str,
    place: str,
    phone: str = "",
    photos: list[UploadedFile] = (),
    on: dt.date | None = None,
) -> Case:
    """A resident's report from the portal. Counted against the account's and the address's
    daily quota; the phone number is kept for the venue's convenor and staff only. `on` is for
    recording a report made earlier (the demo's year); the portal reports today."""
    check_report_permission(reporter)
    checked = check_photos(committee=town.committee, photos=list(photos))
    check_report_quota(committee=town.committee, user_id=reporter.pk, address=address)
    fields = {"title": title, "description": description, "place": place, "category": category}
    with uploads.saving() as files, transaction.atomic():
        case = _create_case(
            town=town,
            on=on or today(),
            fields={
                **fields,
                "source": CaseSource.RESIDENT,
                "reporter": reporter,
                "reporter_name": str(reporter),
                "reporter_phone": plain_text(phone)[:20],
            },
        )
        for photo in checked:
            CasePhoto.objects.create(
                case=case,
                image=files.save(photo, folder="grassroots/cases"),
                content_type=photo.kind.content_type,
                size=photo.size,
            )
    _notify_triagers(case)
    return case


def raise_case_by_convenor(
    *,
    actor: User,
    venue: Venue,
    category: str,
    title: str,
    description: str,
    place: str,
    reporter_name: str = "",
    reporter_phone: str = "",
    source: str = CaseSource.CONVENOR,
    on: dt.date | None = None,
) -> Case:
    """A problem brought to the venue's duty day or by the community: straight onto its list."""
    check_manage_venue_permission(actor, venue)
    with transaction.atomic():
        case = _create_case(
            town=venue.town,
            on=on or today(),
            fields={
                "title": title,
                "description": description,
                "place": place,
                "category": category,
                "source": source,
                "reporter_name": plain_text(reporter_name)[:40],
                "reporter_phone": plain_text(reporter_phone)[:20],
            },
        )
        return apply(case, "accept", actor, venue=venue, on=on)


def raise_case_from_visit(
    *,
    member: Member,
    contact,
    town: Town,
    category: str,
    title: str,
    description: str,
    place: str,
    on: dt.date | None = None,
) -> Case:
    """A problem a member collected on a visit (委员三联系); credits CASE_RAISED once."""
    on = on or today()
    with transaction.atomic():
        case = _create_case(
            town=town,
            on=on,
            fields={
                "title": title,
                "description": description,
                "place": place,
                "category": category,
                "source": CaseSource.VISIT,
                "raised_by_member": member,
                "contact": contact,
                "reporter_name": contact.target if contact else "",
            },
        )
        transaction.on_commit(
            lambda: credit_duty(
                member=member, kind=DutyKind.CASE_RAISED, source=case, occurred_on=on
            )
        )
    _notify_triagers(case)
    return case


def _notify_triagers(case: Case) -> None:
    convenors = User.objects.filter(convened_venues__town_id=case.town_id).distinct()
    notify(
        kind=CASE_TO_HANDLE,
        recipients=list(convenors),
        title=_("新反映问题：%(t)s") % {"t": case.title},
        url=reverse("grassroots:case_detail", args=[case.pk]),
    )


def accept_case(*, actor: User, case: Case, venue: Venue, on: dt.date | None = None) -> Case:
    """Puts a raised (or referred-back) case on a venue's list in its town: the step
    `accept`, whose guard checks the venue (check_accepting_venue)."""
    case = fresh(case)
    check_triage_case_permission(actor, case)
    return apply(case, "accept", actor, venue=venue, on=on)


def check_accepting_venue(step: Step) -> None:
    """Guard of `accept`: a venue of the case's committee that the person runs."""
    venue = step.data.get("venue")
    if venue is None:
        raise ValidationError({"venue": _("请选择列入的协商场所。")})
    check_manage_venue_permission(step.actor, venue)
    if venue.committee_id != step.record.committee_id:
        raise ValidationError({"venue": _("只能列入本级政协的协商场所。")})


def take_onto_venue_list(step: Step) -> None:
    venue = step.data["venue"]
    step.touch(venue=venue)
    step.data["note"] = venue.name


def tell_reporter_accepted(step: Step) -> None:
    venue = step.data["venue"]
    _notify_reporter(step.record, _("您反映的问题已列入%(v)s议题清单") % {"v": venue.name})


def refer_case(*, actor: User, case: Case, referred_to: str, reason: str) -> Case:
    """Sends the case elsewhere (the step `refer`); the reporter sees the reason on the
    public page."""
    case = fresh(case)
    check_triage_case_permission(actor, case)
    referral(referred_to, reason)  # refused before the engine asks for a reason
    return apply(case, "refer", actor, reason=reason, referred_to=referred_to)


def referral(referred_to: str, reason: str) -> tuple[str, str]:
    """Where to and why, as text without markup; both are required."""
    referred_to, reason = plain_text(referred_to), plain_text(reason)
    if not referred_to:
        raise ValidationError({"referred_to": _("请填写转交单位。")})
    if not reason:
        raise ValidationError({"reason": _("请填写转交理由，反映人将看到它。")})
    return referred_to[:80], reason[:300]


def note_referral(step: Step) -> None:
    """Before `refer`: where to and why, kept on the case for its public page."""
    referred_to, reason = referral(step.data.get("referred_to", ""), step.reason)
    step.touch(referred_to=referred_to, referral_reason=reason)
    step.data["note"] = _("转交%(to)s：%(why)s") % {"to": referred_to, "why": reason}


def tell_reporter_referred(step: Step) -> None:
    case = step.record
    title = _("您反映的问题已转交%(to)s") % {"to": case.referred_to}
    _notify_reporter(case, title, case.referral_reason)


def _notify_reporter(case: Case, title: str, body: str = "") -> None:
    if case.reporter_id:
        notify(
            kind=CASE_UPDATE,
            recipients=[case.reporter],
            title=title,
            body=body,
            url=reverse("grassroots:case_public", args=[case.pk]),
        )


def rate_case(
    *,
    actor: User,
    case: Case,
    value: str,
    comment: str = "",
    by_representatives: bool = False,
    on: dt.date | None = None,
) -> Rating:
    """满意/基本满意 take the step `rate`; 不满意 the step `reopen`, back to consultation."""
    case = fresh(case)
    check_rate_case_permission(actor, case)
    if value not in RatingValue.values:
        raise ValidationError({"value": _("请选择评价。")})
    step = "reopen" if value == RatingValue.UNSATISFIED else "rate"
    data = {"value": value, "comment": comment, "by_representatives": by_representatives}
    return apply(case, step, actor, on=on, **data).rating


def close_case(*, actor: User, case: Case, on: dt.date | None = None) -> Case:
    """销号 after a satisfied rating: the step `close`."""
    case = fresh(case)
    check_manage_venue_permission(actor, case.venue)
    return apply(case, "close", actor, on=on)
