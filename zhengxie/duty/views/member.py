"""The member's own pages: 我的履职 and the duty file (page and Word document)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from zhengxie.core.models import Member
from zhengxie.core.web.downloads import DOCX, PDF, download

from ..exports import duty_file_docx
from ..exports_pdf import duty_file_pdf
from ..permissions import check_own_duty_permission, check_read_member_file_permission
from ..selectors.member import duty_file, member_sections, member_year
from .scope import year_of


@login_required
def me(request: HttpRequest) -> HttpResponse:
    member = check_own_duty_permission(request.user)
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
