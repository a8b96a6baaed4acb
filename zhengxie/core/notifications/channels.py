"""The channels a notification reaches people by.

The inbox is the record: every notification is an inbox row, whatever else the person chose.
The other channels send a copy to an address the account holds (its mobile, its e-mail), now
for an urgent kind, in the day's digest otherwise (core.services.deliveries).

WeChat is the next channel. Adding it takes three things and no change to the callers: a value
here (`WECHAT = "wechat"`), the account's address for it in ADDRESS_FIELDS (the openid the
WeChat sign-in stores), and a sender for one item and for a digest in
core.services.deliveries.SENDERS (a template message through the official account's API).
Until then the preferences page offers only the channels below.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    INBOX = "inbox", _("站内消息")  # always on: the person's record of what was sent
    SMS = "sms", _("短信")  # to the account's mobile, through the SMS backend
    EMAIL = "email", _("电子邮件")  # to the account's e-mail address


# The channels a person may switch on or off; the inbox cannot be switched off.
CHOOSABLE = (Channel.SMS, Channel.EMAIL)

# Where each sending channel finds the person's address on the account.
ADDRESS_FIELDS = {Channel.SMS: "mobile", Channel.EMAIL: "email"}
