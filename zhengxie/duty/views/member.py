"""The member's own pages: 我的履职 and the duty file (page and Word document)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Member
from zhengxie.core.permissions import active_seat
from zhengxie.core.web.downloads import DOCX, PDF, download

from ..exports import duty_file_docx
from ..exports_pdf import duty_file_pdf
from ..permissions import check_read_member_file_permission
from ..selectors.member import duty_file, member_sections, member_year
from .scope import year_of


@login_required
def me(request: HttpRequest) -> HttpResponse:
    member = active_seat(request.user)
    if member is None:
        raise PermissionDenied(_("“我的履职”只对政协委员开放。"))
    year = year_of(request)
    context = {
        "page": member_year(member=member, year=year),
        "sections": member_sections(member=member),
        "years": range(timezone.localdate().year, 2020, -1),
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
    return render(request, "duty/file.html", {"member": member, "file": data})


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
    return download(duty_file_pdf(member=member, data=data), filename=filename, content_type=PDF)
