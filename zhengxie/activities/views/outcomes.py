from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.history import history_context
from zhengxie.core.models import Member
from zhengxie.core.permissions import office_committee_ids, readable_committee_ids
from zhengxie.core.uploads import serve_upload
from zhengxie.core.web.downloads import DOCX, download
from zhengxie.core.web.errors import show_as_messages, show_form_errors_as_messages, show_on_form
from zhengxie.core.web.pagination import paginate
from zhengxie.core.web.redirects import redirect_with_success
from zhengxie.core.web.scoping import office_committee
from zhengxie.core.workflow import WorkflowError
from zhengxie.instructions.selectors import panel_for

from .. import selectors
from ..exports import outcome_docx
from ..forms import AttachmentForm, FollowUpForm, OutcomeForm
from ..instruction_targets import OUTCOME
from ..models import Activity, Outcome, OutcomeAttachment
from ..permissions import can_manage_activity, check_manage_activity_permission
from ..services import outcomes as outcome_services


def _readable_outcome(request: HttpRequest, pk: int) -> Outcome:
    outcome = get_object_or_404(
        Outcome.objects.select_related("activity", "committee"), pk=pk, is_deleted=False
    )
    if outcome.committee_id not in readable_committee_ids(request.user):
        raise PermissionDenied(_("您无权查看此成果。"))
    return outcome


@login_required
def outcome_list(request: HttpRequest) -> HttpResponse:
    outcomes = selectors.list_outcomes(committee_ids=readable_committee_ids(request.user))
    page = paginate(request, outcomes, 30)
    office = bool(office_committee_ids(request.user))
    return render(request, "activities/outcome_list.html", {"page": page, "office": office})


def _outcome_form(request: HttpRequest, committee, activity: Activity | None) -> HttpResponse:
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        authors = list(Member.objects.filter(pk__in=data.pop("authors")))
        try:
            outcome = outcome_services.record_outcome(
                actor=request.user, committee=committee, activity=activity, authors=authors, **data
            )
        except (ValidationError, WorkflowError) as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("成果已报送。"), "activities:outcome", outcome.pk
            )
    return render(request, "activities/outcome_form.html", {"form": form, "activity": activity})


@login_required
def outcome_create(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("committee"), pk=pk)
    check_manage_activity_permission(request.user, activity.committee_id)
    return _outcome_form(request, activity.committee, activity)


@login_required
def outcome_new(request: HttpRequest) -> HttpResponse:
    """A 建议案 or report that came from no recorded activity (e.g. a standing committee's
    own drafting)."""
    committee = office_committee(request)
    check_manage_activity_permission(request.user, committee.pk)
    return _outcome_form(request, committee, None)


@login_required
def outcome_detail(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = _readable_outcome(request, pk)
    manage = can_manage_activity(request.user, outcome.committee_id)
    context = {
        "outcome": outcome,
        "manage": manage,
        "authors": outcome.authors.all(),
        "follow_ups": outcome.follow_ups.select_related("author"),
        "attachments": outcome.attachments.all(),
        **panel_for(request.user, OUTCOME, outcome),
    }
    if manage:
        context.update(
            follow_form=FollowUpForm(),
            attachment_form=AttachmentForm(),
            **history_context(outcome),
        )
    return render(request, "activities/outcome_detail.html", context)


def _post(request, pk: int, form_class, call, done: str) -> HttpResponse:
    """Every follow-up of an outcome is the office's: others are refused before the form is
    read, so a form error never answers someone who may not act."""
    outcome = get_object_or_404(Outcome, pk=pk, is_deleted=False)
    check_manage_activity_permission(request.user, outcome.committee_id)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        show_form_errors_as_messages(request, form)
        return redirect("activities:outcome", pk)
    try:
        call(actor=request.user, outcome=outcome, **form.cleaned_data)
    except (ValidationError, WorkflowError) as error:
        show_as_messages(request, error)
    else:
        messages.success(request, done)
    return redirect("activities:outcome", pk)


@login_required
@require_POST
def outcome_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, FollowUpForm, outcome_services.add_follow_up, _("已添加跟踪记录。"))


@login_required
@require_POST
def outcome_attach(request: HttpRequest, pk: int) -> HttpResponse:
    def attach(*, actor, outcome, file):
        return outcome_services.attach_file(actor=actor, outcome=outcome, upload=file)

    return _post(request, pk, AttachmentForm, attach, _("附件已上传。"))


@login_required
def outcome_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(OutcomeAttachment, pk=pk)
    _readable_outcome(request, attachment.outcome_id)
    return serve_upload(attachment.file, filename=attachment.name)


@login_required
def outcome_word(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = _readable_outcome(request, pk)
    filename = f"outcome-{outcome.pk}.docx"
    return download(outcome_docx(outcome), filename=filename, content_type=DOCX)
