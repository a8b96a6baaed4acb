from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "zhengxie.portal"
    label = "portal"
    verbose_name = _("门户与论坛")

    def ready(self) -> None:
        from zhengxie.core.rules import register

        from . import workflow
        from .rules import RULES

        register(RULES)
        workflow.register_workflows()
