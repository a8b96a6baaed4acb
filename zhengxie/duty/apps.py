from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutyConfig(AppConfig):
    name = "zhengxie.duty"
    label = "duty"
    verbose_name = _("履职档案")

    def ready(self) -> None:
        from zhengxie.core.rules import register as register_rules
        from zhengxie.core.workflow import register

        from .rules import RULES
        from .workflow import DUTY_WARNING, PRACTICAL_DEED

        register_rules(RULES)
        register(DUTY_WARNING)
        register(PRACTICAL_DEED)
