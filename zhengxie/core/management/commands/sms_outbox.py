"""What the development SMS backend kept for a number: the demo and the browser tests read
sign-in codes here.

    manage.py sms_outbox --phone 13900000001 --last --json
    {"phone": "13900000001", "text": "【智慧政协】验证码…", "sent_at": "2026-…+08:00"}
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zhengxie.core.models import OutboxMessage
from zhengxie.core.phones import InvalidMobile, normalize_mobile


class Command(BaseCommand):
    help = "查看开发用短信发件箱中发往某个号码的短信（最近的在前）"

    def add_arguments(self, parser):
        parser.add_argument("--phone", required=True, help="手机号码")
        parser.add_argument("--last", action="store_true", help="只显示最近一条")
        parser.add_argument("--limit", type=int, default=20, help="最多显示条数（默认 20）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        try:
            phone = normalize_mobile(options["phone"])
        except InvalidMobile:
            phone = ""
        if not phone:
            raise CommandError(f"“{options['phone']}”不是有效的 11 位手机号码")
        kept = OutboxMessage.objects.filter(phone=phone).order_by("-sent_at", "-id")
        messages = list(kept[: 1 if options["last"] else options["limit"]])
        if not messages:
            raise CommandError(f"发件箱中没有发往 {phone} 的短信")
        rows = [_as_dict(m) for m in messages]
        if options["json"]:
            payload = rows[0] if options["last"] else rows
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(f"{row['sent_at']}  {row['phone']}  {row['text']}")


def _as_dict(message: OutboxMessage) -> dict:
    sent_at = timezone.localtime(message.sent_at).isoformat(timespec="seconds")
    return {"phone": message.phone, "text": message.text, "sent_at": sent_at}
