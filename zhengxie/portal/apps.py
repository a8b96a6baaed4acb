from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "zhengxie.portal"
    label = "portal"
    verbose_name = _("门户与论坛")

    def ready(self) -> None:
        from zhengxie.core.rules import register
        from zhengxie.duty.providers import register_showcase_section

        from . import directory, signals, workflow  # noqa: F401  (signals: the index's public mark)
        from .rules import RULES
        from .selectors.people import list_public_stories

        register(RULES)
        register_showcase_section(
            key="stories", title=_("论坛文章"), provider=list_public_stories, order=30
        )
        workflow.register_workflows()
        directory.register()
