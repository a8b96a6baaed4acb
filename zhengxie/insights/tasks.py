from django_tasks import task

from .models import ReviewJob


@task()
def generate_annual_review(*, job_id: int) -> int:
    from .services import run_annual_review

    run_annual_review(job=ReviewJob.objects.select_related("committee").get(pk=job_id))
    return job_id
