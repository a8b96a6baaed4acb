"""What the grassroots views share: whose committees a person reads, and form errors."""

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest
from django.utils.translation import gettext as _

from zhengxie.core.models import Venue
from zhengxie.core.permissions import readable_committee_ids
from zhengxie.core.views.scoping import pick_committee_ids


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


def add_errors(form: Form, error: ValidationError) -> None:
    """Puts a service's refusal on the form, on the field it names when the form has it."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def client_address(request: HttpRequest) -> str:
    # Behind nginx the proxy sets X-Real-IP; REMOTE_ADDR is the proxy itself then.
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR", "")
