from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "zhengxie.activities"
    label = "activities"
    verbose_name = _("协商与履职活动")

    def ready(self) -> None:
        from zhengxie.core.rules import register as register_rules
        from zhengxie.core.workflow import register
        from zhengxie.duty.providers import register_section

        from . import instruction_targets
        from .rules import RULES
        from .selectors import list_upcoming_for_member
        from .workflow import WORKFLOWS

        register(*WORKFLOWS)
        instruction_targets.register()

        register_section(
            key="upcoming", title=_("近期活动"), provider=list_upcoming_for_member, order=10
        )
        register_rules(RULES)
