"""New threads, replies and attachment downloads."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.uploads import serve_upload
from zhengxie.core.web.errors import show_on_form
from zhengxie.core.web.redirects import redirect_with_success

from .. import permissions
from ..forms import EditPostForm, PostForm, ThreadForm
from ..models import Attachment, Board, Post, Thread
from ..rules import POSTS_PER_PAGE
from ..services import posting


def _images(form) -> list:
    upload = form.cleaned_data.get("image")
    return [upload] if upload else []


@login_required
def thread_create(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_or_404(Board, pk=pk)
    permissions.check_post_thread(request.user, board)
    form = ThreadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = posting.create_thread(
                user=request.user,
                board=board,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                topic_title=form.cleaned_data["topic_title"],
                byline=form.cleaned_data["byline"],
                source=form.cleaned_data["source"],
                images=_images(form),
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(request, _("主题已发表。"), "portal:thread", pk=thread.pk)
    return render(request, "portal/thread_form.html", {"board": board, "form": form})


def floor_url(post) -> str:
    page = (post.floor - 1) // POSTS_PER_PAGE + 1
    return f"{reverse('portal:thread', args=[post.thread_id])}?page={page}#floor-{post.floor}"


@require_POST
def reply_create(request: HttpRequest, pk: int) -> HttpResponse:
    thread = get_object_or_404(Thread.objects.select_related("board"), pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("portal:thread", args=[pk]))
    permissions.check_view_thread(request.user, thread)
    form = PostForm(request.POST, request.FILES or None)
    if form.is_valid():
        try:
            post = posting.reply(
                user=request.user,
                thread=thread,
                body=form.cleaned_data["body"],
                images=_images(form),
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(request, _("回复成功。"), floor_url(post))
    return render(request, "portal/reply_form.html", {"thread": thread, "form": form}, status=400)


@login_required
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.select_related("thread__board"), pk=pk)
    permissions.check_edit_post(request.user, post)
    initial = {"title": post.thread.title, "body": post.body_html}
    form = EditPostForm(request.POST or None, initial=initial, first_floor=post.floor == 1)
    if request.method == "POST" and form.is_valid():
        try:
            posting.edit_post(user=request.user, post=post, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(request, _("帖子已修改。"), floor_url(post))
    return render(request, "portal/post_form.html", {"post": post, "form": form})


def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Attachments need login (the seed's 您需要 登录 才可以下载或查看) and the board's rights."""
    attachment = get_object_or_404(Attachment.objects.select_related("post__thread__board"), pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post = attachment.post
    if post is None:
        allowed = attachment.uploader_id == request.user.pk
    else:
        permissions.check_view_thread(request.user, post.thread)
        allowed = permissions.can_download(request.user, post.thread.board)
    if not allowed:
        raise PermissionDenied(_("您没有权限下载本版块的附件。"))
    response = serve_upload(attachment.file, filename=attachment.original_name)
    response["Cache-Control"] = "private, max-age=3600"
    return response
