"""Moderator acts, reports and the moderation queue."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.web.errors import show_as_messages
from zhengxie.core.workflow import WorkflowError, workflow_of

from .. import permissions
from ..models import Board, ModAct, Post, Thread
from ..selectors.moderation import get_queue
from ..services import moderation
from .forum import home_committee, with_steps
from .posting import floor_url


def _reason(request: HttpRequest) -> str:
    return (request.POST.get("reason") or "").strip()[:200]


@login_required
@require_POST
def post_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.select_related("thread__board"), pk=pk)
    act = request.POST.get("act", "")
    if not workflow_of(Post).has_transition(act):
        raise PermissionDenied(_("未知的管理操作。"))
    try:
        moderation.moderate_post(actor=request.user, post=post, act=act, reason=_reason(request))
        messages.success(
            request,
            _("已%(act)s第 %(floor)s 楼。") % {"act": ModAct(act).label, "floor": post.floor},
        )
    except (ValidationError, WorkflowError) as error:
        show_as_messages(request, error)
    return redirect(request.POST.get("next") or floor_url(post))


@login_required
@require_POST
def thread_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    thread = get_object_or_404(Thread.objects.select_related("board"), pk=pk)
    act = request.POST.get("act", "")
    try:
        if act == ModAct.MOVE:
            board = get_object_or_404(Board, pk=request.POST.get("board") or 0)
            moderation.move_thread(
                actor=request.user, thread=thread, board=board, reason=_reason(request)
            )
        elif act in moderation.THREAD_FLAGS:
            moderation.set_thread_flag(
                actor=request.user, thread=thread, act=act, reason=_reason(request)
            )
        else:
            raise PermissionDenied(_("未知的管理操作。"))
        messages.success(request, _("操作成功：%(act)s。") % {"act": ModAct(act).label})
    except ValidationError as error:
        show_as_messages(request, error)
    return redirect("portal:thread", pk=thread.pk)


@login_required
@require_POST
def post_report(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.select_related("thread__board"), pk=pk)
    try:
        moderation.report_post(user=request.user, post=post, reason=_reason(request))
        messages.success(request, _("举报已提交，版主会尽快处理。"))
    except ValidationError as error:
        show_as_messages(request, error)
    return redirect(floor_url(post))


@login_required
@require_POST
def user_ban(request: HttpRequest, pk: int) -> HttpResponse:
    """A board chosen bans from that board; none chosen bans from the whole forum (staff)."""
    target = get_object_or_404(get_user_model(), pk=pk)
    board_id = request.POST.get("board") or ""
    ban = {"actor": request.user, "user": target, "reason": _reason(request)}
    try:
        if board_id:
            board = get_object_or_404(Board, pk=int(board_id) if board_id.isdigit() else 0)
            moderation.ban_from_board(board=board, **ban)
        else:
            moderation.ban_from_forum(committee_id=home_committee().pk, **ban)
        messages.success(request, _("已禁言 %(user)s。") % {"user": target})
    except ValidationError as error:
        show_as_messages(request, error)
    return redirect("portal:profile", pk=target.pk)


@login_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    permissions.check_open_moderation_queue(request.user)
    queue = get_queue(request.user, home_committee())
    with_steps(queue["pending"], request.user)
    with_steps(queue["reports"], request.user)
    with_steps([report.post for report in queue["reports"]], request.user)
    return render(request, "portal/moderation.html", queue)
