from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrassrootsConfig(AppConfig):
    name = "zhengxie.grassroots"
    label = "grassroots"
    verbose_name = _("一线协商")

    def ready(self) -> None:
        from zhengxie.core.notifications import register_kinds
        from zhengxie.core.rules import register as register_rules
        from zhengxie.core.todos import register_todo_provider
        from zhengxie.core.workflow import register
        from zhengxie.duty.providers import register_ratings_source

        from .notifications import KINDS
        from .rules import RULES
        from .selectors import member_satisfaction
        from .todos import PROVIDERS as TODO_PROVIDERS
        from .workflow import AGREED_ACTION, CASE

        register_rules(RULES)
        register_ratings_source(member_satisfaction)
        register(CASE, AGREED_ACTION)
        register_kinds(KINDS)
        for provider in TODO_PROVIDERS:
            register_todo_provider(provider)
