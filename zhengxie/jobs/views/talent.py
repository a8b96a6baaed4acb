"""人才库: verified employers browse the résumés their owners made visible and invite a person
to apply to one of their open jobs; the person answers on 我的投递."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.selectors import get_home_committee
from zhengxie.core.web.errors import show_as_messages, show_form_errors_as_messages
from zhengxie.core.web.pagination import paginate
from zhengxie.core.web.redirects import redirect_with_success

from ..forms import InvitationForm, TalentSearchForm
from ..permissions import check_talent_pool_permission
from ..selectors.talent import (
    PAGE_SIZE,
    TalentQuery,
    get_my_invitation,
    jobs_to_invite_to,
    list_talent,
)
from ..services.talent import accept_invitation, decline_invitation, invite_to_apply


def talent_pool(request: HttpRequest) -> HttpResponse:
    """Open to verified employers only: guests are refused too (403), not sent to sign in,
    since signing in opens it to no one else."""
    form = TalentSearchForm(request.GET or None, committee=get_home_committee())
    query = TalentQuery()
    if form.is_valid():
        data = form.cleaned_data
        query = TalentQuery(
            text=data["q"],
            town_id=data["town"].pk if data["town"] else None,
            category_id=data["category"].pk if data["category"] else None,
        )
    page = paginate(request, list_talent(request.user, query), PAGE_SIZE)
    jobs = jobs_to_invite_to(request.user, today=timezone.localdate())
    return render(
        request,
        "jobs/talent_pool.html",
        {"form": form, "page": page, "invitation_form": InvitationForm(jobs=jobs, auto_id=False)},
    )


@require_POST
def talent_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """邀请投递 from a row of the talent pool; back to the pool with what happened."""
    check_talent_pool_permission(request.user)
    jobs = jobs_to_invite_to(request.user, today=timezone.localdate())
    form = InvitationForm(request.POST, jobs=jobs)
    back = redirect("jobs:talent_pool")
    if not form.is_valid():
        show_form_errors_as_messages(request, form)
        return back
    try:
        invite_to_apply(actor=request.user, job_id=form.cleaned_data["job"], resume_id=pk)
    except ValidationError as error:
        show_as_messages(request, error)
    else:
        messages.success(request, _("已发出邀请，求职者投递后您会收到通知。"))
    return back


@login_required
@require_POST
def invitation_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """投递 from 我的投递's invitation: the same application as the job page's 一键投递."""
    invitation = get_my_invitation(request.user, pk)
    try:
        accept_invitation(seeker=request.user, invitation=invitation)
    except ValidationError as error:
        show_as_messages(request, error)
        return redirect("jobs:my_applications")
    return redirect_with_success(request, _("已投递，请留意消息。"), "jobs:my_applications")


@login_required
@require_POST
def invitation_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """婉拒: the employer learns only that the invitation was declined."""
    invitation = get_my_invitation(request.user, pk)
    try:
        decline_invitation(seeker=request.user, invitation=invitation)
    except ValidationError as error:
        show_as_messages(request, error)
        return redirect("jobs:my_applications")
    return redirect_with_success(request, _("已婉拒该邀请。"), "jobs:my_applications")
