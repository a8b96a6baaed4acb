"""Cache invalidation only: a rule changed anywhere (the service, the admin) is read anew."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ..models import CommitteeSetting
from .registry import forget_committee_rules


@receiver([post_save, post_delete], sender=CommitteeSetting)
def _forget_changed_rule(sender, instance: CommitteeSetting, **kwargs) -> None:
    forget_committee_rules(instance.committee_id)
