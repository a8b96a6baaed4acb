"""The demo's last step: an account for every one of the 1,119 demo members, keyed by the
member's fictitious mobile number, with the demo password.

It runs last so that the earlier steps' notifications, credits and figures stay exactly what
they were. The password is hashed once and the hash shared: hashing it 1,119 times with Argon2
would add minutes to every `make run` and every CI run. The accounts come from the same
service as the roster import's, so the demo signs in the way real members do."""

from django.contrib.auth.hashers import make_password

from .demo import DEMO_PASSWORD, DemoWorld
from .models import Member
from .services.member_accounts import ensure_member_accounts

REASON = "演示数据"


def seed(world: DemoWorld) -> None:
    members = list(Member.objects.filter(is_active=True).order_by("id"))
    ensure_member_accounts(
        members=members, actor=None, reason=REASON, password_hash=make_password(DEMO_PASSWORD)
    )
