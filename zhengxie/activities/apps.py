from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "zhengxie.activities"
    label = "activities"
    verbose_name = _("协商与履职活动")
