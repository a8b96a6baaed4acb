"""Background proposal work: deadline reminders, co-signing deadlines, feedback windows (run by
`manage.py proposal_deadlines` from cron/systemd, or enqueued as a task), and retraining a
committee's intake model when its register has moved."""

from django_tasks import task

from . import services


def run_deadlines() -> dict[str, int]:
    return {
        "cosigning_closed": services.drop_expired_cosignatures(),
        "reminders_sent": services.send_deadline_reminders(),
        "contact_reminders_sent": services.send_contact_reminders(),
        "feedback_closed": services.close_expired_feedback(),
    }


@task()
def proposal_deadlines() -> dict[str, int]:
    return run_deadlines()


@task()
def train_intake_model(*, committee_id: int) -> int:
    """Retrains one committee's intake model; returns how many proposals it learned from."""
    from django.core.cache import cache

    from .intake.registry import train_committee

    try:
        row = train_committee(committee_id)
    finally:
        cache.delete(f"intake:training:{committee_id}")
    return row.examples if row else 0
