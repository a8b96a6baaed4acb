from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zhengxie.core"
    label = "core"
    verbose_name = _("基础数据")

    def ready(self) -> None:
        from . import (
            checks,  # noqa: F401  (registers the deploy checks)
            task_leases,  # noqa: F401  (connects the task queue's leases)
        )
        from .notifications import mandatory, office, register_kinds
        from .rules import register as register_rules
        from .rules import signals  # noqa: F401  (connects the rules cache invalidation)

        register_kinds(office.KINDS)
        register_rules(mandatory.RULES)
        register_job_kinds()


def register_job_kinds() -> None:
    from .leases import JobKind, register_job_kind
    from .models import ImportStatus, RosterImport
    from .services.roster import fail_roster_import, requeue_roster_import

    register_job_kind(
        JobKind(
            model=RosterImport,
            finished=(ImportStatus.FAILED, ImportStatus.DONE),
            requeue=requeue_roster_import,
            fail=fail_roster_import,
        )
    )
