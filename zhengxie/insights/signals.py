"""Cache invalidation only: any saved or deleted record of the platform bumps the figures'
version, so the next read recomputes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _bump(sender, using=None, **kwargs) -> None:
    """Bump now, so the saving transaction reads its own figures afresh, and once more when
    it commits: a request that read the figures in between saw the rows as they were before
    the commit and cached them under the version bumped now, and those must not outlive it."""
    from .selectors import bump_figures_version

    bump_figures_version()
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and not _bump_waits_for_commit(connection):
        transaction.on_commit(bump_figures_version, using=using)
        connection.figures_bump_hooks = connection.run_on_commit


def _bump_waits_for_commit(connection) -> bool:
    """Whether this transaction already bumps on commit: one bump per transaction, however
    many records it saves. Django gives the hooks a new list on every commit and rollback (to
    a savepoint too), so a list we marked is the current one only while our bump is in it;
    after a savepoint's rollback the bump may be asked for twice, which costs one more."""
    return getattr(connection, "figures_bump_hooks", None) is connection.run_on_commit


def connect() -> None:
    from django.apps import apps

    for model in apps.get_models():
        if model.__module__.startswith("zhengxie.") and model._meta.app_label != "insights":
            post_save.connect(_bump, sender=model, dispatch_uid=f"figures-{model._meta.label}")
            post_delete.connect(
                _bump, sender=model, dispatch_uid=f"figures-del-{model._meta.label}"
            )
