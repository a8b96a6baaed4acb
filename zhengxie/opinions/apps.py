from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "zhengxie.opinions"
    label = "opinions"
    verbose_name = _("社情民意")

    def ready(self) -> None:
        from zhengxie.core.notifications import register_kinds
        from zhengxie.core.rules import register
        from zhengxie.core.todos import register_todo_provider

        from . import instruction_targets, workflow
        from .notifications import KINDS
        from .rules import RULES
        from .todos import PROVIDERS as TODO_PROVIDERS

        register(RULES)
        workflow.register_workflows()
        register_kinds(KINDS)
        for provider in TODO_PROVIDERS:
            register_todo_provider(provider)
        instruction_targets.register()
