"""委员读书 editing pages for office staff: groups (name, members, book list) and sessions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from zhengxie.core.history import history_context
from zhengxie.core.web.errors import show_on_form
from zhengxie.core.web.redirects import redirect_with_success
from zhengxie.core.web.scoping import office_committee

from ..forms import ReadingGroupForm, ReadingSessionForm
from ..models import ReadingGroup, ReadingSession
from ..permissions import check_manage_activity_permission
from ..services import reading as reading_services

FORM = "activities/reading_form.html"


def _group_args(form: ReadingGroupForm) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "members": list(data["members"]),
        "leader": data["leader"],
        "books": data["books"],
    }


@login_required
def group_create(request: HttpRequest) -> HttpResponse:
    committee = office_committee(request)
    form = ReadingGroupForm(request.POST or None, committee_id=committee.pk)
    if request.method == "POST" and form.is_valid():
        try:
            group = reading_services.create_group(
                actor=request.user, committee=committee, **_group_args(form)
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("读书群已建立。"), "activities:reading_group", group.pk
            )
    return render(request, FORM, {"form": form, "heading": _("新建读书群")})


@login_required
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(ReadingGroup, pk=pk)
    check_manage_activity_permission(request.user, group.committee_id)
    form = ReadingGroupForm(
        request.POST or None,
        committee_id=group.committee_id,
        initial=ReadingGroupForm.initial_of(group),
    )
    if request.method == "POST" and form.is_valid():
        try:
            reading_services.update_group(actor=request.user, group=group, **_group_args(form))
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("读书群已保存。"), "activities:reading_group", group.pk
            )
    context = {"form": form, "heading": _("编辑读书群"), "group": group}
    return render(request, FORM, {**context, **history_context(group)})


def _session_args(form: ReadingSessionForm) -> dict:
    data = form.cleaned_data
    return {
        "topic": data["topic"],
        "held_on": data["held_on"],
        "book": data["book"],
        "attendee_ids": [m.pk for m in data["attendees"]],
        "summary": data["summary"],
    }


@login_required
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(ReadingGroup, pk=pk)
    check_manage_activity_permission(request.user, group.committee_id)
    form = ReadingSessionForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            reading_services.record_session(actor=request.user, group=group, **_session_args(form))
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("读书交流已记录。"), "activities:reading_group", group.pk
            )
    context = {"form": form, "heading": _("记录读书交流"), "group": group}
    return render(request, FORM, context)


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(ReadingSession.objects.select_related("group"), pk=pk)
    check_manage_activity_permission(request.user, session.committee_id)
    initial = {
        "held_on": session.held_on,
        "topic": session.topic,
        "book": session.book_id,
        "attendees": list(session.attendees.values_list("pk", flat=True)),
        "summary": session.summary,
    }
    form = ReadingSessionForm(request.POST or None, group=session.group, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            reading_services.update_session(
                actor=request.user, session=session, **_session_args(form)
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("读书交流已保存。"), "activities:reading_group", session.group_id
            )
    context = {"form": form, "heading": _("编辑读书交流"), "group": session.group}
    return render(request, FORM, {**context, **history_context(session)})
