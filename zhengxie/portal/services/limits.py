"""Posting limits kept in cache counters: flood interval, hourly cap, links from newcomers,
and the hourly upload allowance (counted by the core upload store)."""

import datetime as dt

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core import uploads as upload_store
from zhengxie.core.rules import rule

from .. import rules
from ..richtext import contains_link


def check_posting_limits(*, user, committee_id: int, raw_body: str, uploads: int = 0) -> None:
    """Raise ValidationError naming the limit; on success the counters move on. `uploads`
    is how many files the post brings."""
    if contains_link(raw_body):
        hours = rule(committee_id, rules.NEWBIE_LINK_HOURS)
        if timezone.now() - user.date_joined < dt.timedelta(hours=hours):
            raise ValidationError(
                _("新注册账号 %(hours)s 小时内不能发布链接，请删除内容中的网址。")
                % {"hours": hours},
                code="newbie_link",
            )
    seconds = rule(committee_id, rules.FLOOD_SECONDS)
    if seconds and not cache.add(f"portal:flood:{user.pk}", 1, timeout=seconds):
        raise ValidationError(
            _("两次发帖间隔不能少于 %(s)s 秒，请稍后再试。") % {"s": seconds}, code="flood"
        )
    _count_hourly(user, committee_id)
    upload_store.count_uploads(
        user_id=user.pk,
        count=uploads,
        per_hour=rule(committee_id, rules.UPLOADS_PER_HOUR),
        field="image",
        label=_("图片"),
    )


def _count_hourly(user, committee_id: int) -> None:
    cap = rule(committee_id, rules.POSTS_PER_HOUR)
    hour = timezone.now().strftime("%Y%m%d%H")
    key = f"portal:hourly:{user.pk}:{hour}"
    cache.add(key, 0, timeout=3600)
    if cache.incr(key) > cap:
        raise ValidationError(
            _("每小时最多发帖 %(n)s 次，您已达到上限。") % {"n": cap}, code="hourly"
        )
