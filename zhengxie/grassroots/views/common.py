"""What the grassroots views share: whose committees a person reads."""

from django.http import HttpRequest
from django.utils.translation import gettext as _

from zhengxie.core.web.scoping import pick_committee_ids

from ..selectors import venue_reader_committee_ids


def reader_committee_ids(request: HttpRequest) -> list[int]:
    """Committees whose venues the person may read: their committees' (with roll-up) and
    those of venues they convene. Raises for residents and guests."""
    ids = venue_reader_committee_ids(request.user)
    return pick_committee_ids(
        request, ids, refusal=_("只有政协委员、机关工作人员和召集人可以查看。")
    )
