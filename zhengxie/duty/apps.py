from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutyConfig(AppConfig):
    name = "zhengxie.duty"
    label = "duty"
    verbose_name = _("履职档案")

    def ready(self) -> None:
        from zhengxie.core.config import register_default
        from zhengxie.core.workflow import register

        from .settings import DEFAULTS
        from .workflow import DUTY_WARNING

        for key, value, label, source in DEFAULTS:
            register_default(key, value, label=label, source=source)
        register(DUTY_WARNING)
