"""Venues: the convenor keeps address, duty days and members; staff also set convenor and stars."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhengxie.core.models import Member, User, Venue
from zhengxie.core.permissions import is_office

from ..permissions import check_manage_venue_permission
from .intake import plain_text

OFFICE_FIELDS = ("star_rating",)


def update_venue(
    *,
    actor: User,
    venue: Venue,
    address: str,
    duty_days: str,
    member_ids: list[int],
    star_rating: int | None = None,
) -> Venue:
    """Locks the venue row; a convenor changing the star rating is refused."""
    check_manage_venue_permission(actor, venue)
    office = is_office(actor, venue.committee_id)
    if not office and star_rating != venue.star_rating:
        raise PermissionDenied(_("年度星级由政协机关评定。"))
    if star_rating is not None and not 1 <= star_rating <= 5:
        raise ValidationError({"star_rating": _("年度星级须为 1 到 5。")})
    members = list(
        Member.objects.filter(pk__in=member_ids, committee_id=venue.committee_id, is_active=True)
    )
    if len(members) != len(set(member_ids)):
        raise ValidationError({"members": _("联系委员须是本级政协在任委员。")})
    with transaction.atomic():
        venue = Venue.objects.select_for_update().get(pk=venue.pk)
        venue.address, venue.duty_days = plain_text(address)[:120], plain_text(duty_days)[:60]
        venue.star_rating = star_rating
        venue.save(update_fields=["address", "duty_days", "star_rating"])
        venue.members.set(members)
    return venue
