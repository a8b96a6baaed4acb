"""Members at the grassroots: who reported where, their contact records, and the figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, Role
from zhengxie.core.permissions import active_seat, committee_ids_with_role
from zhengxie.core.web.errors import show_on_form
from zhengxie.core.web.params import year_param
from zhengxie.core.web.scoping import pick_committee_ids

from .. import rules, selectors
from ..forms import ContactForm
from ..models import ContactRecord
from ..permissions import check_record_contact_permission
from ..services.contacts import record_contact

OVERVIEW_ROLES = (Role.STAFF, Role.ADMIN, Role.LEADER)


def _overview_committee_ids(request: HttpRequest) -> list[int]:
    ids = committee_ids_with_role(request.user, *OVERVIEW_ROLES, rollup=True)
    return pick_committee_ids(request, ids, refusal=_("只有机关工作人员和领导可以查看。"))


@login_required
def members_by_town(request: HttpRequest) -> HttpResponse:
    committee_ids = _overview_committee_ids(request)
    rows = selectors.list_members_by_town(committee_ids=committee_ids)
    year = timezone.localdate().year
    return render(
        request,
        "grassroots/members_by_town.html",
        {
            "rows": rows,
            "largest": max((len(row["names"]) for row in rows), default=0),
            "figures": selectors.figures(committee_ids=committee_ids, year=year),
            "committees": Committee.objects.filter(
                pk__in=committee_ids_with_role(request.user, *OVERVIEW_ROLES, rollup=True)
            ),
        },
    )


@login_required
def figures_page(request: HttpRequest) -> HttpResponse:
    committee_ids = _overview_committee_ids(request)
    year = year_param(request, default=timezone.localdate().year)
    return render(
        request,
        "grassroots/figures.html",
        {
            "figures": selectors.figures_by_place(committee_ids=committee_ids, year=year),
            "year": year,
            "committees": Committee.objects.filter(
                pk__in=committee_ids_with_role(request.user, *OVERVIEW_ROLES, rollup=True)
            ),
        },
    )


@login_required
def contacts(request: HttpRequest) -> HttpResponse:
    check_record_contact_permission(request.user)
    member = active_seat(request.user)
    form = ContactForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _contact, case = record_contact(
                actor=request.user,
                kind=data["kind"],
                target=data["target"],
                town=data["town"],
                occurred_on=data["occurred_on"],
                content=data["content"],
                case=form.case_fields(),
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request,
                _("联系记录已保存。") + (_("收集的问题已提交乡镇街道协商场所。") if case else ""),
            )
            return redirect("grassroots:contacts")
    records = ContactRecord.objects.filter(member=member).select_related("town", "case")[:100]
    return render(
        request,
        "grassroots/contacts.html",
        {
            "form": form,
            "records": records,
            "kinds": rules.contact_kinds(member.committee_id),
        },
    )
