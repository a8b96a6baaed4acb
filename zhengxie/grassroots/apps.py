from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrassrootsConfig(AppConfig):
    name = "zhengxie.grassroots"
    label = "grassroots"
    verbose_name = _("一线协商")

    def ready(self) -> None:
        from zhengxie.core.workflow import register
        from zhengxie.duty.providers import register_ratings_source

        from . import rules
        from .selectors import member_satisfaction
        from .workflow import AGREED_ACTION, CASE

        rules.register_defaults()
        register_ratings_source(member_satisfaction)
        register(CASE, AGREED_ACTION)
