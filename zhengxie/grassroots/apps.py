from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrassrootsConfig(AppConfig):
    name = "zhengxie.grassroots"
    label = "grassroots"
    verbose_name = _("一线协商")

    def ready(self) -> None:
        from . import rules

        rules.register_defaults()
