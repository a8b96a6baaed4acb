from django.utils import timezone
from django_tasks import task

from .services.activities import send_due_notices


@task()
def send_activity_notices() -> int:
    """Daily: send each planned activity's notice when its kind's notice days have come."""
    return send_due_notices(today=timezone.localdate())
