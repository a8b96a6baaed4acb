"""The development SMS backend's outbox: every message it was asked to send, kept, not sent."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """What the phone would have shown. Development, the demo and the tests read codes here
    (manage.py sms_outbox); production backends send instead and keep no text, since the
    text of a sign-in SMS is the code itself."""

    phone = models.CharField(_("手机号码"), max_length=11)
    kind = models.CharField(_("类型"), max_length=30)
    text = models.TextField(_("内容"))
    sent_at = models.DateTimeField(_("发送时间"), default=timezone.now)

    class Meta:
        verbose_name = _("短信发件箱")
        verbose_name_plural = _("短信发件箱")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["phone", "-sent_at"])]

    def __str__(self) -> str:
        return f"{self.phone} · {self.text[:20]}"
