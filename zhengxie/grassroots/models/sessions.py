"""Consultation sessions at a venue and the actions they agree."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords
from zhengxie.core.models import HandlingUnit, Member, Venue
from zhengxie.core.models.people import CommitteeScoped

from .cases import Case


class ConsultationSession(CommitteeScoped):
    venue = models.ForeignKey(
        Venue, verbose_name=_("协商场所"), on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(_("协商主题"), max_length=100)
    held_on = models.DateField(_("协商日期"))
    cases = models.ManyToManyField(Case, verbose_name=_("协商议题"), related_name="sessions")
    # The four parts of the minutes (平顶山 鹰城协商: 通报、提问、解答、发言).
    briefing = models.TextField(_("通报"), blank=True)
    questions = models.TextField(_("提问"), blank=True)
    answers = models.TextField(_("解答"), blank=True)
    speeches = models.TextField(_("发言"), blank=True)
    consensus = models.TextField(_("协商共识"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[cases])

    class Meta:
        verbose_name = _("协商会议")
        verbose_name_plural = _("协商会议")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["committee", "held_on"])]

    def __str__(self) -> str:
        return self.title


class ParticipantKind(models.TextChoices):
    MEMBER = "member", _("政协委员")
    RESIDENT_REP = "resident_rep", _("群众代表")
    DEPARTMENT = "department", _("相关部门")
    COMPANY = "company", _("市场主体")
    COMMUNITY = "community", _("村(社区)")


class SessionParticipant(models.Model):
    session = models.ForeignKey(
        ConsultationSession, on_delete=models.CASCADE, related_name="participants"
    )
    kind = models.CharField(_("类别"), max_length=14, choices=ParticipantKind.choices)
    name = models.CharField(_("姓名或单位"), max_length=80)
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="session_seats"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("参加人")
        verbose_name_plural = _("参加人")
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"],
                condition=models.Q(member__isnull=False),
                name="participant_unique_member",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SessionPhoto(models.Model):
    session = models.ForeignKey(
        ConsultationSession, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("照片"), upload_to="grassroots/sessions/%Y/%m/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.image.name


class ActionState(models.TextChoices):
    OPEN = "open", _("落实中")
    DONE = "done", _("已完成")


class Action(CommitteeScoped):
    """An agreed action: who does what by when (部门认领问题清单，承诺办结时限)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="actions")
    session = models.ForeignKey(
        ConsultationSession,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
    )
    description = models.CharField(_("措施"), max_length=300)
    responsible_name = models.CharField(_("责任单位或责任人"), max_length=80)
    responsible_unit = models.ForeignKey(
        HandlingUnit,
        verbose_name=_("责任承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grassroots_actions",
    )
    due_on = models.DateField(_("完成时限"))
    state = models.CharField(
        _("状态"), max_length=6, choices=ActionState.choices, default=ActionState.OPEN
    )
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    last_reminded_on = models.DateField(_("最近提醒"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("落实措施")
        verbose_name_plural = _("落实措施")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["committee", "state", "due_on"])]

    def __str__(self) -> str:
        return self.description


class ActionProgress(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="progress")
    note = models.CharField(_("进展"), max_length=300)
    reported_on = models.DateField(_("日期"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return self.note
