"""The job board's figures for the statistics service (insights), the cockpit and the 稳就业
paragraph of the annual review: one place, so no two screens disagree.

A job counts in the year it was published; an application in the year it was sent, with its
interview and hire, so a year's interviews never exceed its applications. A grassroots case
referred to jobs (推荐岗位) counts in the year of the referral, with the hires it led to: the
case's reporter hired at a job the case referred them to, whenever the hire came.
"""

from django.db.models import Count, Exists, F, OuterRef, Q

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
    """One statement per table (jobs, applications, employers, referrals): the province's
    review computes every city's figures, and on PostgreSQL each statement is a round trip."""
    jobs = Job.objects.filter(committee_id__in=committee_ids, published_at__year=year)
    applications = Application.objects.filter(committee_id__in=committee_ids, applied_at__year=year)
    tally = _tally(jobs, applications)
    totals = tally["totals"]
    return {
        "jobs_posted": totals["jobs"],
        **_employer_figures(committee_ids, year, jobs),
        "job_applications": totals["applications"],
        "interviews": totals["interviews"],
        "hires": totals["hires"],
        **referral_figures(committee_ids=committee_ids, year=year),
        "by_town": tally["by_town"],
        "by_category": tally["by_category"],
    }


def _employer_figures(committee_ids: list[int], year: int, jobs) -> dict:
    """Employers verified in the year, and members' enterprises (委员企业) that published a
    job in the year, in one pass over the committees' employers: a job belongs to its
    employer's committee (the posting service writes it so)."""
    verified = Q(state=EmployerState.VERIFIED, verified_at__year=year)
    hiring = Q(member__isnull=False) & Exists(jobs.filter(employer_id=OuterRef("pk")))
    return Employer.objects.filter(committee_id__in=committee_ids).aggregate(
        verified_employers=Count("pk", filter=verified),
        member_enterprises_hiring=Count("pk", filter=hiring),
    )


def referral_figures(*, committee_ids: list[int], year: int) -> dict:
    """The year's referrals to jobs (推荐岗位) in one pass over them, each joined to its job's
    applications:

    - `referrals`: one per job referred, counted with the job's committee;
    - `cases_referred_to_jobs`: the committees' own cases resolved by a referral;
    - `referral_hires`: hired applications the case's reporter sent to a job the case
      referred, on or after the day of the referral (distinct, so a reporter referred twice
      to one job counts once, and an application sent before the referral is not its fruit).

    The join repeats a referral once per application of its job, hence the distinct counts."""
    by_job = Q(job__committee_id__in=committee_ids)
    by_case = Q(case__committee_id__in=committee_ids)
    fruit = Q(
        job__applications__state=ApplicationState.HIRED,
        job__applications__seeker_id=F("case__reporter_id"),
        job__applications__applied_at__date__gte=F("referred_on"),
    )
    return CaseJobReferral.objects.filter(by_job | by_case, referred_on__year=year).aggregate(
        referrals=Count("pk", distinct=True, filter=by_job),
        cases_referred_to_jobs=Count("case", distinct=True, filter=by_case),
        referral_hires=Count("job__applications", distinct=True, filter=by_case & fruit),
    )
