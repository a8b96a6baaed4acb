"""Background work: the daily reminder of due and overdue agreed actions."""

from django_tasks import task

from .services.actions import remind_due_actions


@task()
def remind_actions() -> int:
    return remind_due_actions()
