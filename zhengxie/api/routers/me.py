"""The signed-in person: profile, roles per committee, the devices signed in to the app, and
the channels they get each kind of notification by."""

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from zhengxie.core.notifications import CHOOSABLE
from zhengxie.core.notifications.mandatory import list_notification_settings
from zhengxie.core.permissions import active_seat, grants_of
from zhengxie.core.selectors import list_devices
from zhengxie.core.services import api_tokens
from zhengxie.core.services.notifications import set_notification_preferences

from ..caching import polled
from ..errors import ERRORS
from ..pagination import Keyset
from ..schemas import CommitteeRef

router = Router(tags=["me"])


class RoleOut(Schema):
    committee: CommitteeRef
    role: str
    role_label: str
    handling_unit: str | None
    department: str
    title: str


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    mobile: str
    is_member: bool
    roles: list[RoleOut]


class DeviceOut(Schema):
    id: int
    device_name: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime
    current: bool

    @staticmethod
    def resolve_current(token, context) -> bool:
        return token.pk == context["request"].auth.pk


class ChannelOut(Schema):
    value: str
    label: str


class KindSettingOut(Schema):
    kind: str = Field(description="通知类别的键，如 proposals.cosign_invitation")
    label: str
    urgent: bool = Field(description="即时发送；否则短信和邮件汇入每日摘要")
    channels: list[str] = Field(description="现在接收的渠道（站内消息总是接收，不列出）")
    mandatory: list[str] = Field(description="机关规定必须接收、不能关闭的渠道")


class NotificationSettingsOut(Schema):
    channels: list[ChannelOut] = Field(description="可以选择的渠道")
    kinds: list[KindSettingOut]


class NotificationSettingsIn(Schema):
    kinds: dict[str, list[str]] = Field(
        description="通知类别的键 → 要接收的渠道（sms、email）；未列出的类别不变"
    )


def _role(grant) -> RoleOut:
    return RoleOut(
        committee=CommitteeRef.from_orm(grant.committee),
        role=grant.role,
        role_label=grant.get_role_display(),
        handling_unit=grant.handling_unit.name if grant.handling_unit else None,
        department=grant.department,
        title=grant.title,
    )


@router.get("", response={200: MeOut, 304: None, **ERRORS})
@decorate_view(polled)
def me(request: HttpRequest):
    user = request.user
    return MeOut(
        id=user.pk,
        username=user.username,
        display_name=str(user),
        mobile=user.mobile,
        is_member=active_seat(user) is not None,
        roles=[_role(grant) for grant in grants_of(user)],
    )


@router.get("/devices", response={200: list[DeviceOut], **ERRORS})
@paginate(Keyset, ordering=("-created_at", "-id"))
def devices(request: HttpRequest):
    """The app sign-ins that still work; `current` marks the one asking."""
    return list_devices(user=request.user)


@router.delete("/devices/{device_id}", response={204: None, **ERRORS})
def revoke_device(request: HttpRequest, device_id: int):
    if not api_tokens.revoke_token(user=request.user, token_id=device_id):
        raise Http404
    return Status(204, None)


def _notification_settings(user) -> NotificationSettingsOut:
    return NotificationSettingsOut(
        channels=[ChannelOut(value=c.value, label=str(c.label)) for c in CHOOSABLE],
        kinds=[
            KindSettingOut(
                kind=row.kind.key,
                label=str(row.kind.label),
                urgent=row.kind.urgent,
                channels=sorted(row.chosen),
                mandatory=sorted(row.mandatory),
            )
            for row in list_notification_settings(user)
        ],
    )


@router.get("/notifications", response={200: NotificationSettingsOut, 304: None, **ERRORS})
@decorate_view(polled)
def notification_settings(request: HttpRequest):
    """我的通知设置: the kinds the caller's roles receive, with the channels chosen and those
    the office makes mandatory."""
    return _notification_settings(request.user)


@router.patch("/notifications", response={200: NotificationSettingsOut, **ERRORS})
def change_notification_settings(request: HttpRequest, payload: NotificationSettingsIn):
    """Sets the channels of the kinds named, as the web page does: a mandatory channel left
    out, a kind the caller does not receive or an unknown channel refuses the whole change
    (400, naming each kind in `fields`), and nothing is saved."""
    choices = {key: set(channels) for key, channels in payload.kinds.items()}
    set_notification_preferences(user=request.user, choices=choices)
    return _notification_settings(request.user)
