"""Who takes part: sectors, special committees, handling units, towns, venues and members."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords

from .committees import Committee, Term


class CommitteeScoped(models.Model):
    """Every tenant-scoped table carries committee_id, the future distribution key."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("政协"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class NamedPerCommittee(CommitteeScoped):
    name = models.CharField(_("名称"), max_length=80)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        abstract = True
        ordering = ["committee", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class Sector(NamedPerCommittee):
    """界别."""

    history = HistoricalRecords()

    class Meta(NamedPerCommittee.Meta):
        verbose_name = _("界别")
        verbose_name_plural = _("界别")
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="sector_unique_name"),
        ]


class SpecialCommittee(NamedPerCommittee):
    """专门委员会."""

    history = HistoricalRecords()

    class Meta(NamedPerCommittee.Meta):
        verbose_name = _("专门委员会")
        verbose_name_plural = _("专门委员会")
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="special_unique_name"),
        ]


class HandlingUnit(NamedPerCommittee):
    """承办单位: a government department or a county government answering proposals."""

    contact_person = models.CharField(_("联络员"), max_length=40, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    history = HistoricalRecords()

    class Meta(NamedPerCommittee.Meta):
        verbose_name = _("承办单位")
        verbose_name_plural = _("承办单位")
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="unit_unique_name"),
        ]


class Town(NamedPerCommittee):
    """乡镇街道: where members report for grassroots duty (下沉报到)."""

    district = models.CharField(_("所属县市区"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta(NamedPerCommittee.Meta):
        verbose_name = _("乡镇街道")
        verbose_name_plural = _("乡镇街道")
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="town_unique_name"),
        ]


class VenueKind(models.TextChoices):
    MEMBERS_HOME = "home", _("政协委员之家")  # 乡镇街道一级的委员之家
    STUDIO = "studio", _("委员工作室")  # 以委员个人或界别命名的工作室
    ROOM = "room", _("协商议事室")  # 村(社区)一级的协商议事平台


class Venue(NamedPerCommittee):
    """A grassroots consultation venue run by a convenor."""

    town = models.ForeignKey(
        Town, verbose_name=_("乡镇街道"), on_delete=models.PROTECT, related_name="venues"
    )
    kind = models.CharField(
        _("类型"), max_length=10, choices=VenueKind.choices, default=VenueKind.MEMBERS_HOME
    )
    address = models.CharField(_("地址"), max_length=120, blank=True)
    convenor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("召集人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="convened_venues",
    )
    members = models.ManyToManyField(
        "Member", verbose_name=_("联系委员"), blank=True, related_name="venues"
    )
    duty_days = models.CharField(_("接待日"), max_length=60, blank=True)
    star_rating = models.PositiveSmallIntegerField(_("年度星级"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[members])

    class Meta(NamedPerCommittee.Meta):
        verbose_name = _("协商议事场所")
        verbose_name_plural = _("协商议事场所")


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class Member(CommitteeScoped):
    """委员: one seat on one committee in one term."""

    term = models.ForeignKey(
        Term, verbose_name=_("届"), null=True, blank=True, on_delete=models.PROTECT
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    name = models.CharField(_("姓名"), max_length=40)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    ethnicity = models.CharField(_("民族"), max_length=20, default="汉族")
    birth_month = models.DateField(_("出生年月"), null=True, blank=True)
    party = models.CharField(_("党派"), max_length=30, blank=True)
    sector = models.ForeignKey(
        Sector, verbose_name=_("界别"), null=True, blank=True, on_delete=models.PROTECT
    )
    special_committee = models.ForeignKey(
        SpecialCommittee,
        verbose_name=_("专委会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    work_title = models.CharField(_("工作单位及职务"), max_length=120, blank=True)
    mobile = models.CharField(_("手机号码"), max_length=11, blank=True)
    is_standing = models.BooleanField(_("常委"), default=False)
    town = models.ForeignKey(
        Town,
        verbose_name=_("报到乡镇街道"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    public_title = models.CharField(_("公开称谓"), max_length=60, blank=True)
    is_active = models.BooleanField(_("在任"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("委员")
        verbose_name_plural = _("委员")
        ordering = ["committee", "id"]
        constraints = [
            # The roster import matches a person by committee + name + mobile.
            models.UniqueConstraint(
                fields=["committee", "name", "mobile"], name="member_unique_person"
            ),
        ]
        indexes = [models.Index(fields=["committee", "is_active"])]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_mobile(self) -> str:
        """What anyone but staff sees: 138****5678."""
        return f"{self.mobile[:3]}****{self.mobile[-4:]}" if len(self.mobile) == 11 else ""
