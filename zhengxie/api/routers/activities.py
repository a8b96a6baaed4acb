"""Activities for the members taking part: invitations, an activity with its materials,
asking for leave, signing in with the venue screen's QR code, and one's attendance.

Deciding leave (approve, decline) and asking again after a decline are steps of the
`leave_request` workflow: /api/v1/leave/<id>/transitions."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from zhengxie.activities import selectors
from zhengxie.activities.services import attendance as attendance_services
from zhengxie.activities.services import invitations as invitation_services
from zhengxie.activities.signin import SignInTokenError
from zhengxie.core.uploads import serve_upload

from ..errors import ERRORS
from ..pagination import Keyset
from ..schemas import CommitteeRef

router = Router(tags=["activities"])


class ActivityOut(Schema):
    id: int
    title: str
    kind: str
    committee: CommitteeRef
    location: str
    starts_at: datetime
    ends_at: datetime
    state: str
    state_label: str

    @staticmethod
    def resolve_kind(activity) -> str:
        return activity.kind.name

    @staticmethod
    def resolve_state_label(activity) -> str:
        return activity.get_state_display()


class ActivityInvitationOut(ActivityOut):
    signed_up_at: datetime | None
    leave_status: str | None = Field(description="pending, approved, declined；未请假为 null")
    attendance_status: str | None = Field(description="signed_in, present, …；未签到为 null")


class LeaveOut(Schema):
    id: int
    reason: str
    status: str
    status_label: str
    decision_note: str
    created_at: datetime
    decided_at: datetime | None

    @staticmethod
    def resolve_status_label(leave) -> str:
        return leave.get_status_display()


class AttendanceOut(Schema):
    id: int
    status: str
    status_label: str
    method: str
    signed_in_at: datetime | None
    minutes_present: int | None

    @staticmethod
    def resolve_status_label(row) -> str:
        return row.get_status_display()


class MyAttendanceOut(AttendanceOut):
    activity: ActivityOut


class FileOut(Schema):
    id: int
    name: str
    url: str = Field(description="下载地址（带令牌 GET）")

    @staticmethod
    def resolve_url(attachment) -> str:
        return f"/api/v1/activities/materials/{attachment.pk}"


class MaterialOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    submitted_on: date
    files: list[FileOut]

    @staticmethod
    def resolve_files(outcome) -> list:
        return list(outcome.attachments.all())


class MineOut(Schema):
    invited: bool
    signed_up_at: datetime | None
    leave: LeaveOut | None
    attendance: AttendanceOut | None


class ActivityDetailOut(ActivityOut):
    description: str
    materials: list[MaterialOut] = Field(description="活动的成果材料及附件")
    mine: MineOut | None = Field(description="本级委员本人的邀请、请假和签到；其他人为 null")

    @staticmethod
    def resolve_mine(activity) -> dict | None:
        if activity.mine is None:
            return None
        invitation = activity.mine["invitation"]
        return {
            "invited": invitation is not None,
            "signed_up_at": invitation.signed_up_at if invitation else None,
            "leave": activity.mine["leave"],
            "attendance": activity.mine["attendance"],
        }


class LeaveIn(Schema):
    reason: str = Field(max_length=2000)


class SignInIn(Schema):
    token: str = Field(max_length=200, description="会场大屏二维码链接中 signin/ 之后的一段")


class SignedInOut(Schema):
    attendance: AttendanceOut
    newly: bool = Field(description="false：此前已签到")


@router.get("/invitations", response={200: list[ActivityInvitationOut], **ERRORS})
@paginate(Keyset, ordering=("-starts_at", "-id"))
def my_invitations(request: HttpRequest):
    """The activities the caller is invited to, latest first, with their own replies."""
    return selectors.list_my_invitations(user=request.user)


@router.get("/attendance", response={200: list[MyAttendanceOut], **ERRORS})
@paginate(Keyset, ordering=("-id",))
def my_attendance(request: HttpRequest):
    """The caller's attendance record, most recent first."""
    return selectors.list_my_attendance(user=request.user)


BINARY = {"schema": {"type": "string", "format": "binary"}}
FILE = {"description": "文件", "content": {"*/*": BINARY}}


@router.get(
    "/materials/{attachment_id}",
    response={200: None, **ERRORS},
    openapi_extra={"responses": {200: FILE}},
)
def material_file(request: HttpRequest, attachment_id: int):
    """A material's file, as the web serves it."""
    attachment = selectors.get_readable_attachment(user=request.user, pk=attachment_id)
    return serve_upload(attachment.file, filename=attachment.name)


@router.get("/{activity_id}", response={200: ActivityDetailOut, **ERRORS})
def activity_detail(request: HttpRequest, activity_id: int):
    return selectors.get_activity_for_reader(user=request.user, pk=activity_id)


@router.post("/{activity_id}/leave", response={200: LeaveOut, **ERRORS})
def ask_leave(request: HttpRequest, activity_id: int, payload: LeaveIn):
    """Asks the approver the activity's kind names for leave; after a decline, asks again."""
    activity = selectors.get_activity(pk=activity_id)
    return invitation_services.request_leave(
        user=request.user, activity=activity, reason=payload.reason
    )


@router.post("/{activity_id}/sign-in", response={200: SignedInOut, **ERRORS})
def sign_in(request: HttpRequest, activity_id: int, payload: SignInIn):
    """Signs in with the token of the venue screen's QR code, as the web's QR page does."""
    activity = selectors.get_activity(pk=activity_id)
    try:
        row, newly = attendance_services.sign_in_with_token(
            user=request.user, token=payload.token, activity=activity
        )
    except SignInTokenError as error:  # the service's own message, on the field it is about
        raise ValidationError({"token": str(error)}) from error
    return {"attendance": row, "newly": newly}
