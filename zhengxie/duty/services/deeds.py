"""Practical deeds (兴办实事): a member records one with its evidence photos; the venue's
convenor or the office confirms or returns it through the practical_deed workflow
(duty/workflow.py). Entering "confirmed" credits the duty file and leaving it (the office's
override) reverses the credit, so the ledger follows the state however the state was reached.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core import uploads
from zhengxie.core.models import Role, User, Venue
from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import Step, apply

from ..models import DeedPhoto, DeedState, DutyKind, PracticalDeed
from ..notifications import DEED_DECIDED, DEED_TO_CONFIRM
from ..permissions import check_record_deed_permission
from .ledger import credit_duty, revoke_duty

PHOTO_MAX_COUNT = 6  # 佐证照片：现场、受益群众、成效各一二张即可
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTOS_PER_HOUR = 30  # one member's uploads, against a script filling the store
TEXT_FIELDS = ("title", "description", "place", "beneficiaries")


def _clean_fields(fields: dict) -> dict:
    """Every text field filled, the date not in the future; errors name the field."""
    cleaned = {name: (fields.get(name) or "").strip() for name in TEXT_FIELDS}
    errors = {
        name: _("请填写%(f)s。") % {"f": PracticalDeed._meta.get_field(name).verbose_name}
        for name, value in cleaned.items()
        if not value
    }
    done_on = fields.get("done_on")
    if done_on is None:
        errors["done_on"] = _("请填写办理日期。")
    elif done_on > timezone.localdate():
        errors["done_on"] = _("办理日期不能晚于今天。")
    if errors:
        raise ValidationError(errors)
    return {**cleaned, "done_on": done_on}


def _check_venue(venue: Venue | None, committee_id: int) -> None:
    if venue is not None and (venue.committee_id != committee_id or not venue.is_active):
        raise ValidationError({"venue": _("所在协商场所须是本级政协在用的场所。")})


def _check_photos(*, user: User, photos: list[UploadedFile]) -> list[uploads.CheckedUpload]:
    if len(photos) > PHOTO_MAX_COUNT:
        raise ValidationError({"photos": _("佐证照片最多 %(n)s 张。") % {"n": PHOTO_MAX_COUNT}})
    checked = uploads.check_uploads(
        photos,
        field="photos",
        label=_("佐证照片"),
        accept=uploads.IMAGES,
        max_bytes=PHOTO_MAX_BYTES,
    )
    uploads.count_uploads(
        user_id=user.pk,
        count=len(checked),
        per_hour=PHOTOS_PER_HOUR,
        field="photos",
        label=_("佐证照片"),
    )
    return checked


def record_deed(
    *,
    actor: User,
    title: str,
    description: str,
    place: str,
    beneficiaries: str,
    done_on: dt.date,
    venue: Venue | None = None,
    photos: list[UploadedFile] = (),
) -> PracticalDeed:
    """A sitting member records a deed of their own; it waits for a confirmer. Nothing is
    stored when a field or a photo is refused."""
    member = check_record_deed_permission(actor)
    fields = _clean_fields(
        {
            "title": title,
            "description": description,
            "place": place,
            "beneficiaries": beneficiaries,
            "done_on": done_on,
        }
    )
    _check_venue(venue, member.committee_id)
    checked = _check_photos(user=actor, photos=list(photos))
    with uploads.saving() as files, transaction.atomic():
        deed = PracticalDeed(committee_id=member.committee_id, member=member, venue=venue, **fields)
        deed._history_user = actor
        deed.save()
        for photo in checked:
            DeedPhoto.objects.create(
                deed=deed,
                image=files.save(photo, folder="duty/deeds"),
                content_type=photo.kind.content_type,
                size=photo.size,
            )
        transaction.on_commit(lambda: _tell_confirmers(deed))
    return deed


def confirmers_of(deed: PracticalDeed) -> list[User]:
    """The venue's convenor, or, for a deed at no venue, the committee's office staff."""
    if deed.venue_id and deed.venue.convenor_id and deed.venue.convenor_id != deed.member.user_id:
        return [deed.venue.convenor]
    return list(
        User.objects.filter(
            role_grants__committee_id=deed.committee_id, role_grants__role=Role.STAFF
        )
        .exclude(pk=deed.member.user_id or 0)
        .distinct()
    )


def _tell_confirmers(deed: PracticalDeed) -> None:
    notify(
        kind=DEED_TO_CONFIRM,
        recipients=confirmers_of(deed),
        title=_("待确认的兴办实事：%(m)s %(t)s") % {"m": deed.member.name, "t": deed.title},
        url=deed.get_absolute_url(),
    )


# The effects of the practical_deed workflow (workflow.py).


def stamp_decision(step: Step) -> None:
    step.touch(decided_by=step.actor, decided_at=timezone.now())


def keep_return_reason(step: Step) -> None:
    step.touch(return_reason=step.reason[:300])


def revise_deed(step: Step) -> None:
    """Resubmitting after a return: the member's corrections, in the same history row."""
    fields = _clean_fields({name: step.data.get(name) for name in (*TEXT_FIELDS, "done_on")})
    step.touch(**fields, return_reason="", decided_by=None, decided_at=None)


def credit_confirmed(step: Step) -> None:
    """Entering "confirmed", by the confirm step or the office's override, credits the deed."""
    deed = step.record
    credit_duty(
        member=deed.member,
        kind=DutyKind.PRACTICAL_DEED,
        source=deed,
        occurred_on=deed.done_on,
        note=deed.title,
    )


def revoke_unconfirmed(step: Step) -> None:
    """Any other state holds no credit: a confirmed deed moved away by the office's override
    has its credit reversed (nothing happens to a deed never credited)."""
    if step.source == DeedState.CONFIRMED:
        deed = step.record
        revoke_duty(member=deed.member, kind=DutyKind.PRACTICAL_DEED, source=deed, note=step.reason)


def tell_member_of_decision(step: Step) -> None:
    deed = step.record
    if deed.member.user_id is None:
        return
    title = _("您记录的兴办实事“%(t)s”%(what)s") % {"t": deed.title, "what": step.label}
    notify(
        kind=DEED_DECIDED,
        recipients=[deed.member.user],
        title=title,
        body=step.reason,
        url=deed.get_absolute_url(),
    )


def tell_confirmers_again(step: Step) -> None:
    _tell_confirmers(step.record)


def confirm_deed(*, actor: User, deed: PracticalDeed, note: str = "") -> PracticalDeed:
    return apply(deed, "confirm", actor, reason=note)


def return_deed(*, actor: User, deed: PracticalDeed, reason: str) -> PracticalDeed:
    return apply(deed, "return", actor, reason=reason)
