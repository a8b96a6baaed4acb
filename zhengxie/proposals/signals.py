"""Cache invalidation only: a proposal created, deleted, or changed in what decides who sees
it (the service, an import, the admin) moves the register's count version on."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Proposal
from .selectors.register_count import COUNTED_FIELDS, bump_register_version


@receiver(post_save, sender=Proposal, dispatch_uid="proposals-register-count-save")
def _saved(sender, instance: Proposal, created: bool, update_fields=None, **kwargs) -> None:
    # A save naming only other fields (an autosaved text, a deadline) leaves every count as it
    # was; a save naming none may have changed anything.
    if created or update_fields is None or COUNTED_FIELDS & set(update_fields):
        bump_register_version()


@receiver(post_delete, sender=Proposal, dispatch_uid="proposals-register-count-delete")
def _deleted(sender, instance: Proposal, **kwargs) -> None:
    bump_register_version()
