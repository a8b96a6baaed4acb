"""Cache invalidation only: any saved or deleted record of the platform bumps the figures'
version, so the next read recomputes."""

from django.db.models.signals import post_delete, post_save


def _bump(sender, **kwargs) -> None:
    from .selectors import bump_figures_version

    bump_figures_version()


def connect() -> None:
    from django.apps import apps

    for model in apps.get_models():
        if model.__module__.startswith("zhengxie.") and model._meta.app_label != "insights":
            post_save.connect(_bump, sender=model, dispatch_uid=f"figures-{model._meta.label}")
            post_delete.connect(
                _bump, sender=model, dispatch_uid=f"figures-del-{model._meta.label}"
            )
