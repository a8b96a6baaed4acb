"""What comes in from residents: rate limits, sanitised text and checked photos."""

import html
import math
import time

import nh3
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from zhengxie.core import uploads
from zhengxie.core.models import Committee
from zhengxie.core.rules import rule
from zhengxie.core.throttle import QuotaReached
from zhengxie.core.uploads import CheckedUpload

from .. import rules

PHOTO_TYPES = (uploads.JPEG, uploads.PNG, uploads.WEBP)


class RateLimited(QuotaReached):
    """The person or the address has reported as often as the committee allows today."""


def plain_text(value: str) -> str:
    """Strip every tag (and script/style contents); the template escapes what is left."""
    return html.unescape(nh3.clean(value or "", tags=set())).strip()


def _hit(key: str, window: int) -> tuple[int, int]:
    """A fixed-window counter in the cache: atomic incr, no row is locked per report. Returns
    the count and the seconds until the window (opened by its first report) closes."""
    now = time.time()
    cache.add(f"{key}:until", now + window, window)
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    until = cache.get(f"{key}:until") or now + window
    return count, max(1, math.ceil(until - now))


def check_report_quota(*, committee: Committee, user_id: int, address: str) -> None:
    """Counts this report against the account and the address; raises when either is over."""
    window = rule(committee, rules.REPORT_WINDOW_SECONDS)
    per_account, account_resets = _hit(f"grassroots:reports:user:{user_id}", window)
    per_address, address_resets = _hit(f"grassroots:reports:ip:{address or 'unknown'}", window)
    if per_account > rule(committee, rules.REPORTS_PER_ACCOUNT):
        raise RateLimited(_("您今天反映的问题已达上限，请明天再试。"), retry_after=account_resets)
    if per_address > rule(committee, rules.REPORTS_PER_ADDRESS):
        raise RateLimited(
            _("该网络地址今天反映的问题已达上限，请明天再试。"), retry_after=address_resets
        )


def check_photos(*, committee: Committee, photos: list[UploadedFile]) -> list[CheckedUpload]:
    """Count, size and type by the bytes themselves (the core upload store); writes nothing."""
    if len(photos) > rule(committee, rules.PHOTO_MAX_COUNT):
        raise ValidationError(
            {"photos": _("照片最多 %(n)s 张。") % {"n": rule(committee, rules.PHOTO_MAX_COUNT)}}
        )
    return uploads.check_uploads(
        photos,
        field="photos",
        label=_("照片"),
        accept=PHOTO_TYPES,
        max_bytes=rule(committee, rules.PHOTO_MAX_BYTES),
    )
