from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "zhengxie.jobs"
    label = "jobs"
    verbose_name = _("就业服务")

    def ready(self) -> None:
        from zhengxie.core.notifications import register_kinds
        from zhengxie.core.rules import register as register_rules
        from zhengxie.core.workflow import register

        from . import directory
        from .notifications import KINDS
        from .rules import RULES
        from .workflow import APPLICATION, EMPLOYER, JOB, JOB_REPORT

        register_rules(RULES)
        register(EMPLOYER, JOB, JOB_REPORT, APPLICATION)
        register_kinds(KINDS)
        directory.register()
