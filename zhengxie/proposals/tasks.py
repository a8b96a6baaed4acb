"""Periodic proposal work: deadline reminders, co-signing deadlines, feedback windows. Run by
`manage.py proposal_deadlines` from cron/systemd, or enqueued as a task."""

from django_tasks import task

from . import services


def run_deadlines() -> dict[str, int]:
    return {
        "cosigning_closed": services.drop_expired_cosignatures(),
        "reminders_sent": services.send_deadline_reminders(),
        "feedback_closed": services.close_expired_feedback(),
    }


@task()
def proposal_deadlines() -> dict[str, int]:
    return run_deadlines()
