"""The app's sign-ins: one bearer token per device a person signs in from.

Only a SHA-256 hash of the secret is kept. The secret is 32 random bytes, beyond guessing, so
a plain hash suffices (unlike six-digit codes, core.services.codes): a copy of the database
alone opens no account, and a request is authenticated by one indexed lookup.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    device_name = models.CharField(_("设备名称"), max_length=60, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("登录时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    expires_at = models.DateTimeField(_("失效时间"))
    revoked_at = models.DateTimeField(_("注销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("登录设备")
        verbose_name_plural = _("登录设备")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return self.device_name or str(_("未命名设备"))
