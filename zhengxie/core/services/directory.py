"""Writes to a committee's dictionaries (sectors, units, towns, venues, and those the apps
register: forum boards, job categories): one service for all of them, since each is a plain
record of one committee."""

from collections.abc import Callable

from django.db import models, transaction

from ..models import User
from ..permissions import check_office


def save_directory_record(
    *,
    user: User,
    record: models.Model,
    many: dict[str, list] | None = None,
    then: Callable[..., None] | None = None,
) -> models.Model:
    """Creates or updates the record; ``many`` sets its many-to-many fields (a venue's
    members, a board's moderators), and ``then(user=, record=)`` writes what is kept beside
    it (a form's save_related), all in one transaction. History names the user, within a
    request or without."""
    check_office(user, record.committee_id)
    with transaction.atomic():
        if record.pk:  # an edit waits for any other edit of the same record
            type(record).objects.select_for_update().filter(pk=record.pk).first()
        record._history_user = user
        record.save()
        for name, values in (many or {}).items():
            getattr(record, name).set(values)
        if then is not None:
            then(user=user, record=record)
    return record
