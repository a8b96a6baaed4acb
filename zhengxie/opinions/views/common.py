"""What the opinion pages share: the committee a page works on, and service errors on forms."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee
from zhengxie.core.permissions import active_seat, office_committee_ids
from zhengxie.core.views.scoping import pick_committee

from ..permissions import reader_committee_ids


def office_committee(request: HttpRequest) -> Committee:
    return pick_committee(
        request, office_committee_ids(request.user), refusal=_("您没有可操作的政协。")
    )


def reader_committees(request: HttpRequest) -> list[Committee]:
    return list(Committee.objects.filter(pk__in=reader_committee_ids(request.user)))


def reporting_committee(request: HttpRequest) -> Committee:
    """Members report to their own committee; office staff file in their office's."""
    member = active_seat(request.user)
    if member is not None:
        return member.committee
    return office_committee(request)


def show_errors(form, error: ValidationError) -> None:
    """Put a service's field errors on the form fields they name, the rest on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
