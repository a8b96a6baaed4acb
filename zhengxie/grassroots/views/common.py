"""What the grassroots views share: whose committees a person reads."""

from django.http import HttpRequest
from django.utils.translation import gettext as _

from zhengxie.core.models import Venue
from zhengxie.core.permissions import readable_committee_ids
from zhengxie.core.web.scoping import pick_committee_ids


def reader_committee_ids(request: HttpRequest) -> list[int]:
    """Committees whose venues the person may read: their committees' (with roll-up) and
    those of venues they convene. Raises for residents and guests."""
    user = request.user
    ids = set(readable_committee_ids(user)) if user.is_authenticated else set()
    if user.is_authenticated:
        ids |= set(Venue.objects.filter(convenor=user).values_list("committee_id", flat=True))
    return pick_committee_ids(
        request, ids, refusal=_("只有政协委员、机关工作人员和召集人可以查看。")
    )
