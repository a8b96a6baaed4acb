from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "zhengxie.activities"
    label = "activities"
    verbose_name = _("协商与履职活动")

    def ready(self) -> None:
        from zhengxie.core.models import Audience
        from zhengxie.core.notifications import register_kinds
        from zhengxie.core.rules import register as register_rules
        from zhengxie.core.services.bulk_notices import register_audience
        from zhengxie.core.todos import register_todo_provider
        from zhengxie.core.workflow import register
        from zhengxie.duty.providers import register_section, register_showcase_section

        from . import instruction_targets
        from .audiences import INVITEES
        from .notifications import KINDS
        from .rules import RULES
        from .selectors import list_adopted_outcomes_for_member, list_upcoming_for_member
        from .todos import PROVIDERS as TODO_PROVIDERS
        from .workflow import WORKFLOWS

        register(*WORKFLOWS)
        instruction_targets.register()

        register_section(
            key="upcoming", title=_("近期活动"), provider=list_upcoming_for_member, order=10
        )
        register_showcase_section(
            key="outcomes",
            title=_("采纳的调研视察成果"),
            provider=list_adopted_outcomes_for_member,
            order=20,
        )
        register_rules(RULES)
        register_kinds(KINDS)
        for provider in TODO_PROVIDERS:
            register_todo_provider(provider)
        register_audience(Audience.ACTIVITY, INVITEES)
