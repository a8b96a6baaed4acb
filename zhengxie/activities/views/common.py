"""What every activities view needs: the committee the office person works for, and turning a
service's ValidationError or WorkflowError into messages on the page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee
from zhengxie.core.permissions import office_committee_ids, readable_committee_ids
from zhengxie.core.views.scoping import pick_committee
from zhengxie.core.workflow import WorkflowError


def office_committee(request: HttpRequest) -> Committee:
    """The committee whose office the person works in (?committee= picks among several)."""
    return pick_committee(
        request, office_committee_ids(request.user), refusal=_("只有政协机关工作人员可以操作。")
    )


def reader_committee_ids(request: HttpRequest) -> set[int]:
    return readable_committee_ids(request.user)


def report_errors(request: HttpRequest, error: ValidationError | WorkflowError) -> None:
    if isinstance(error, WorkflowError):
        messages.error(request, error.message)
    elif hasattr(error, "message_dict"):
        for field, texts in error.message_dict.items():
            for text in texts:
                messages.error(request, text if field == "__all__" else f"{text}")
    else:
        for text in error.messages:
            messages.error(request, text)


def form_errors(form, error: ValidationError | WorkflowError) -> None:
    """A service's refusal shown on the form, beside the field it names."""
    if isinstance(error, WorkflowError):
        form.add_error(None, error.message)
    elif hasattr(error, "message_dict"):
        for field, texts in error.message_dict.items():
            form.add_error(field if field in form.fields else None, texts)
    else:
        form.add_error(None, error.messages)
