"""The roster and a member's file, for office staff (edit) and leaders (read)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.members import DeactivateForm, MemberForm, RosterFilterForm
from ..history import history_context
from ..models import Member
from ..permissions import (
    can_manage_people,
    can_see_mobile,
    check_manage_people_permission,
    check_read_member_permission,
    roster_committee_ids,
)
from ..selectors import list_members
from ..services.members import create_member, set_member_active, update_member
from ..web.pagination import paginate
from ..web.redirects import redirect_with_success
from ..web.scoping import allowed_committees, office_committee, pick_committee

PAGE_SIZE = 50


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    allowed = roster_committee_ids(request.user)
    committee = pick_committee(request, allowed)
    form = RosterFilterForm(
        request.GET or None, committees=allowed_committees(allowed), committee=committee
    )
    members = list_members(committee=committee, **form.selector_filters())
    context = {
        "committee": committee,
        "form": form,
        "page": paginate(request, members, PAGE_SIZE),
        "show_mobile": can_see_mobile(request.user, committee),
        "can_manage": can_manage_people(request.user, committee),
    }
    return render(request, "core/member_list.html", context)


@login_required
def member_detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(
        Member.objects.select_related("committee", "sector", "special_committee", "town", "term"),
        pk=pk,
    )
    check_read_member_permission(request.user, member)
    manage = can_manage_people(request.user, member.committee_id)
    context = {
        "member": member,
        "show_mobile": can_see_mobile(request.user, member.committee_id),
        "can_manage": manage,
        **history_context(member, shown=manage),
        "deactivate_form": DeactivateForm(),
    }
    return render(request, "core/member_detail.html", context)


@login_required
def member_create(request: HttpRequest) -> HttpResponse:
    committee = office_committee(request)
    form = MemberForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        member = create_member(user=request.user, committee=committee, fields=_fields(form))
        message = _("已添加委员 %(name)s。") % {"name": member.name}
        return redirect_with_success(request, message, "core:member_detail", pk=member.pk)
    return render(request, "core/member_form.html", {"form": form, "committee": committee})


@login_required
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(Member.objects.select_related("committee"), pk=pk)
    check_manage_people_permission(request.user, member.committee_id)
    form = MemberForm(request.POST or None, instance=member, committee=member.committee)
    if request.method == "POST" and form.is_valid():
        update_member(user=request.user, member=member, fields=_fields(form))
        return redirect_with_success(request, _("已保存。"), "core:member_detail", pk=member.pk)
    context = {"form": form, "committee": member.committee, "member": member}
    return render(request, "core/member_form.html", context)


@login_required
@require_POST
def member_set_active(request: HttpRequest, pk: int, active: int) -> HttpResponse:
    member = get_object_or_404(Member, pk=pk)
    form = DeactivateForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    set_member_active(user=request.user, member=member, active=bool(active), reason=reason)
    message = _("已恢复在任。") if active else _("已设为离任。")
    return redirect_with_success(request, message, "core:member_detail", member.pk)


def _fields(form: MemberForm) -> dict:
    """The member's own fields from a valid form (the committee comes from the page)."""
    return {name: form.cleaned_data[name] for name in form.Meta.fields}
