"""政协管理: the administrator's committee tree (a new committee below one, its names), and
届次与会议: a committee's terms and plenaries, kept by its own office."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..committee_overview import (
    get_plenary_history,
    list_committee_tree,
    list_session_changes,
    list_terms,
)
from ..forms.committees import (
    CommitteeCreateForm,
    CommitteeMoveForm,
    CommitteeNamesForm,
    PlenaryForm,
    TermForm,
    plenary_initial,
    term_initial,
)
from ..history import history_context
from ..models import Committee, Plenary, Term
from ..permissions import (
    can_move_committee,
    check_manage_committee_permission,
    check_manage_committees_permission,
    check_manage_sessions_permission,
    check_move_committee_permission,
    committee_admin_ids,
    session_office_ids,
)
from ..services.committees import create_committee, move_committee, rename_committee
from ..services.sessions import add_plenary, add_term, edit_plenary, edit_term
from ..web.errors import show_on_form
from ..web.redirects import redirect_with_success
from ..web.scoping import committee_switch, pick_committee


@login_required
def committee_list(request: HttpRequest) -> HttpResponse:
    check_manage_committees_permission(request.user)
    rows = list_committee_tree(user=request.user, on=timezone.localdate())
    return render(request, "core/committee_list.html", {"rows": rows})


@login_required
def committee_create(request: HttpRequest) -> HttpResponse:
    check_manage_committees_permission(request.user)
    allowed = committee_admin_ids(request.user)
    parents = Committee.objects.filter(pk__in=allowed).order_by("level", "id")
    initial = {"parent": request.GET.get("parent")} if request.method == "GET" else None
    form = CommitteeCreateForm(request.POST or None, parents=parents, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            committee = create_committee(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            message = _("已新建“%(name)s”。") % {"name": committee.name}
            return redirect_with_success(request, message, "core:committee_list")
    return render(request, "core/committee_form.html", {"form": form, "committee": None})


@login_required
def committee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    committee = get_object_or_404(Committee.objects.select_related("parent"), pk=pk)
    check_manage_committee_permission(request.user, committee)
    form = _names_form(committee, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rename_committee(actor=request.user, committee=committee, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            message = _("已保存“%(name)s”。") % {"name": committee.name}
            return redirect_with_success(request, message, "core:committee_edit", committee.pk)
    move_form = None
    if can_move_committee(request.user):
        move_form = CommitteeMoveForm(committee=committee, initial={"parent": committee.parent})
    return _committee_page(request, committee, form, move_form)


@login_required
@require_POST
def committee_move(request: HttpRequest, pk: int) -> HttpResponse:
    """The edit page's second form: the superuser places the committee under a new parent."""
    committee = get_object_or_404(Committee.objects.select_related("parent"), pk=pk)
    check_move_committee_permission(request.user)
    move_form = CommitteeMoveForm(request.POST, committee=committee)
    if move_form.is_valid():
        try:
            move_committee(actor=request.user, committee=committee, **move_form.cleaned_data)
        except ValidationError as error:
            show_on_form(move_form, error)
        else:
            parent = committee.parent.name if committee.parent else _("（无，顶级政协）")
            message = _("已将“%(name)s”调整到“%(parent)s”之下。") % {
                "name": committee.name,
                "parent": parent,
            }
            return redirect_with_success(request, message, "core:committee_edit", committee.pk)
    return _committee_page(request, committee, _names_form(committee), move_form)


def _names_form(committee: Committee, data=None) -> CommitteeNamesForm:
    initial = {f: getattr(committee, f) for f in CommitteeNamesForm.base_fields}
    return CommitteeNamesForm(data, initial=initial)


def _committee_page(request, committee, form, move_form) -> HttpResponse:
    context = {
        "form": form,
        "move_form": move_form,
        "committee": committee,
        **history_context(committee),
    }
    return render(request, "core/committee_form.html", context)


def _sessions_committee(request: HttpRequest) -> dict:
    refusal = _("只有本级政协机关工作人员可以管理届次与会议。")
    return committee_switch(request, session_office_ids(request.user), refusal=refusal)


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    switch = _sessions_committee(request)
    committee = switch["committee"]
    context = {
        **switch,
        "terms": list_terms(committee=committee),
        "changes": list_session_changes(committee=committee),
    }
    return render(request, "core/session_list.html", context)


def _back_to_sessions(request: HttpRequest, message: str, committee: Committee) -> HttpResponse:
    return redirect_with_success(
        request, message, "core:session_list", query={"committee": committee.code}
    )


@login_required
def term_create(request: HttpRequest) -> HttpResponse:
    committee = pick_committee(request, session_office_ids(request.user))
    check_manage_sessions_permission(request.user, committee)
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            term = add_term(actor=request.user, committee=committee, data=form.term_fields())
        except ValidationError as error:
            show_on_form(form, error)
        else:
            message = _("已新增第%(n)s届。") % {"n": term.number}
            return _back_to_sessions(request, message, committee)
    context = {"form": form, "committee": committee, "title": _("新增届")}
    return render(request, "core/session_form.html", context)


@login_required
def term_edit(request: HttpRequest, pk: int) -> HttpResponse:
    term = get_object_or_404(Term.objects.select_related("committee"), pk=pk)
    committee = term.committee
    check_manage_sessions_permission(request.user, committee)
    form = TermForm(request.POST or None, initial=term_initial(term))
    if request.method == "POST" and form.is_valid():
        try:
            term = edit_term(actor=request.user, term=term, data=form.term_fields())
        except ValidationError as error:
            show_on_form(form, error)
        else:
            message = _("已保存第%(n)s届。") % {"n": term.number}
            return _back_to_sessions(request, message, committee)
    title = _("第%(n)s届") % {"n": term.number}
    context = {"form": form, "committee": committee, "title": title, **history_context(term)}
    return render(request, "core/session_form.html", context)


@login_required
def plenary_create(request: HttpRequest) -> HttpResponse:
    committee = pick_committee(request, session_office_ids(request.user))
    check_manage_sessions_permission(request.user, committee)
    initial = {"term": request.GET.get("term")} if request.method == "GET" else None
    form = PlenaryForm(request.POST or None, committee=committee, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plenary = add_plenary(
                actor=request.user, committee=committee, data=form.plenary_fields()
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            message = _("已新增“%(name)s”。") % {"name": plenary.name}
            return _back_to_sessions(request, message, committee)
    context = {"form": form, "committee": committee, "title": _("新增会议")}
    return render(request, "core/session_form.html", context)


@login_required
def plenary_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plenary = get_object_or_404(Plenary.objects.select_related("committee"), pk=pk)
    committee = plenary.committee
    check_manage_sessions_permission(request.user, committee)
    form = PlenaryForm(request.POST or None, committee=committee, initial=plenary_initial(plenary))
    if request.method == "POST" and form.is_valid():
        try:
            plenary = edit_plenary(actor=request.user, plenary=plenary, data=form.plenary_fields())
        except ValidationError as error:
            show_on_form(form, error)
        else:
            message = _("已保存“%(name)s”。") % {"name": plenary.name}
            return _back_to_sessions(request, message, committee)
    context = {
        "form": form,
        "committee": committee,
        "title": plenary.name,
        "history": get_plenary_history(plenary),
    }
    return render(request, "core/session_form.html", context)
