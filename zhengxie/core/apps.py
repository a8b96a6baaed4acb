from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zhengxie.core"
    label = "core"
    verbose_name = _("基础数据")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy checks)
        from .notifications import mandatory, office, register_kinds
        from .rules import register as register_rules
        from .rules import signals  # noqa: F401  (connects the rules cache invalidation)

        register_kinds(office.KINDS)
        register_rules(mandatory.RULES)
