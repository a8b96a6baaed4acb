"""The job board's figures for the statistics service (insights), the cockpit and the 稳就业
paragraph of the annual review: one place, so no two screens disagree.

A job counts in the year it was published; an application in the year it was sent, with its
interview and hire, so a year's interviews never exceed its applications. A grassroots case
referred to jobs (推荐岗位) counts in the year of the referral, with the hires it led to: the
case's reporter hired at a job the case referred them to, whenever the hire came.
"""

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncDate

from zhengxie.grassroots.models import CaseJobReferral

from ..models import Application, ApplicationState, Employer, EmployerState, Job

INTERVIEWED = Q(interview_at__isnull=False)
HIRED = Q(state=ApplicationState.HIRED)


def _breakdown(jobs, applications, key: str) -> list[dict]:
    """Jobs, applications, interviews and hires per town or per category, busiest first."""
    rows: dict[str, dict] = {}
    for name, count in jobs.values_list(key).annotate(n=Count("pk")).order_by():
        rows[name] = {"name": name, "jobs": count, "applications": 0, "interviews": 0, "hires": 0}
    counted = applications.values_list(f"job__{key}").annotate(
        n=Count("pk"), i=Count("pk", filter=INTERVIEWED), h=Count("pk", filter=HIRED)
    )
    for name, n, interviews, hires in counted.order_by():
        row = rows.setdefault(name, {"name": name, "jobs": 0})
        row.update(applications=n, interviews=interviews, hires=hires)
    return sorted(rows.values(), key=lambda row: (-row["jobs"], -row["applications"], row["name"]))


def figures(*, committee_ids: list[int], year: int) -> dict:
    jobs = Job.objects.filter(committee_id__in=committee_ids, published_at__year=year)
    applications = Application.objects.filter(committee_id__in=committee_ids, applied_at__year=year)
    counts = applications.aggregate(
        n=Count("pk"), i=Count("pk", filter=INTERVIEWED), h=Count("pk", filter=HIRED)
    )
    return {
        "jobs_posted": jobs.count(),
        "verified_employers": Employer.objects.filter(
            committee_id__in=committee_ids,
            state=EmployerState.VERIFIED,
            verified_at__year=year,
        ).count(),
        "member_enterprises_hiring": jobs.filter(employer__member__isnull=False)
        .values("employer")
        .distinct()
        .count(),
        "job_applications": counts["n"],
        "interviews": counts["i"],
        "hires": counts["h"],
        # Grassroots cases about work resolved by referring the reporter to a job (推荐岗位),
        # one per job referred, in the year of the referral.
        "referrals": CaseJobReferral.objects.filter(
            job__committee_id__in=committee_ids, referred_on__year=year
        ).count(),
        **referral_figures(committee_ids=committee_ids, year=year),
        "by_town": _breakdown(jobs, applications, "town__name"),
        "by_category": _breakdown(jobs, applications, "category__name"),
    }


def referral_figures(*, committee_ids: list[int], year: int) -> dict:
    """The committee's grassroots cases resolved in the year by 推荐岗位, and the hires they
    led to: applications the case's reporter sent to a job the case referred, on or after the
    day of the referral, hired (an EXISTS per application, so a reporter referred twice to
    one job counts once, and an application sent before the referral is not its fruit)."""
    referrals = CaseJobReferral.objects.filter(
        case__committee_id__in=committee_ids, referred_on__year=year
    )
    from_referral = referrals.filter(
        job_id=OuterRef("job_id"),
        case__reporter_id=OuterRef("seeker_id"),
        referred_on__lte=OuterRef("applied_on"),
    )
    return {
        "cases_referred_to_jobs": referrals.values("case").distinct().count(),
        "referral_hires": Application.objects.annotate(applied_on=TruncDate("applied_at"))
        .filter(HIRED, Exists(from_referral))
        .count(),
    }
