from django_tasks import task

from .services.views_counter import flush_views


@task()
def flush_thread_views() -> int:
    return flush_views()
