from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstructionsConfig(AppConfig):
    name = "zhengxie.instructions"
    label = "instructions"
    verbose_name = _("领导批示")

    def ready(self) -> None:
        from zhengxie.core.notifications import register_kinds
        from zhengxie.core.rules import register

        from . import workflow
        from .notifications import KINDS
        from .rules import RULES

        register(RULES)
        workflow.register_workflows()
        register_kinds(KINDS)
