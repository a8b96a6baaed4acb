"""委员风采: the member switches their public page on or off; the office features a page that
is on. Each change is kept in the page's history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhengxie.core.models import Member, User

from ..models import Showcase
from ..permissions import check_feature_showcase_permission, check_own_duty_permission


def _locked(member: Member) -> Showcase:
    Showcase.objects.get_or_create(member=member, defaults={"committee_id": member.committee_id})
    return Showcase.objects.select_for_update().get(member=member)


def set_showcase_public(*, actor: User, public: bool) -> Showcase:
    """The actor's own seat only: nobody publishes a member's page for them. Switching it off
    also ends a feature, so switching it on again does not bring back the office's choice."""
    member = check_own_duty_permission(actor)
    with transaction.atomic():
        showcase = _locked(member)
        if showcase.is_public == public:
            return showcase
        showcase.is_public = public
        showcase.is_featured = showcase.is_featured and public
        showcase._history_user = actor
        showcase.save(update_fields=["is_public", "is_featured", "updated_at"])
    return showcase


def set_showcase_featured(*, actor: User, member: Member, featured: bool) -> Showcase:
    """The member's own office features (lists first) a page the member has switched on."""
    check_feature_showcase_permission(actor, member)
    with transaction.atomic():
        showcase = _locked(member)
        if featured and not showcase.is_public:
            raise ValidationError(
                {"is_featured": _("%(name)s尚未公开委员风采页，不能推荐。") % {"name": member}}
            )
        if showcase.is_featured == featured:
            return showcase
        showcase.is_featured = featured
        showcase._history_user = actor
        showcase.save(update_fields=["is_featured", "updated_at"])
    return showcase
