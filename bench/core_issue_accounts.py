"""Time issuing N members' accounts at once, as the office does on /staff/accounts/issue/:
accounts made (users, member roles, links, history), one-time codes stored, and the Word
letters (one page with a QR code each) built; then the "account opened" SMS to the same people
through the outbox. Everything is rolled back.

    ZHENGXIE_VAR_DIR=/tmp/zx .venv/bin/python bench/core_issue_accounts.py [N]
Needs a database with seed_demo loaded (for a staff account); nothing is left written.
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
from zhengxie.core.models import Member, Role, RoleGrant, User  # noqa: E402
from zhengxie.core.services.activation import (  # noqa: E402
    IssueChannel,
    issue_accounts,
    send_account_notices,
)


class Rollback(Exception):
    """Raised to undo the timed issue."""


def _committee_of(count: int, staff: User):
    committee = make_committee(code="bench-issue", name="压测政协")
    RoleGrant.objects.create(user=staff, committee=committee, role=Role.STAFF)
    Member.objects.bulk_create(
        Member(committee=committee, name=f"压测{n:05d}", gender="M", mobile=f"1370000{n:04d}")
        for n in range(count)
    )
    return committee


def main(count: int) -> None:
    staff = User.objects.get(username="staff")
    try:
        with transaction.atomic():
            committee = _committee_of(count, staff)
            started = time.perf_counter()
            issued = issue_accounts(
                staff=staff,
                committee=committee,
                channel=IssueChannel.LETTER,
                activation_url="https://zhengxie.example.org/accounts/activate/",
            )
            issued_at = time.perf_counter()
            sent = send_account_notices(
                user_ids=list(
                    User.objects.filter(mobile__startswith="1370000").values_list("pk", flat=True)
                ),
                url="https://zhengxie.example.org/accounts/login/sms/",
            )
            sent_at = time.perf_counter()
            raise Rollback
    except Rollback:
        pass
    print(
        f"{count} members: accounts + codes + letters {issued_at - started:.2f}s "
        f"({issued.accounts_made} accounts, {issued.pending} letters, "
        f"{len(issued.letters) / 1e6:.1f} MB .docx); "
        f"{sent} SMS through the outbox {sent_at - issued_at:.2f}s (rolled back)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1119)
