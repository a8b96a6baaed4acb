from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.history import history_of
from zhengxie.core.models import Member
from zhengxie.core.permissions import office_committee_ids
from zhengxie.core.uploads import serve_upload
from zhengxie.core.workflow import WorkflowError

from .. import selectors
from ..exports import outcome_docx
from ..forms import AttachmentForm, FollowUpForm, InstructionForm, OutcomeForm
from ..models import Activity, Outcome, OutcomeAttachment
from ..permissions import can_manage_activity, check_manage_activity_permission
from ..services import outcomes as outcome_services
from .common import form_errors, office_committee, reader_committee_ids, report_errors


def _readable_outcome(request: HttpRequest, pk: int) -> Outcome:
    outcome = get_object_or_404(
        Outcome.objects.select_related("activity", "committee"), pk=pk, is_deleted=False
    )
    if outcome.committee_id not in reader_committee_ids(request):
        raise PermissionDenied(_("您无权查看此成果。"))
    return outcome


@login_required
def outcome_list(request: HttpRequest) -> HttpResponse:
    outcomes = selectors.list_outcomes(committee_ids=reader_committee_ids(request))
    page = Paginator(outcomes, 30).get_page(request.GET.get("page"))
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
            form_errors(form, error)
        else:
            messages.success(request, _("成果已报送。"))
            return redirect("activities:outcome", outcome.pk)
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
        "instructions": outcome.instructions.all(),
        "follow_ups": outcome.follow_ups.select_related("author"),
        "attachments": outcome.attachments.all(),
    }
    if manage:
        context.update(
            instruction_form=InstructionForm(),
            follow_form=FollowUpForm(),
            attachment_form=AttachmentForm(),
            history=history_of(outcome),
        )
    return render(request, "activities/outcome_detail.html", context)


def _post(request, pk: int, form_class, call, done: str) -> HttpResponse:
    """Every follow-up of an outcome is the office's: others are refused before the form is
    read, so a form error never answers someone who may not act."""
    outcome = get_object_or_404(Outcome, pk=pk, is_deleted=False)
    check_manage_activity_permission(request.user, outcome.committee_id)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}：{errors[0]}")
        return redirect("activities:outcome", pk)
    try:
        call(actor=request.user, outcome=outcome, **form.cleaned_data)
    except (ValidationError, WorkflowError) as error:
        report_errors(request, error)
    else:
        messages.success(request, done)
    return redirect("activities:outcome", pk)


@login_required
@require_POST
def outcome_instruction(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request, pk, InstructionForm, outcome_services.record_instruction, _("已记录领导批示。")
    )


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
    response = HttpResponse(
        outcome_docx(outcome),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f"attachment; filename=outcome-{outcome.pk}.docx"
    return response
