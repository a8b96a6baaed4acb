"""The job board's figures for the statistics service (insights), the cockpit and the 稳就业
paragraph of the annual review: one place, so no two screens disagree.

A job counts in the year it was published; an application in the year it was sent, with its
interview and hire, so a year's interviews never exceed its applications. A grassroots case
referred to jobs (推荐岗位) counts in the year of the referral, with the hires it led to: the
case's reporter hired at a job the case referred them to, whenever the hire came.
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate

from zhengxie.core.queries import count_together
from zhengxie.grassroots.models import CaseJobReferral

from ..models import Application, ApplicationState, Employer, EmployerState, Job

INTERVIEWED = Q(interview_at__isnull=False)
HIRED = Q(state=ApplicationState.HIRED)


def _tally(jobs, applications) -> dict:
    """Jobs, applications, interviews and hires per town and category: one grouped query on
    jobs and one on applications, from which the year's totals and both breakdowns are summed."""
    rows = [
        (town, category, {"jobs": n, "applications": 0, "interviews": 0, "hires": 0})
        for town, category, n in jobs.values_list("town__name", "category__name")
        .annotate(n=Count("pk"))
        .order_by()
    ]
    counted = applications.values_list("job__town__name", "job__category__name").annotate(
        n=Count("pk"), i=Count("pk", filter=INTERVIEWED), h=Count("pk", filter=HIRED)
    )
    rows += [
        (town, category, {"jobs": 0, "applications": n, "interviews": i, "hires": h})
        for town, category, n, i, h in counted.order_by()
    ]
    return {
        "totals": _summed(counts for _town, _category, counts in rows),
        "by_town": _breakdown((town, counts) for town, _category, counts in rows),
        "by_category": _breakdown((category, counts) for _town, category, counts in rows),
    }


def _summed(rows) -> dict:
    total = {"jobs": 0, "applications": 0, "interviews": 0, "hires": 0}
    for counts in rows:
        for key, n in counts.items():
            total[key] += n
    return total


def _breakdown(rows) -> list[dict]:
    """Per town or per category, busiest first."""
    named: dict[str, list[dict]] = {}
    for name, counts in rows:
        named.setdefault(name, []).append(counts)
    found = [{"name": name, **_summed(counts)} for name, counts in named.items()]
    return sorted(found, key=lambda row: (-row["jobs"], -row["applications"], row["name"]))


def figures(*, committee_ids: list[int], year: int) -> dict:
    """The tally's two grouped statements, then every other figure in one statement of
    counts (the province's review asks them of every city; each statement is a round trip)."""
    jobs = Job.objects.filter(committee_id__in=committee_ids, published_at__year=year)
    applications = Application.objects.filter(committee_id__in=committee_ids, applied_at__year=year)
    tally = _tally(jobs, applications)
    totals = tally["totals"]
    counts = count_together(
        verified_employers=Employer.objects.filter(
            committee_id__in=committee_ids, state=EmployerState.VERIFIED, verified_at__year=year
        ),
        member_enterprises_hiring=jobs.filter(employer__member__isnull=False)
        .values("employer")
        .distinct(),
        # Grassroots cases about work resolved by referring the reporter to a job (推荐岗位),
        # one per job referred, in the year of the referral.
        referrals=CaseJobReferral.objects.filter(
            job__committee_id__in=committee_ids, referred_on__year=year
        ),
        **_referral_rows(committee_ids=committee_ids, year=year),
    )
    return {
        "jobs_posted": totals["jobs"],
        "verified_employers": counts["verified_employers"],
        "member_enterprises_hiring": counts["member_enterprises_hiring"],
        "job_applications": totals["applications"],
        "interviews": totals["interviews"],
        "hires": totals["hires"],
        "referrals": counts["referrals"],
        "cases_referred_to_jobs": counts["cases_referred_to_jobs"],
        "referral_hires": counts["referral_hires"],
        "by_town": tally["by_town"],
        "by_category": tally["by_category"],
    }


def _referral_rows(*, committee_ids: list[int], year: int) -> dict[str, QuerySet]:
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
        "cases_referred_to_jobs": referrals.values("case").distinct(),
        "referral_hires": Application.objects.annotate(applied_on=TruncDate("applied_at")).filter(
            HIRED, Exists(from_referral)
        ),
    }
