"""Every read of opinion reports that is more than a lookup; the figures live here."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, Member, User
from zhengxie.core.permissions import active_seat, office_committee_ids
from zhengxie.instructions.models import Instruction
from zhengxie.instructions.selectors import counts_by_level_on

from .models import (
    AdoptionMode,
    BulletinIssue,
    Escalation,
    EscalationLevel,
    ForwardAnswer,
    OpinionReport,
    OpinionState,
)
from .permissions import can_edit_report, check_read_report_permission, filter_visible_reports

_LIST_RELATED = ("committee", "bulletin", "forwarded_unit")


def _with_authors(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(*_LIST_RELATED).prefetch_related(
        Prefetch("members", queryset=Member.objects.only("id", "name", "committee_id"))
    )


def list_my_reports(*, user: User) -> QuerySet[OpinionReport]:
    """The person's own reports, drafts included, newest first."""
    mine = Q(created_by=user)
    member = active_seat(user)
    if member is not None:
        mine |= Q(members=member)
    ids = OpinionReport.objects.filter(mine, is_deleted=False).values("pk")
    return _with_authors(OpinionReport.objects.filter(pk__in=ids)).order_by("-created_at", "-id")


def list_queue(
    *,
    user: User,
    committee_ids: list[int],
    state: str = "",
    category: str = "",
    year: int | None = None,
    query: str = "",
    source: str = "",
) -> QuerySet[OpinionReport]:
    """The intake and editing queue: submitted reports of the given committees, filtered."""
    reports = filter_visible_reports(user, OpinionReport.objects.all()).filter(
        committee_id__in=committee_ids
    )
    reports = reports.exclude(state=OpinionState.DRAFT)
    if state:
        reports = reports.filter(state=state)
    if category:
        reports = reports.filter(category=category)
    if year:
        reports = reports.filter(submitted_at__year=year)
    if query:
        reports = reports.filter(Q(title__icontains=query) | Q(members__name=query))
    if source == "converted":
        reports = reports.filter(source_type__isnull=False)
    elif source == "direct":
        reports = reports.filter(source_type__isnull=True)
    ids = reports.values("pk")
    return _with_authors(OpinionReport.objects.filter(pk__in=ids)).order_by("submitted_at", "id")


def get_report_for_page(*, pk: int) -> OpinionReport:
    return (
        OpinionReport.objects.select_related(
            *_LIST_RELATED, "created_by", "source_type", "escalated_from__committee"
        )
        .prefetch_related(
            "members",
            Prefetch("escalations", queryset=Escalation.objects.order_by("sent_on", "id")),
        )
        .get(pk=pk, is_deleted=False)
    )


def list_upper_handling(*, report: OpinionReport) -> list[OpinionReport]:
    """The reports the committees above made of this one (逐级报送), nearest level first,
    with their committee and state: what the original's page shows of the levels above."""
    chain = []
    upper = report.handoffs.filter(is_deleted=False).select_related("committee").first()
    while upper is not None:
        chain.append(upper)
        upper = upper.handoffs.filter(is_deleted=False).select_related("committee").first()
    return chain


def get_readable_report(*, user: User, pk: int) -> OpinionReport:
    """The record page's report for a reader who may see it (someone else's draft is not
    found), with `editable` saying whether the reader may rework it now."""
    try:
        report = get_report_for_page(pk=pk)
    except OpinionReport.DoesNotExist as missing:
        raise Http404 from missing
    check_read_report_permission(user, report)
    report.editable = can_edit_report(user, report)
    return report


def reporting_committee(*, user: User, committee_id: int | None = None) -> Committee:
    """Where a new report goes: a member's own committee; office staff name theirs when they
    work in more than one."""
    member = active_seat(user)
    if member is not None:
        return member.committee
    allowed = office_committee_ids(user)
    if not allowed:
        raise PermissionDenied(_("只有本级政协委员或机关工作人员可以报送社情民意信息。"))
    if committee_id is None and len(allowed) == 1:
        committee_id = next(iter(allowed))
    if committee_id not in allowed:
        raise ValidationError({"committee_id": _("请选择您所在机关的政协。")})
    return Committee.objects.get(pk=committee_id)


def report_for_source(*, source: models.Model) -> OpinionReport | None:
    """The report a record was converted into (a proposal's 转社情民意), for a link back."""
    return OpinionReport.objects.filter(
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        is_deleted=False,
    ).first()


def list_bulletin_candidates(*, committee_id: int) -> QuerySet[OpinionReport]:
    """Adopted reports not yet edited into an issue, oldest decision first."""
    return _with_authors(
        OpinionReport.objects.filter(
            committee_id=committee_id,
            state=OpinionState.ADOPTED,
            bulletin__isnull=True,
            is_deleted=False,
        )
    ).order_by("decided_at", "id")


def list_bulletins(*, committee_ids: list[int], year: int | None = None) -> QuerySet:
    issues = BulletinIssue.objects.filter(committee_id__in=committee_ids)
    if year:
        issues = issues.filter(year=year)
    return (
        issues.select_related("committee")
        .annotate(report_count=Count("reports"))
        .order_by("committee_id", "-year", "-number")
    )


def get_bulletin_for_page(*, pk: int) -> BulletinIssue:
    return (
        BulletinIssue.objects.select_related("committee")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=OpinionReport.objects.order_by("bulletin_position").prefetch_related(
                    "members"
                ),
            )
        )
        .get(pk=pk)
    )


def list_instructions(*, committee_ids: list[int], year: int | None = None) -> QuerySet:
    """The leaders' instructions on the committees' reports (written here or transcribed)."""
    instructions = Instruction.objects.filter(
        committee_id__in=committee_ids,
        target_type=ContentType.objects.get_for_model(OpinionReport),
    )
    if year:
        instructions = instructions.filter(instructed_on__year=year)
    return instructions.select_related("committee").order_by("-instructed_on", "-id")


