"""Background work: recomputing a committee's open years after its rules change."""

from django_tasks import task

from zhengxie.core.models import Committee


@task()
def recompute_open_years(*, committee_id: int) -> list[int]:
    from .services.recompute import open_years, recompute_year

    committee = Committee.objects.get(pk=committee_id)
    years = open_years(committee)
    for year in years:
        recompute_year(committee=committee, year=year)
    return years
