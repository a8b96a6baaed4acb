"""The residents' side: report a problem, follow one's reports, the public case page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from zhengxie.core.permissions import readable_committee_ids
from zhengxie.core.selectors import get_home_committee
from zhengxie.core.throttle import client_address
from zhengxie.core.uploads import serve_upload
from zhengxie.core.web.errors import show_on_form
from zhengxie.core.web.redirects import redirect_with_success
from zhengxie.core.workflow import may_take

from .. import rules, selectors
from ..forms import RatingForm, ReportForm
from ..models import Case, CasePhoto, SessionPhoto
from ..permissions import can_manage_venue, can_read_case, check_report_permission
from ..services.cases import report_case
from ..services.intake import RateLimited
from ..workflow import CASE


@login_required
def report(request: HttpRequest) -> HttpResponse:
    check_report_permission(request.user)
    form = ReportForm(request.POST or None, request.FILES or None, committee=get_home_committee())
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = report_case(reporter=request.user, address=client_address(request), **data)
        except RateLimited as error:
            show_on_form(form, error)
            status = 429
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("感谢您的反映，我们会尽快受理。"), "grassroots:case_public", pk=case.pk
            )
    return render(request, "grassroots/report.html", {"form": form}, status=status)


@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    cases = (
        Case.objects.filter(reporter=request.user)
        .select_related("town", "venue")
        .order_by("-raised_on", "-id")[:100]
    )
    return render(request, "grassroots/my_reports.html", {"cases": cases})


def case_public(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone may read it: the problem, where, its timeline; never who reported it."""
    case = selectors.get_public_case(case_id=pk)
    user = request.user
    return render(
        request,
        "grassroots/case_public.html",
        {
            "case": case,
            "category": rules.categories(case.committee_id).get(case.category, case.category),
            # The reporter rates here; the convenor records representatives' on the case page.
            "can_rate": user.is_authenticated
            and case.reporter_id == user.pk
            and may_take(case, "rate", user, workflow=CASE),
            "rating_form": RatingForm(),
        },
    )


@login_required
def case_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """Residents' photos may show faces and doors: only people who may read the case see them."""
    photo = get_object_or_404(CasePhoto.objects.select_related("case__venue"), pk=pk)
    if not can_read_case(request.user, photo.case):
        raise PermissionDenied(_("您无权查看该照片。"))
    return serve_upload(photo.image)


@login_required
def session_photo(request: HttpRequest, pk: int) -> HttpResponse:
    photo = get_object_or_404(SessionPhoto.objects.select_related("session__venue"), pk=pk)
    if not can_manage_venue(
        request.user, photo.session.venue
    ) and photo.session.committee_id not in readable_committee_ids(request.user):
        raise PermissionDenied(_("您无权查看该照片。"))
    return serve_upload(photo.image)
