from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "zhengxie.insights"
    label = "insights"
    verbose_name = _("统计与年度回眸")

    def ready(self) -> None:
        from . import signals

        signals.connect()
