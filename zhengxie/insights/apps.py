from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "zhengxie.insights"
    label = "insights"
    verbose_name = _("统计与年度回眸")

    def ready(self) -> None:
        from . import signals

        signals.connect()
        register_job_kinds()


def register_job_kinds() -> None:
    from zhengxie.core.leases import JobKind, register_job_kind

    from .models import ReviewJob, ReviewJobStatus
    from .services import fail_review, requeue_review

    register_job_kind(
        JobKind(
            model=ReviewJob,
            finished=(ReviewJobStatus.DONE, ReviewJobStatus.FAILED),
            requeue=requeue_review,
            fail=fail_review,
        )
    )