def default_year(*, committee_ids: list[int]) -> int:
    """The year a figures page opens on: the newest year with a submitted report."""
    newest = (
        OpinionReport.objects.filter(committee_id__in=committee_ids, submitted_at__isnull=False)
        .order_by("-submitted_at")
        .values_list("submitted_at", flat=True)
        .first()
    )
    return timezone.localtime(newest).year if newest else timezone.localdate().year


def _cohort(committee_ids: list[int], year: int) -> QuerySet:
    """The year's reports of the committees. A committee counts the reports handed up to it
    as its own; a roll-up that holds the lower committee too counts the report once, as the
    lower committee's (its `escalated` figure says it went up). The report handed up is
    looked up by its key: joined to the reports instead, PostgreSQL hashed the whole
    province's reports for each statement over the cohort (5 ms of a city's review)."""
    handed_up_within = OpinionReport.objects.filter(
        pk=OuterRef("escalated_from_id"), committee_id__in=committee_ids
    )
    return (
        OpinionReport.objects.filter(
            committee_id__in=committee_ids, is_deleted=False, submitted_at__year=year
        )
        .exclude(state=OpinionState.DRAFT)
        .exclude(Exists(handed_up_within))
    )


def _went_up() -> Q:
    """A report sent to an upper level or handed up to the upper committee (`escalated`).

    The reports handed up are read once, as a set: few reports are, so nearly every row's
    `escalated_from` is empty, and SQLite's statistics then rate its index as no better than
    the table. Asked per report as a correlated EXISTS, SQLite read every report for each one
    counted (3 s for one city's year over a province's 12,000 reports)."""
    handed_up = OpinionReport.objects.filter(escalated_from__isnull=False, is_deleted=False)
    return Q(Exists(Escalation.objects.filter(report=OuterRef("pk")))) | Q(
        pk__in=handed_up.values("escalated_from")
    )


def _headline(submitted: int, adopted: int, escalated: int, instructions: int) -> dict:
    return {
        "submitted": submitted,
        "adopted": adopted,
        "escalated": escalated,
        "instructions": instructions,
        "adoption_rate": round(adopted / submitted, 4) if submitted else 0.0,
    }


def figures(*, committee_ids: list[int], year: int) -> dict:
    """The year's reports (by the date they were submitted) and what became of them: what the
    dashboards and the annual review read. adoption_rate = adopted / submitted, 0..1."""
    cohort = _cohort(committee_ids, year)
    counts = cohort.aggregate(
        submitted=Count("id"),
        adopted=Count("id", filter=Q(state=OpinionState.ADOPTED)),
        escalated=Count("id", filter=_went_up()),
    )
    instructions = sum(_instruction_counts(cohort).values())
    return _headline(**counts, instructions=instructions)


def _instruction_counts(cohort: QuerySet) -> dict[str, int]:
    """批示 on the cohort's reports per level: leaders' own and the paper ones the office
    transcribed, all in the instructions app."""
    return dict(counts_by_level_on(model=OpinionReport, record_ids=cohort.values("pk")))


def figures_in_detail(*, committee_ids: list[int], year: int) -> dict:
    """figures() with the stages, adoption modes, levels, conversions and bulletins, for the
    office's and the leaders' pages."""
    cohort = _cohort(committee_ids, year)
    by_state = dict(cohort.values_list("state").annotate(n=Count("id")).order_by())
    by_mode = dict(
        cohort.filter(state=OpinionState.ADOPTED)
        .values_list("adoption_mode")
        .annotate(n=Count("id"))
        .order_by()
    )
    instructed = _instruction_counts(cohort)
    levels = _level_figures(cohort, instructed)
    return {
        **_headline(
            submitted=sum(by_state.values()),
            adopted=by_state.get(OpinionState.ADOPTED, 0),
            escalated=cohort.filter(_went_up()).count(),
            instructions=sum(instructed.values()),
        ),
        "by_stage": {state: by_state.get(state, 0) for state in OpinionState.values[1:]},
        "by_mode": {mode: by_mode.get(mode, 0) for mode in AdoptionMode.values},
        "by_level": levels,
        "converted": cohort.filter(source_type__isnull=False).count(),
        "bulletins": BulletinIssue.objects.filter(
            committee_id__in=committee_ids, year=year
        ).count(),
    }


def _level_figures(cohort: QuerySet, instructed: dict[str, int]) -> dict[str, dict[str, int]]:
    sent = {
        row["level"]: row
        for row in Escalation.objects.filter(report__in=cohort)
        .values("level")
        .annotate(sent=Count("id"), adopted=Count("id", filter=Q(adopted_on__isnull=False)))
        .order_by()
    }
    return {
        level: {
            "escalated": sent.get(level, {}).get("sent", 0),
            "adopted": sent.get(level, {}).get("adopted", 0),
            "instructions": instructed.get(level, 0),
        }
        for level in EscalationLevel.values
    }


def list_forwarded_to_units(*, unit_ids: set[int]) -> QuerySet:
    """The department's workspace: reports forwarded to its units, unanswered first."""
    return (
        OpinionReport.objects.filter(
            forwarded_unit_id__in=unit_ids, state=OpinionState.FORWARDED, is_deleted=False
        )
        .select_related("committee", "forwarded_unit", "answer")
        .prefetch_related("members")
        .order_by(F("answer__answered_at").asc(nulls_first=True), "-decided_at", "-id")
    )


def get_answer(report: OpinionReport) -> ForwardAnswer | None:
    return ForwardAnswer.objects.filter(report=report).select_related("unit").first()
