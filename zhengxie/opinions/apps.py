from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionsConfig(AppConfig):
    name = "zhengxie.opinions"
    label = "opinions"
    verbose_name = _("社情民意")

    def ready(self) -> None:
        from . import rules, workflow

        rules.register()
        workflow.register_workflows()
