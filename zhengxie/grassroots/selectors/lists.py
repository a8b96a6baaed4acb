"""Lists and record pages: related rows fetched up front so each page runs a fixed number of
queries however long the list."""

import datetime as dt
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from zhengxie.core.models import Member, Town, User, Venue
from zhengxie.core.permissions import readable_committee_ids
from zhengxie.core.queries import count_of
from zhengxie.core.workflow import may_take
from zhengxie.jobs.selectors.search import jobs_to_refer

from ..models import Action, ActionState, Case, CaseEvent, CaseJobReferral, ConsultationSession
from ..permissions import filter_visible_cases
from ..workflow import CASE


def list_venues(*, committee_ids: list[int], town_id: int | None = None) -> QuerySet[Venue]:
    venues = Venue.objects.filter(committee_id__in=committee_ids, is_active=True)
    if town_id:
        venues = venues.filter(town_id=town_id)
    return (
        venues.select_related("committee", "town", "convenor")
        .annotate(
            member_count=count_of(Venue.members.through.objects.all(), "venue"),
            session_count=count_of(ConsultationSession.objects.all(), "venue"),
            open_cases=count_of(
                Case.objects.exclude(state__in=["resolved", "rated", "closed", "referred"]),
                "venue",
            ),
        )
        .order_by("committee_id", "town__sort_order", "sort_order", "id")
    )


def venue_reader_committee_ids(user: User) -> set[int]:
    """Committees whose venues the person may read: their committees' (with roll-up) and
    those of venues they convene; none for residents and guests."""
    if not getattr(user, "is_authenticated", False):
        return set()
    ids = set(readable_committee_ids(user))
    return ids | set(Venue.objects.filter(convenor=user).values_list("committee_id", flat=True))


def list_venues_for(*, user: User, town_id: int | None = None) -> QuerySet[Venue]:
    """list_venues over every committee the person reads; refused to residents."""
    committee_ids = venue_reader_committee_ids(user)
    if not committee_ids:
        raise PermissionDenied(_("只有政协委员、机关工作人员和召集人可以查看。"))
    return list_venues(committee_ids=sorted(committee_ids), town_id=town_id)


def get_active_town(*, pk: int) -> Town:
    """The town a resident reports in, as the report form offers them: active ones only."""
    town = Town.objects.select_related("committee").filter(pk=pk, is_active=True).first()
    if town is None:
        raise ValidationError({"town_id": _("请选择乡镇街道。")})
    return town


def list_my_cases(*, user: User) -> QuerySet[Case]:
    """The cases the person reported, newest first (their page 我反映的问题)."""
    return Case.objects.filter(reporter=user).select_related("town", "venue")


def get_case(*, pk: int) -> Case:
    return get_object_or_404(Case.objects.select_related("venue", "committee"), pk=pk)


def get_public_case_for(*, user: User, case_id: int) -> Case:
    """The public page's case (never who reported it) and `can_rate`: whether the person is
    its reporter and may rate it now."""
    case = get_public_case(case_id=case_id)
    case.can_rate = case.reporter_id == user.pk and may_take(case, "rate", user)
    # 推荐岗位 as the reporter's message named them: the title and the employer's name only.
    referrals = CaseJobReferral.objects.filter(case=case).select_related("job__employer")
    case.referred_jobs = [referral.job for referral in referrals]
    return case


def list_jobs_to_refer(*, user: User, case: Case) -> list:
    """The open jobs the case's 推荐岗位 offers, for those the step admits (the venue's
    convenor and the office); anyone else is refused as on the web."""
    if not CASE.transition("refer_to_job").may(user, case):
        raise PermissionDenied(_("您无权执行该操作。"))
    return jobs_to_refer(committee_id=case.committee_id, town_id=case.town_id)


def get_venue_detail(*, venue_id: int) -> Venue:
    return get_object_or_404(
        Venue.objects.select_related("committee", "town", "convenor").prefetch_related(
            Prefetch("members", queryset=Member.objects.select_related("sector")),
            Prefetch("sessions", queryset=ConsultationSession.objects.order_by("-held_on", "-id")),
            Prefetch("cases", queryset=Case.objects.order_by("-raised_on", "-id")),
        ),
        pk=venue_id,
    )


def list_cases(
    *, user: User, state: str = "", venue_id: int | None = None, town_id: int | None = None
) -> QuerySet[Case]:
    cases = filter_visible_cases(user, Case.objects.all())
    if state:
        cases = cases.filter(state=state)
    if venue_id:
        cases = cases.filter(venue_id=venue_id)
    if town_id:
        cases = cases.filter(town_id=town_id)
    return cases.select_related("committee", "town", "venue").order_by("-raised_on", "-id")


def get_case_detail(*, case_id: int) -> Case:
    return get_object_or_404(
        Case.objects.select_related(
            "committee", "town", "venue__convenor", "reporter", "raised_by_member"
        ).prefetch_related(
            "photos",
            Prefetch("events", queryset=CaseEvent.objects.order_by("occurred_on", "id")),
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("responsible_unit").prefetch_related(
                    "progress"
                ),
            ),
            Prefetch("sessions", queryset=ConsultationSession.objects.order_by("held_on", "id")),
            "ratings",
            Prefetch(
                "job_referrals", queryset=CaseJobReferral.objects.select_related("job__employer")
            ),
        ),
        pk=case_id,
    )


def get_public_case(*, case_id: int) -> Case:
    """Only what the public page shows; reporter fields are never selected."""
    return get_object_or_404(
        Case.objects.only(
            "id",
            "title",
            "description",
            "place",
            "category",
            "state",
            "raised_on",
            "resolved_on",
            "referred_to",
            "referral_reason",
            "committee_id",
            "town__name",
            "venue__name",
            "reporter_id",
        )
        .select_related("town", "venue")
        .prefetch_related(
            Prefetch("events", queryset=CaseEvent.objects.order_by("occurred_on", "id")),
            Prefetch(
                "actions",
                queryset=Action.objects.only(
                    "id", "case_id", "description", "responsible_name", "due_on", "state", "done_on"
                ),
            ),
            Prefetch(
                "sessions",
                queryset=ConsultationSession.objects.only(
                    "id", "title", "held_on", "consensus"
                ).order_by("held_on"),
            ),
        ),
        pk=case_id,
    )


def list_overdue_actions(*, committee_ids: list[int], on: dt.date) -> QuerySet[Action]:
    return (
        Action.objects.filter(committee_id__in=committee_ids, state=ActionState.OPEN, due_on__lt=on)
        .select_related("case__venue", "responsible_unit")
        .order_by("due_on", "id")
    )


def list_members_by_town(*, committee_ids: list[int]) -> list[dict]:
    """Who reported where (下沉报到): each town with its members' names, and the members without
    one (town None). Only the names are read: the page lists them, and building a model per
    member was most of the page's time at a thousand members."""
    names: dict[int | None, list[str]] = defaultdict(list)
    members = Member.objects.filter(committee_id__in=committee_ids, is_active=True)
    for town_id, name in members.order_by("town_id", "id").values_list("town_id", "name"):
        names[town_id].append(name)
    unreported = names.pop(None, [])
    # A city member may report to a town of a county outside the filter: that town is listed too.
    towns = Town.objects.filter(Q(committee_id__in=committee_ids) | Q(pk__in=list(names)))
    rows = [
        {"town": town, "names": names.get(town.pk, [])}
        for town in towns.select_related("committee").order_by("committee_id", "sort_order", "pk")
    ]
    return [*rows, {"town": None, "names": unreported}] if unreported else rows
