"""The member's own pages: 我的履职 and the duty file (page and Word document)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengxie.core.models import Member
from zhengxie.core.web.downloads import DOCX, PDF, download
from zhengxie.core.web.errors import show_as_messages
from zhengxie.core.web.redirects import redirect_to

from ..exports import duty_file_docx
from ..permissions import (
    can_manage_duty,
    check_own_duty_permission,
    check_read_member_file_permission,
)
from ..selectors.member import duty_file, member_sections, member_year
from ..selectors.showcase import showcase_of
from ..services.showcase import set_showcase_featured, set_showcase_public
from .scope import year_of


@login_required
def me(request: HttpRequest) -> HttpResponse:
    member = check_own_duty_permission(request.user)
    year = year_of(request)
    context = {
        "page": member_year(member=member, year=year),
        "sections": member_sections(member=member),
        "years": range(timezone.localdate().year, 2020, -1),
        "showcase": showcase_of(member),
    }
    return render(request, "duty/me.html", context)


def _member(request: HttpRequest, pk: int) -> Member:
    member = get_object_or_404(
        Member.objects.select_related("committee", "sector", "special_committee", "term"), pk=pk
    )
    check_read_member_file_permission(request.user, member)
    return member


@login_required
def member_file(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    data = duty_file(member=member, today_year=timezone.localdate().year)
    context = {
        "member": member,
        "file": data,
        "showcase": showcase_of(member),
        "can_feature": can_manage_duty(request.user, member.committee_id),
    }
    return render(request, "duty/file.html", context)


@login_required
@require_POST
def showcase_switch(request: HttpRequest) -> HttpResponse:
    """The member switches their 委员风采 page on or off."""
    public = request.POST.get("public") == "1"
    set_showcase_public(actor=request.user, public=public)
    done = _("委员风采页已公开。") if public else _("委员风采页已关闭。")
    messages.success(request, done)
    return redirect_to("duty:me")


@login_required
@require_POST
def showcase_feature(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(Member, pk=pk)
    featured = request.POST.get("featured") == "1"
    try:
        set_showcase_featured(actor=request.user, member=member, featured=featured)
        messages.success(request, _("已推荐。") if featured else _("已取消推荐。"))
    except ValidationError as error:
        show_as_messages(request, error)
    return redirect_to("duty:member_file", pk)


@login_required
def member_file_docx(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    data = duty_file(member=member, today_year=timezone.localdate().year)
    filename = f"duty-file-{member.pk}.docx"
    return download(duty_file_docx(member=member, data=data), filename=filename, content_type=DOCX)


@login_required
def member_file_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    data = duty_file(member=member, today_year=timezone.localdate().year)
    filename = f"duty-file-{member.pk}.pdf"
    # Loaded on first use: the PDF module reads the machine's Chinese font, which every
    # worker would otherwise pay for at start-up.
    from ..exports_pdf import duty_file_pdf

    return download(duty_file_pdf(member=member, data=data), filename=filename, content_type=PDF)
