from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "zhengxie.proposals"
    label = "proposals"
    verbose_name = _("提案")

    def ready(self) -> None:
        from .rules import register_defaults

        register_defaults()
