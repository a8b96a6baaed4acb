"""Time a plenary notice to N members, as the background worker sends it: one inbox message
per member, their copies written, then every SMS through the outbox backend, each claimed and
marked sent; a second run (a restarted worker) is timed too and must send nothing. Everything
is rolled back.

    ZHENGXIE_VAR_DIR=/tmp/zx .venv/bin/python manage.py migrate
    ZHENGXIE_VAR_DIR=/tmp/zx .venv/bin/python bench/core_bulk_notice.py [N]
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402

from zhengxie.core.factories import make_committee  # noqa: E402
from zhengxie.core.models import Member, OutboxMessage, Role, RoleGrant, User  # noqa: E402
from zhengxie.core.services.bulk_notices import (  # noqa: E402
    compose_bulk_notice,
    run_bulk_notice,
)
from zhengxie.core.services.member_accounts import ensure_member_accounts  # noqa: E402


class Rollback(Exception):
    """Raised to undo the timed send."""


def _committee_of(count: int):
    committee = make_committee(code="bench-notice", name="压测政协")
    staff = User.objects.create_user(username="bench-notice-staff", password=None)
    RoleGrant.objects.create(user=staff, committee=committee, role=Role.STAFF)
    members = Member.objects.bulk_create(
        Member(committee=committee, name=f"压测{n:05d}", gender="M", mobile=f"1360000{n:04d}")
        for n in range(count)
    )
    ensure_member_accounts(members=members, actor=staff, reason="压测")
    return committee, staff


def main(count: int) -> None:
    try:
        with transaction.atomic():
            committee, staff = _committee_of(count)
            before = OutboxMessage.objects.count()
            notice = compose_bulk_notice(
                staff=staff,
                committee=committee,
                kind="core.plenary_notice",
                title="关于召开政协第五届委员会第二次会议的通知",
                body="请于2月20日前到市政协报到。",
                audience="committee",
                audience_id=None,
            )
            started = time.perf_counter()
            sent = run_bulk_notice(notice_id=notice.pk)
            sent_at = time.perf_counter()
            again = run_bulk_notice(notice_id=notice.pk)
            again_at = time.perf_counter()
            outbox = OutboxMessage.objects.count() - before
            raise Rollback
    except Rollback:
        pass
    print(
        f"{count} members: plenary notice written and {sent} SMS sent through the outbox in "
        f"{sent_at - started:.2f}s ({outbox} in the outbox); a restarted worker sent {again} "
        f"in {again_at - sent_at:.2f}s (rolled back)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1119)
