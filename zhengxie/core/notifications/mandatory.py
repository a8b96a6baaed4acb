"""What an office makes mandatory: per committee, the channels its people cannot switch off
for a kind (a plenary notice by SMS, say). A rule in the rules registry, read for the
committee a person belongs to (home_committees below)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Committee, Member, NotificationPreference, RoleGrant, User
from ..permissions import all_roles
from ..rules import Invalid, Kind, Rule, rule
from .channels import CHOOSABLE, Channel
from .kinds import NotificationKind, _registered, registered_kinds

MANDATORY_CHANNELS = "core.notifications.mandatory"


class KindChannels(Kind):
    """{kind key: [channel, ...]}, each key a registered kind, each channel a sending one."""

    label = ""

    def clean(self, value: Any) -> dict[str, list[str]]:
        if not isinstance(value, dict):
            raise Invalid(_("须为键值表。"))
        cleaned = {}
        for key, channels in value.items():
            # Kinds register at start-up after the rules; an unknown key is a typo or a
            # kind that was removed, and either way would silently force nothing.
            if _registered and key not in _registered:
                raise Invalid(_("没有这种通知：%(k)s。") % {"k": key})
            if not isinstance(channels, list) or not set(channels) <= set(CHOOSABLE):
                raise Invalid(
                    _("“%(k)s”的渠道须为以下之一：%(v)s。")
                    % {"k": key, "v": "、".join(str(c.label) for c in CHOOSABLE)}
                )
            cleaned[key] = sorted(set(channels))
        return cleaned


RULES = [
    Rule(
        MANDATORY_CHANNELS,
        gettext_lazy("必须接收的通知渠道"),
        KindChannels(),
        {"core.plenary_notice": [Channel.SMS.value]},
        "全体会议通知须送达每位委员（政协章程：委员应出席全体会议），以短信为准",
    ),
]


def home_committee() -> Coalesce:
    """The committee whose office speaks for a person (the user of the query's row): their
    active seat's, else that of their first role grant."""
    seat = Member.objects.filter(user=OuterRef("pk"), is_active=True).values("committee_id")
    grant = RoleGrant.objects.filter(user=OuterRef("pk")).order_by("pk").values("committee_id")
    return Coalesce(Subquery(seat[:1]), Subquery(grant[:1]))


def home_committees(user_ids: list[int]) -> dict[int, int]:
    """Each person's home committee (home_committee); one query."""
    rows = User.objects.filter(pk__in=user_ids).values_list("pk", home_committee())
    return {pk: home for pk, home in rows if home is not None}


def mandatory_channels(committee_id: int | None, kind_key: str) -> set[str]:
    if committee_id is None:
        return set()
    return set(rule(committee_id, MANDATORY_CHANNELS).get(kind_key, []))


@dataclass(frozen=True)
class KindSetting:
    """One row of a person's notification settings."""

    kind: NotificationKind
    chosen: frozenset[str]  # the sending channels they get it by now
    mandatory: frozenset[str]  # those the office does not let them switch off


def kinds_received(user: User) -> dict[str, NotificationKind]:
    """The kinds the person's roles receive (a kind naming no roles reaches everyone), by key."""
    roles = all_roles(user)
    return {k.key: k for k in registered_kinds() if not k.roles or k.roles & roles}


def list_notification_settings(user: User) -> list[KindSetting]:
    """The kinds a person's roles receive, each with their channels; three queries."""
    committee_id = home_committees([user.pk]).get(user.pk)
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channels"))
    settings = []
    for kind in kinds_received(user).values():
        forced = mandatory_channels(committee_id, kind.key)
        mine = set(chosen.get(kind.key, kind.channels)) & set(CHOOSABLE)
        settings.append(KindSetting(kind, frozenset(mine | forced), frozenset(forced)))
    return settings


def list_mandatory_channels(committee: Committee) -> list[KindSetting]:
    """Every kind with the channels the committee's office makes mandatory (as `chosen`,
    for the office's own form, which has nothing locked)."""
    rule_value = rule(committee, MANDATORY_CHANNELS)
    return [
        KindSetting(kind, frozenset(rule_value.get(kind.key, [])), frozenset())
        for kind in registered_kinds()
    ]
