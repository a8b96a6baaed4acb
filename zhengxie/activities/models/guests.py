"""People who take part in an activity without being members: invited guests and the office's
own cadres. They are kept apart from invitations and attendance, which are members' records
that the duty ledger, participation rates and absence warnings read; a guest row can never
enter those figures because no member figure reads this table."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models.people import CommitteeScoped

from .activities import Activity


class GuestKind(models.TextChoices):
    MEDIA = "media", _("新闻媒体")  # reporters who go along, as on the seed's 文史记者行
    DEPARTMENT = "department", _("部门负责人")  # heads of departments invited to consult
    EXPERT = "expert", _("专家学者")  # experts invited to research and consultation
    CADRE = "cadre", _("机关干部")  # the office's own staff, at its study sessions and contests
    OTHER = "other", _("其他特邀人员")  # anyone else the office invites


class GuestStatus(models.TextChoices):
    INVITED = "invited", _("已邀请")  # on the list; not yet signed in
    PRESENT = "present", _("出席")  # signed in at the desk
    CANCELLED = "cancelled", _("已撤销")  # taken off the list or a wrong sign-in struck


class Guest(CommitteeScoped):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="guests")
    kind = models.CharField(_("类别"), max_length=12, choices=GuestKind.choices)
    name = models.CharField(_("姓名"), max_length=40)
    unit = models.CharField(_("单位"), max_length=80, blank=True)
    # A cadre with a staff account on the platform is linked to it; others are named only.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("机关干部账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("出席情况"), max_length=10, choices=GuestStatus.choices, default=GuestStatus.INVITED
    )
    signed_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("特邀人员")
        verbose_name_plural = _("特邀人员")
        ordering = ["activity", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "user"],
                condition=models.Q(user__isnull=False),
                name="guest_unique_account",
            ),
            models.UniqueConstraint(fields=["activity", "name", "unit"], name="guest_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）" if self.unit else self.name
