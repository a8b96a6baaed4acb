from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "zhengxie.activities"
    label = "activities"
    verbose_name = _("协商与履职活动")

    def ready(self) -> None:
        from zhengxie.core.config import register_default
        from zhengxie.core.workflow import register
        from zhengxie.duty.providers import register_section

        from .selectors import list_upcoming_for_member
        from .workflow import WORKFLOWS

        register(*WORKFLOWS)

        register_section(
            key="upcoming", title=_("近期活动"), provider=list_upcoming_for_member, order=10
        )

        source = "威海市政协 2013；山东省政协 2013（cppcc-rules.md §3.4）"
        register_default(
            "activities.absence.plenary_per_term",
            3,
            label="委员届内累计无故缺席全体会议次数（预警）",
            source=source,
        )
        register_default(
            "activities.absence.standing_per_year",
            3,
            label="常委年内无故缺席常委会议次数（预警）",
            source=source,
        )
        register_default(
            "activities.absence.standing_per_term",
            7,
            label="常委届内累计无故缺席常委会议次数（预警）",
            source=source,
        )
        register_default(
            "activities.signin.token_minutes",
            30,
            label="签到二维码有效分钟数",
            source="会场大屏每半小时刷新一次二维码",
        )
