from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutyConfig(AppConfig):
    name = "zhengxie.duty"
    label = "duty"
    verbose_name = _("履职档案")

    def ready(self) -> None:
        from zhengxie.core.notifications import register_kinds
        from zhengxie.core.rules import register as register_rules
        from zhengxie.core.task_leases import register_retryable_task
        from zhengxie.core.todos import register_todo_provider
        from zhengxie.core.workflow import register

        from .notifications import KINDS
        from .rules import RULES
        from .tasks import recompute_open_years
        from .todos import PROVIDERS as TODO_PROVIDERS
        from .workflow import DUTY_WARNING, PRACTICAL_DEED

        register_rules(RULES)
        register(DUTY_WARNING)
        register(PRACTICAL_DEED)
        register_kinds(KINDS)
        # A recompute rewrites the open years from the ledger: a lost one simply runs again.
        register_retryable_task(recompute_open_years)
        for provider in TODO_PROVIDERS:
            register_todo_provider(provider)
