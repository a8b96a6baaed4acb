"""Employers: registration on the portal (with the licence image), the credit-code check every
door shares (the form, the import), and the effects of the verification workflow."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as InvalidNumber

from zhengxie.core.chinese import normalize_text
from zhengxie.core.models import Committee, Member, Role, Town, User
from zhengxie.core.permissions import office_committee_ids
from zhengxie.core.phones import InvalidMobile, normalize_mobile
from zhengxie.core.services.notifications import notify
from zhengxie.core.uploads import GIF, JPEG, PNG, WEBP, check_upload, saving
from zhengxie.core.workflow import Step

from ..models import Employer, EmployerState
from ..notifications import EMPLOYER, REVIEW
from ..rules import LICENCE_MAX_BYTES, rule
from ..selectors.work import towns_of

LICENCE_KINDS = (PNG, JPEG, GIF, WEBP)


def clean_credit_code(value: object) -> str:
    """The 18 characters of a unified social credit code (GB 32100-2015), its check character
    verified; a ValidationError saying which way it is wrong otherwise."""
    code = uscc.compact(normalize_text(value)).upper()
    if not code:
        raise ValidationError(_("请填写统一社会信用代码。"), code="required")
    try:
        return uscc.validate(code)
    except InvalidChecksum:
        raise ValidationError(
            _("统一社会信用代码“%(code)s”的校验位不正确，请核对。") % {"code": code},
            code="checksum",
        ) from None
    except InvalidNumber:
        raise ValidationError(
            _("“%(code)s”不是有效的统一社会信用代码（应为18位数字和大写字母）。") % {"code": code},
            code="invalid",
        ) from None


def clean_contact_phone(value: object) -> str:
    try:
        phone = normalize_mobile(value)
    except InvalidMobile as error:
        raise ValidationError(
            _("“%(value)s”不是有效的手机号码。") % {"value": error}, code="invalid"
        ) from None
    if not phone:
        raise ValidationError(_("请填写联系电话。"), code="required")
    return phone


def _field_errors(**checks) -> dict:
    """Runs each cleaner and returns the cleaned values, or raises all errors at once, each
    under its field."""
    cleaned, errors = {}, {}
    for field, (cleaner, value) in checks.items():
        try:
            cleaned[field] = cleaner(value)
        except ValidationError as error:
            errors[field] = error.messages
    if errors:
        raise ValidationError(errors)
    return cleaned


def check_employer_fields(
    *, committee: Committee, credit_code: str, contact_phone: str, town: Town, exclude=None
) -> dict:
    cleaned = _field_errors(
        credit_code=(clean_credit_code, credit_code),
        contact_phone=(clean_contact_phone, contact_phone),
    )
    if not towns_of(committee.pk).filter(pk=town.pk).exists():
        raise ValidationError({"town": _("所选乡镇街道不属于本政协。")})
    taken = Employer.objects.filter(committee=committee, credit_code=cleaned["credit_code"])
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise ValidationError({"credit_code": _("该统一社会信用代码的单位已经登记。")})
    return cleaned


def register_employer(
    *,
    owner: User,
    committee: Committee,
    name: str,
    credit_code: str,
    contact_person: str,
    contact_phone: str,
    town: Town,
    licence,
    address: str = "",
) -> Employer:
    """An account registers its company; the employer waits for staff to verify it (待核验)
    and the committee's office is told."""
    cleaned = check_employer_fields(
        committee=committee, credit_code=credit_code, contact_phone=contact_phone, town=town
    )
    checked = check_upload(
        licence,
        field="licence",
        label=_("营业执照"),
        accept=LICENCE_KINDS,
        max_bytes=rule(committee.pk, LICENCE_MAX_BYTES),
    )
    with saving() as batch, transaction.atomic():
        employer = Employer(
            committee=committee,
            name=normalize_text(name),
            contact_person=normalize_text(contact_person),
            town=town,
            address=normalize_text(address),
            owner=owner,
            **cleaned,
        )
        employer.licence.name = batch.save(checked, folder="jobs/licences")
        employer._history_user = owner
        employer.save()
        transaction.on_commit(lambda: _tell_office_of_registration(employer))
    return employer


def _tell_office_of_registration(employer: Employer) -> None:
    staff = User.objects.filter(
        role_grants__committee_id=employer.committee_id, role_grants__role=Role.STAFF
    ).distinct()
    notify(
        kind=REVIEW,
        recipients=staff,
        title=_("新用人单位待核验：%(name)s") % {"name": employer.name},
        url=employer.get_absolute_url(),
    )


def link_member(*, actor: User, employer: Employer, member: Member | None) -> Employer:
    """Staff mark an employer as a member's enterprise (委员企业), or unmark it."""
    if employer.committee_id not in office_committee_ids(actor):
        raise PermissionDenied(_("只有本级政协机关工作人员可以操作。"))
    if member is not None and member.committee_id != employer.committee_id:
        raise ValidationError({"member": _("所选委员不属于本政协。")})
    with transaction.atomic():
        employer = Employer.objects.select_for_update().get(pk=employer.pk)
        employer.member = member
        employer._history_user = actor
        employer.save(update_fields=["member"])
    return employer


# --- the verification workflow's effects --------------------------------------------------


def stamp_verified_at(step: Step) -> None:
    step.touch(verified_at=timezone.now())


def tell_owner_verified(step: Step) -> None:
    employer = step.record
    if employer.owner_id:
        notify(
            kind=EMPLOYER,
            recipients=[employer.owner],
            title=_("您的单位“%(name)s”已通过核验，岗位审核通过后即可公开。")
            % {"name": employer.name},
            url=employer.get_absolute_url(),
        )


def tell_owner_rejected(step: Step) -> None:
    employer = step.record
    if employer.owner_id:
        notify(
            kind=EMPLOYER,
            recipients=[employer.owner],
            title=_("您的单位“%(name)s”未通过核验") % {"name": employer.name},
            body=step.reason,
            url=employer.get_absolute_url(),
        )


def is_pending(employer: Employer) -> bool:
    return employer.state == EmployerState.PENDING
