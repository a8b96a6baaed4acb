from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from zhengxie.core.chinese import split_list
from zhengxie.core.history import history_context
from zhengxie.core.models import Venue
from zhengxie.core.permissions import is_office, readable_committee_ids
from zhengxie.core.web.errors import show_on_form
from zhengxie.core.web.redirects import redirect_with_success

from ..forms import MinutesForm, SessionForm
from ..models import Case, ConsultationSession, ParticipantKind
from ..permissions import can_manage_venue, check_manage_venue_permission
from ..services.sessions import MINUTES_PARTS, Participant, hold_session, record_consensus
from ..workflow import CONSULTABLE_STATES


def _participants(data: dict) -> list[Participant]:
    people = [Participant(ParticipantKind.MEMBER, m.name, m.pk) for m in data["members"]]
    for field, kind in SessionForm.PARTICIPANT_FIELDS.items():
        people += [Participant(kind, name) for name in split_list(data[field])]
    return people


@login_required
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    venue = get_object_or_404(Venue.objects.select_related("committee", "town"), pk=pk)
    check_manage_venue_permission(request.user, venue)
    open_cases = Case.objects.filter(venue=venue, state__in=CONSULTABLE_STATES)
    form = SessionForm(
        request.POST or None,
        request.FILES or None,
        venue=venue,
        cases=open_cases,
        initial={"cases": request.GET.getlist("case")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = hold_session(
                actor=request.user,
                venue=venue,
                title=data["title"],
                held_on=data["held_on"],
                cases=list(data["cases"]),
                participants=_participants(data),
                minutes={part: data[part] for part in MINUTES_PARTS},
                consensus=data["consensus"],
                photos=data["photos"],
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("协商会已记录。"), "grassroots:session_detail", pk=session.pk
            )
    return render(request, "grassroots/session_form.html", {"form": form, "venue": venue})


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(
        ConsultationSession.objects.select_related("venue__town", "committee").prefetch_related(
            "cases", "participants", "photos", "actions"
        ),
        pk=pk,
    )
    user = request.user
    reporter = any(c.reporter_id == user.pk for c in session.cases.all())
    if not (
        reporter
        or can_manage_venue(user, session.venue)
        or session.committee_id in readable_committee_ids(user)
    ):
        raise PermissionDenied(_("您无权查看该协商会。"))
    return render(
        request,
        "grassroots/session_detail.html",
        {
            "session": session,
            "can_manage": can_manage_venue(user, session.venue),
            **history_context(session, shown=is_office(user, session.committee_id)),
        },
    )


@login_required
def session_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The convenor or staff complete the minutes and record the consensus."""
    session = get_object_or_404(ConsultationSession.objects.select_related("venue"), pk=pk)
    check_manage_venue_permission(request.user, session.venue)
    fields = [*MINUTES_PARTS, "consensus"]
    form = MinutesForm(
        request.POST or None, initial={name: getattr(session, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_consensus(
                actor=request.user,
                session=session,
                consensus=data["consensus"],
                minutes={part: data[part] for part in MINUTES_PARTS},
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("会议纪要已保存。"), "grassroots:session_detail", pk=session.pk
            )
    shown = is_office(request.user, session.committee_id)
    return render(
        request,
        "grassroots/session_minutes.html",
        {"form": form, "session": session, **history_context(session, shown=shown)},
    )
