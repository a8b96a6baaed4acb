from django_tasks import task


@task()
def send_deliveries(*, delivery_ids: list[int]) -> int:
    """The copies notify() found due now; those refused are retried by run_periodic."""
    from .services.deliveries import send_due_deliveries

    return send_due_deliveries(delivery_ids=delivery_ids)


@task()
def run_roster_import(*, import_id: int) -> str:
    from .services.roster import process_roster_import

    return process_roster_import(import_id=import_id).status


@task()
def send_account_notices(*, user_ids: list[int], url: str) -> int:
    from .services.activation import send_account_notices as send

    return send(user_ids=user_ids, url=url)


@task()
def run_bulk_notice(*, notice_id: int) -> int:
    from .services.bulk_notices import run_bulk_notice as run

    return run(notice_id=notice_id)
