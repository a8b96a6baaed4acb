"""Accounts and the roles a person holds in each committee."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from zhengxie.core.historical_records import HistoricalRecords

from .committees import Committee
from .people import HandlingUnit


class User(AbstractUser):
    display_name = models.CharField(_("姓名"), max_length=40, blank=True)
    # The log-in of a member (kept in step with the roster) and of anyone who signs in by SMS.
    mobile = models.CharField(_("手机号码"), max_length=11, blank=True)
    # Accounts that staff create start with a password the person must replace at first login.
    must_change_password = models.BooleanField(_("须修改密码"), default=False)
    # When the person first set a password of their own (activation): accounts made from the
    # roster start without one, and the office reissues letters to those still unactivated.
    activated_at = models.DateTimeField(_("激活时间"), null=True, blank=True)
    # Part of what every session of the person is signed with: a new value signs them out
    # everywhere, whichever session backend holds their sessions (database, cache, cookie).
    session_salt = models.CharField(max_length=32, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["password", "last_login", "session_salt"])

    class Meta:
        verbose_name = _("账号")
        verbose_name_plural = _("账号")
        constraints = [
            # One person per number: the number signs in, and SMS codes go to it.
            models.UniqueConstraint(
                fields=["mobile"], condition=~models.Q(mobile=""), name="user_unique_mobile"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's own hash of the password, with the session salt added; an empty salt gives
        Django's hash unchanged, so existing sessions survive until a salt is first set."""
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(
            key_salt, self.password + self.session_salt, secret=secret, algorithm="sha256"
        ).hexdigest()


class Role(models.TextChoices):
    RESIDENT = "resident", _("群众")  # registers on the portal by themselves
    MEMBER = "member", _("委员")  # submits, co-signs, attends, reads the own duty file
    STAFF = "staff", _("机关工作人员")  # reviews, assigns, plans, evaluates, publishes
    UNIT = "unit", _("承办单位")  # answers the proposals assigned to its unit
    LEADER = "leader", _("领导")  # supervises key proposals, reads the cockpit
    CONVENOR = "convenor", _("召集人")  # runs a grassroots venue
    ADMIN = "admin", _("系统管理员")  # committees, accounts, rules, dictionaries


class LeaderKind(models.TextChoices):
    PARTY_GOVERNMENT = "party_gov", _("党政领导")  # 市委、市政府领导
    CHAIR_MEMBER = "chair", _("主席会议成员")  # 政协主席、副主席、秘书长
    OTHER = "other", _("其他")


class RoleGrant(models.Model):
    """One role of one person in one committee; a person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    committee = models.ForeignKey(
        Committee, verbose_name=_("政协"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("角色"), max_length=12, choices=Role.choices)
    handling_unit = models.ForeignKey(
        HandlingUnit,
        verbose_name=_("所属承办单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("承办单位联络员必填"),
    )
    department = models.CharField(
        _("部门"), max_length=40, blank=True, help_text=_("机关工作人员所在部门，如提案委")
    )
    leader_kind = models.CharField(
        _("领导类别"), max_length=10, choices=LeaderKind.choices, blank=True
    )
    title = models.CharField(_("职务"), max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "committee", "role"], name="rolegrant_unique_role"
            ),
            models.CheckConstraint(
                condition=~models.Q(role="unit") | models.Q(handling_unit__isnull=False),
                name="rolegrant_unit_needs_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.committee.display_name} · {self.get_role_display()}"
