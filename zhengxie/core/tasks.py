from django.core.mail import send_mail
from django_tasks import task


@task()
def send_notification_email(*, recipients: list[str], subject: str, body: str) -> int:
    return send_mail(subject=subject, message=body, from_email=None, recipient_list=recipients)


@task()
def run_roster_import(*, import_id: int) -> str:
    from .services.roster import process_roster_import

    return process_roster_import(import_id=import_id).status


@task()
def send_account_notices(*, user_ids: list[int], url: str) -> int:
    from .services.activation import send_account_notices as send

    return send(user_ids=user_ids, url=url)
