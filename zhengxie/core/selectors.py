"""Reads of the core records that are more than a lookup."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .chinese import normalize_name
from .models import (
    ApiToken,
    BulkNotice,
    Committee,
    CommitteeLevel,
    Delivery,
    DeliveryStatus,
    Member,
    Notification,
    Plenary,
    Role,
    RoleGrant,
    RosterImport,
    User,
)
from .permissions import descendant_ids


def get_home_committee() -> Committee | None:
    """The committee whose portal a guest lands on: the first city committee (with a
    province above it, the city still hosts the portal), else the root."""
    city = Committee.objects.filter(level=CommitteeLevel.CITY).order_by("id").first()
    return city or Committee.objects.filter(parent__isnull=True).order_by("id").first()


def list_members(
    *,
    committee: Committee,
    sector_id: int | None = None,
    special_committee_id: int | None = None,
    town_id: int | None = None,
    standing: bool | None = None,
    active: bool | None = True,
    search: str = "",
) -> QuerySet[Member]:
    """The roster of one committee with the filters of the roster page; related names are
    joined so a page of it costs one query."""
    members = Member.objects.filter(committee=committee).select_related(
        "sector", "special_committee", "town", "user"
    )
    filters = {
        "sector_id": sector_id,
        "special_committee_id": special_committee_id,
        "town_id": town_id,
        "is_standing": standing,
        "is_active": active,
    }
    members = members.filter(**{k: v for k, v in filters.items() if v is not None})
    if search:
        members = members.filter(name__contains=normalize_name(search))
    return members.order_by("-is_standing", "id")


def count_members_by_committee(committee_ids: set[int]) -> dict[int, int]:
    rows = (
        Member.objects.filter(committee_id__in=committee_ids, is_active=True)
        .values("committee_id")
        .annotate(n=Count("id"))
    )
    return {row["committee_id"]: row["n"] for row in rows}


def list_role_grants(*, committee: Committee) -> QuerySet[RoleGrant]:
    return (
        RoleGrant.objects.filter(committee=committee)
        .exclude(role=Role.RESIDENT)
        .select_related("user", "handling_unit", "user__member")
        .order_by("role", "user__username")
    )


def list_recent_imports(*, committee: Committee, limit: int = 10) -> QuerySet[RosterImport]:
    return (
        RosterImport.objects.filter(committee=committee)
        .select_related("uploaded_by")
        .defer("content")[:limit]
    )


def committee_scope(committee: Committee, *, rollup: bool) -> list[int]:
    """The committee alone, or with every committee below it (a city's counties; a
    province's cities and their counties), each once."""
    if not rollup:
        return [committee.pk]
    return [committee.pk, *sorted(descendant_ids([committee.pk]))]


def upper_committee_ids(committee: Committee) -> list[int]:
    """The committees above this one on the platform, nearest first (a county's city, then
    the province): whose shared topics it may take up."""
    ids, parent_id = [], committee.parent_id
    while parent_id is not None and parent_id not in ids:
        ids.append(parent_id)
        parent_id = Committee.objects.filter(pk=parent_id).values_list("parent_id", flat=True)[0]
    return ids


def member_figures(*, committee_ids: list[int]) -> dict:
    """Serving members and how many of them report to a town (下沉报到)."""
    members = Member.objects.filter(committee_id__in=committee_ids, is_active=True)
    counts = members.aggregate(
        total=Count("id"), reported_to_towns=Count("id", filter=Q(town__isnull=False))
    )
    return {"total": counts["total"], "reported_to_towns": counts["reported_to_towns"]}


def figures_member_accounts(
    *, committee: Committee, sector_id: int | None = None, special_committee_id: int | None = None
) -> dict:
    """Serving members of a committee (or one sector, one special committee) and how far
    their accounts are: made, activated, and members without a mobile to key one by."""
    members = Member.objects.filter(committee=committee, is_active=True)
    if sector_id:
        members = members.filter(sector_id=sector_id)
    if special_committee_id:
        members = members.filter(special_committee_id=special_committee_id)
    return members.aggregate(
        members=Count("id"),
        with_account=Count("user"),
        activated=Count("id", filter=Q(user__activated_at__isnull=False)),
        without_mobile=Count("id", filter=Q(mobile="")),
    )


def list_notifications(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """The person's inbox, newest first (ordered by created_at, id)."""
    found = Notification.objects.filter(recipient=user)
    return found.filter(read_at__isnull=True) if unread_only else found


def list_devices(*, user: User) -> QuerySet[ApiToken]:
    """The app sign-ins of the person that still work, newest first."""
    return ApiToken.objects.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created_at", "-id")


@dataclass(frozen=True)
class ChannelProgress:
    channel: str
    counts: dict[str, int]  # delivery status -> copies

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def settled(self) -> int:
        """Copies whose fate is known: sent, or given up on after the last retry."""
        return self.counts.get(DeliveryStatus.SENT, 0) + self.counts.get(DeliveryStatus.FAILED, 0)


def get_bulk_notice_progress(notice: BulkNotice) -> list[ChannelProgress]:
    """How far a bulk notice's copies got, per channel; one query whatever its size."""
    rows = (
        Delivery.objects.filter(notification__bulk_notice=notice)
        .values_list("channel", "status")
        .annotate(n=Count("pk"))
        .order_by("channel", "status")
    )
    by_channel: dict[str, dict[str, int]] = {}
    for channel, status, n in rows:
        by_channel.setdefault(channel, {})[status] = n
    return [ChannelProgress(channel, counts) for channel, counts in by_channel.items()]


def list_bulk_notices(*, committee: Committee, limit: int = 50) -> QuerySet[BulkNotice]:
    return BulkNotice.objects.filter(committee=committee).select_related("created_by")[:limit]


def plenaries_open_by(on: dt.date) -> QuerySet[Plenary]:
    return Plenary.objects.filter(intake_opens_on__lte=on).order_by("-intake_opens_on", "-id")


def current_plenary(committee: Committee | int, on: dt.date) -> Plenary | None:
    """The plenary whose intake has opened most recently: its window decides 大会/平时, and
    the committees page shows it as the current one."""
    committee_id = committee if isinstance(committee, int) else committee.pk
    return plenaries_open_by(on).filter(committee_id=committee_id).first()
