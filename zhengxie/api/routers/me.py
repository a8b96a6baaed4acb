"""The signed-in person: profile, roles per committee, the devices signed in to the app."""

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from zhengxie.core.permissions import active_seat, grants_of
from zhengxie.core.selectors import list_devices
from zhengxie.core.services import api_tokens

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
