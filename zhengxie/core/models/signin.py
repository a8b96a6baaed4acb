"""The codes that let a person in without a password: SMS codes and account-letter codes.

Both are kept only as a keyed hash (core.services.codes), expire, and work once; the plain
code exists in the SMS or on the printed letter and nowhere else."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CodePurpose(models.TextChoices):
    SIGN_IN = "sign_in", _("登录")  # signs the person in; a new account then sets its password
    RESET = "reset", _("重设密码")  # proves the number before a new password is set
    BIND = "bind", _("绑定手机号")  # proves a signed-in person holds the number they add


class SmsCode(models.Model):
    """Six digits sent to a number for one purpose. A number without an account gets a row
    too, but no SMS, so the page answers alike and tells nobody which numbers have accounts."""

    phone = models.CharField(_("手机号码"), max_length=11)
    purpose = models.CharField(_("用途"), max_length=10, choices=CodePurpose.choices)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("发送时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("失效时间"))
    failed_attempts = models.PositiveSmallIntegerField(_("错误次数"), default=0)
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("短信验证码")
        verbose_name_plural = _("短信验证码")
        indexes = [models.Index(fields=["phone", "purpose", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.phone} · {self.get_purpose_display()}"


class ActivationCode(models.Model):
    """The one-time code printed on an account letter; a new letter voids the older ones."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activation_codes"
    )
    digest = models.CharField(max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("签发时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("失效时间"))
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("激活码")
        verbose_name_plural = _("激活码")
        indexes = [models.Index(fields=["user", "used_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"
