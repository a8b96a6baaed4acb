"""理论征文 and 委员读书 pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.permissions import office_committee_ids, readable_committee_ids
from zhengxie.core.web.errors import show_as_messages
from zhengxie.core.web.scoping import office_committee

from .. import selectors
from ..forms import EssayCallForm, EssayForm, NoteForm, ScoreForm
from ..models import Essay, EssayCall, ReadingGroup, ReadingSession
from ..permissions import can_manage_activity, check_reading_note_permission, member_of
from ..services import essays as essay_services
from ..services import reading as reading_services


def _readable(request: HttpRequest, committee_id: int) -> None:
    if committee_id not in readable_committee_ids(request.user):
        raise PermissionDenied(_("您无权查看。"))


@login_required
def essay_calls(request: HttpRequest) -> HttpResponse:
    calls = EssayCall.objects.filter(committee_id__in=readable_committee_ids(request.user))
    form = EssayCallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        committee = office_committee(request)
        try:
            call = essay_services.open_call(
                actor=request.user, committee=committee, **form.cleaned_data
            )
        except ValidationError as error:
            show_as_messages(request, error)
        else:
            return redirect("activities:essay_call", call.pk)
    office = bool(office_committee_ids(request.user))
    return render(
        request,
        "activities/essay_calls.html",
        {"calls": calls.select_related("committee"), "form": form, "office": office},
    )


@login_required
def essay_call(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(EssayCall, pk=pk)
    _readable(request, call.committee_id)
    manage = can_manage_activity(request.user, call.committee_id)
    reviewer = call.reviewers.filter(pk=request.user.pk).exists()
    essays = call.essays.select_related("member")
    if not (manage or reviewer):
        essays = essays.filter(member__user=request.user) if call.state != "published" else essays
    return render(
        request,
        "activities/essay_call.html",
        {
            "call": call,
            "manage": manage,
            "reviewer": reviewer,
            "essays": essays,
            "member": member_of(request.user, call.committee_id),
            "essay_form": EssayForm(),
            "score_form": ScoreForm(),
        },
    )


@login_required
@require_POST
def essay_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """A member's essay, or a reviewer's score (closing and publishing are workflow steps)."""
    call = get_object_or_404(EssayCall, pk=pk)
    if action not in ("submit", "score"):
        raise Http404
    if action == "score" and not call.reviewers.filter(pk=request.user.pk).exists():
        # Refused before the form is read, so a form error never answers a non-reviewer.
        raise PermissionDenied(_("您不是本次征文的评审人。"))
    try:
        if action == "submit":
            form = EssayForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"title": _("请填写题目和正文。")})
            essay_services.submit_essay(user=request.user, call=call, **form.cleaned_data)
        elif action == "score":
            form = ScoreForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"score": _("评分应在 0 至 100 之间。")})
            essay = get_object_or_404(Essay, pk=form.cleaned_data["essay"], call=call)
            essay_services.score_essay(
                reviewer=request.user, essay=essay, score=form.cleaned_data["score"]
            )
    except ValidationError as error:
        show_as_messages(request, error)
    else:
        messages.success(request, _("操作成功。"))
    return redirect("activities:essay_call", pk)


@login_required
def reading_groups(request: HttpRequest) -> HttpResponse:
    groups = selectors.list_reading_groups(committee_ids=readable_committee_ids(request.user))
    office = bool(office_committee_ids(request.user))
    return render(request, "activities/reading_groups.html", {"groups": groups, "office": office})


@login_required
def reading_group(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(ReadingGroup.objects.select_related("leader"), pk=pk)
    _readable(request, group.committee_id)
    sessions = group.sessions.select_related("book").prefetch_related("notes__member", "attendees")
    return render(
        request,
        "activities/reading_group.html",
        {
            "group": group,
            "books": group.books.all(),
            "members": group.members.all(),
            "sessions": sessions,
            "note_form": NoteForm(),
            "manage": can_manage_activity(request.user, group.committee_id),
        },
    )


@login_required
@require_POST
def reading_note(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(ReadingSession.objects.select_related("group"), pk=pk)
    check_reading_note_permission(request.user, session)
    form = NoteForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"text": _("请填写读书心得。")})
        reading_services.add_note(
            user=request.user, session=session, text=form.cleaned_data["text"]
        )
    except ValidationError as error:
        show_as_messages(request, error)
    else:
        messages.success(request, _("读书心得已提交。"))
    return redirect("activities:reading_group", session.group_id)
