"""The messages the platform sends by SMS, one kind each.

A kind's text is a catalog string (Chinese first, English in the .po file) rendered in the
language active when it is sent. An urgent kind must fit one SMS, 70 characters with the
signature 【…】 that the carrier shows in front (a test holds every urgent kind to that in both
languages). The parameter names are those of the template registered with the provider."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The carriers bill and split Chinese SMS at 70 characters, signature included.
ONE_SMS_CHARACTERS = 70


@dataclass(frozen=True)
class SmsKind:
    key: str
    text: str | Promise
    urgent: bool
    params: tuple[str, ...]
    # A free-text parameter (a notification's title) cut, with an ellipsis, so the message
    # fits one SMS; the provider renders its template from the parameters, so the cut is made
    # on them, not on the text.
    fit: str = ""

    def render(self, params: dict[str, str]) -> str:
        """The message as the phone shows it, signature first."""
        body = str(self.text) % {name: params[name] for name in self.params}
        return f"【{settings.SMS_SIGN_NAME}】{body}"

    def fitted(self, params: dict[str, str]) -> dict[str, str]:
        """The parameters with the `fit` one cut to what one SMS leaves room for."""
        if not self.fit or len(self.render(params)) <= ONE_SMS_CHARACTERS:
            return params
        room = ONE_SMS_CHARACTERS - len(self.render({**params, self.fit: ""}))
        return {**params, self.fit: params[self.fit][: max(room - 1, 1)] + "…"}


SIGN_IN_CODE = SmsKind(
    "sign_in_code",
    _("验证码%(code)s，用于登录，%(minutes)s分钟内有效，请勿告诉他人。"),
    urgent=True,
    params=("code", "minutes"),
)
RESET_CODE = SmsKind(
    "reset_code",
    _("验证码%(code)s，用于重设登录密码，%(minutes)s分钟内有效。如非本人操作，请忽略。"),
    urgent=True,
    params=("code", "minutes"),
)
ACCOUNT_OPENED = SmsKind(
    "account_opened",
    _(
        "%(name)s委员：您的履职平台账号已开通，登录名为本手机号。"
        "请打开 %(url)s ，用短信验证码登录后设置自己的密码。"
    ),
    urgent=False,
    params=("name", "url"),
)

# A notification's copy: its title, cut to fit one SMS, and the link to it.
NOTICE = SmsKind(
    "notice", _("%(title)s 详见%(url)s"), urgent=True, params=("title", "url"), fit="title"
)
# The day's digest of non-urgent notifications: how many, the first titles, the inbox.
DIGEST = SmsKind(
    "digest",
    _("您有%(count)s条新消息：%(titles)s 详见%(url)s"),
    urgent=False,
    params=("count", "titles", "url"),
    fit="titles",
)

KINDS = {kind.key: kind for kind in (SIGN_IN_CODE, RESET_CODE, ACCOUNT_OPENED, NOTICE, DIGEST)}
