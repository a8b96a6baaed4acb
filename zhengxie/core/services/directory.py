"""Writes to a committee's dictionaries (sectors, towns, venues, terms, plenaries...):
one service for all of them, since each is a plain record of one committee."""

from django.db import models, transaction

from ..models import Term, User
from ..permissions import check_office


def save_directory_record(
    *, user: User, record: models.Model, many: dict[str, list] | None = None
) -> models.Model:
    """Creates or updates the record; ``many`` sets its many-to-many fields (a venue's
    members). Marking a term current unmarks the committee's other terms."""
    check_office(user, record.committee_id)
    with transaction.atomic():
        if record.pk:  # an edit waits for any other edit of the same record
            type(record).objects.select_for_update().filter(pk=record.pk).first()
        if isinstance(record, Term) and record.is_current:
            others = Term.objects.select_for_update().filter(committee_id=record.committee_id)
            for other in others.filter(is_current=True).exclude(pk=record.pk):
                other.is_current = False
                other.save(update_fields=["is_current"])
        record.save()
        for name, values in (many or {}).items():
            getattr(record, name).set(values)
    return record
