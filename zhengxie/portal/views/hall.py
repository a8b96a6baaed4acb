"""文史馆网上展馆: browse exhibitions by theme and period; staff curate."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from zhengxie.core.permissions import check_office, is_office
from zhengxie.core.uploads import serve_upload
from zhengxie.core.web.errors import show_on_form
from zhengxie.core.web.redirects import redirect_with_success

from ..forms import ExhibitionForm, ExhibitItemForm, HallFilterForm
from ..models import Exhibition, ExhibitItem
from ..selectors.hall import can_see_exhibition, list_exhibitions, list_periods
from ..services.hall import add_exhibit_item, save_exhibition
from .forum import home_committee


def hall_index(request: HttpRequest) -> HttpResponse:
    committee = home_committee()
    form = HallFilterForm(request.GET or None)
    theme = period = ""
    if form.is_valid():
        theme, period = form.cleaned_data["theme"], form.cleaned_data["period"]
    context = {
        "form": form,
        "exhibitions": list_exhibitions(request.user, committee, theme=theme, period=period),
        "periods": list_periods(committee),
        "can_curate": is_office(request.user, committee),
    }
    return render(request, "portal/hall_index.html", context)


def exhibition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exhibition = get_object_or_404(Exhibition, pk=pk)
    if not can_see_exhibition(request.user, exhibition):
        raise Http404
    curate = is_office(request.user, exhibition.committee_id)
    context = {
        "exhibition": exhibition,
        "items": exhibition.items.all(),
        "can_curate": curate,
        "item_form": ExhibitItemForm() if curate else None,
    }
    return render(request, "portal/exhibition.html", context)


@login_required
def exhibition_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    committee = home_committee()
    exhibition = get_object_or_404(Exhibition, pk=pk, committee=committee) if pk else None
    check_office(request.user, committee)
    form = ExhibitionForm(request.POST or None, instance=exhibition)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_exhibition(
                actor=request.user,
                committee=committee,
                exhibition=exhibition,
                **form.cleaned_data,
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("展览已保存。"), "portal:exhibition", pk=saved.pk
            )
    return render(request, "portal/exhibition_form.html", {"form": form, "exhibition": exhibition})


@login_required
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    exhibition = get_object_or_404(Exhibition, pk=pk)
    check_office(request.user, exhibition.committee_id)
    form = ExhibitItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            add_exhibit_item(actor=request.user, exhibition=exhibition, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("展品已添加。"), "portal:exhibition", pk=exhibition.pk
            )
    return render(
        request, "portal/item_form.html", {"form": form, "exhibition": exhibition}, status=400
    )


def item_image(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ExhibitItem.objects.select_related("exhibition"), pk=pk)
    if not item.image or not can_see_exhibition(request.user, item.exhibition):
        raise Http404
    return serve_upload(item.image, filename=item.title)
