"""System checks `manage.py check --deploy` runs: settings a production site must not keep."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

OUTBOX = "zhengxie.core.sms.backends.outbox.OutboxBackend"
ALIYUN = "zhengxie.core.sms.backends.aliyun.AliyunSmsBackend"


@register(Tags.security, deploy=True)
def check_sms_backend(app_configs, **kwargs) -> list[Warning]:
    """With the outbox, no member ever receives a sign-in code."""
    if settings.SMS_BACKEND == OUTBOX:
        return [
            Warning(
                "SMS_BACKEND is the development outbox: no SMS is sent, so members cannot "
                "sign in by SMS code or reset their password.",
                hint=f"Set SMS_BACKEND={ALIYUN} with ALIYUN_SMS_ACCESS_KEY_ID, "
                "ALIYUN_SMS_ACCESS_KEY_SECRET, SMS_SIGN_NAME and ALIYUN_SMS_TEMPLATES.",
                id="zhengxie.W001",
            )
        ]
    if settings.SMS_BACKEND == ALIYUN and not settings.ALIYUN_SMS_TEMPLATES:
        return [
            Warning(
                "ALIYUN_SMS_TEMPLATES is empty: every SMS will be refused for want of a template.",
                hint="ALIYUN_SMS_TEMPLATES=sign_in_code=SMS_…,reset_code=SMS_…,account_opened=SMS_…",
                id="zhengxie.W002",
            )
        ]
    if settings.SMS_BACKEND == ALIYUN:
        from .sms.kinds import KINDS

        missing = sorted(set(KINDS) - set(settings.ALIYUN_SMS_TEMPLATES))
        if missing:
            return [
                Warning(
                    f"ALIYUN_SMS_TEMPLATES has no template for {', '.join(missing)}: "
                    "those messages (notification copies, digests) will be refused.",
                    hint="Register the templates with the provider and add kind=SMS_… pairs.",
                    id="zhengxie.W003",
                )
            ]
    return []


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs) -> list[Warning]:
    """Links in SMS and e-mail sent by workers are built on SITE_URL."""
    if "127.0.0.1" in settings.SITE_URL or "localhost" in settings.SITE_URL:
        return [
            Warning(
                f"SITE_URL is {settings.SITE_URL}: links in notification SMS and e-mail "
                "would point at the server itself.",
                hint="Set SITE_URL to the address people open, e.g. https://zx.example.gov.cn",
                id="zhengxie.W004",
            )
        ]
    return []


@register(deploy=True)
def check_holiday_schedule(app_configs, **kwargs) -> list[Warning]:
    """This year's deadlines count Monday–Friday only when the holiday library does not know it.

    Only the current year: each December the next year's schedule is published before the
    library catches up, which staff see on their home page, and a deployment check must not
    fail on that."""
    from django.utils import timezone

    from .workdays import uncovered_years

    today = timezone.localdate()
    if uncovered_years(today, today):
        return [
            Warning(
                f"The holiday library (chinesecalendar) has no schedule for {today.year}: "
                "deadlines count Monday to Friday plus the CalendarDay rows only.",
                hint="Upgrade chinesecalendar, or enter the year's holidays and make-up days as "
                "CalendarDay rows.",
                id="zhengxie.W005",
            )
        ]
    return []


@register(deploy=True)
def check_chinese_font(app_configs, **kwargs) -> list[Warning]:
    """The PDF files embed the machine's Chinese font and the Word review's charts draw with
    it; without one, the charts' labels are boxes and the PDFs name a font not every reader
    has."""
    from .pdf import EMBEDDED_FONT, FONT

    if FONT != EMBEDDED_FONT:
        return [
            Warning(
                "No Chinese TrueType font is installed: PDF files fall back to a font they do "
                "not embed, and the Word review's charts cannot draw Chinese labels.",
                hint="Debian: apt-get install fonts-wqy-microhei",
                id="zhengxie.W006",
            )
        ]
    return []
