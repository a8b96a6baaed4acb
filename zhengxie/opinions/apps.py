from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "zhengxie.opinions"
    label = "opinions"
    verbose_name = _("社情民意")

    def ready(self) -> None:
        from zhengxie.core.rules import register

        from . import instruction_targets, workflow
        from .rules import RULES

        register(RULES)
        workflow.register_workflows()
        instruction_targets.register()
