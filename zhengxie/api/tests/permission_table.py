"""Who gets what from every operation of the API: the answer each role of the permission world
(core/tests/permission_world.py) gets, asked with its own token (the guest with none).

Read a row as "operation: these roles get this answer, the rest that one". The API answers
a missing or dead token with 401 (never a redirect to a login page), a person the service
refuses with 403, and a record the person may not name with 404. An operation added without a
row here, or a row whose operation is gone, fails test_permission_table.py.

Each row also names the request: the path's arguments (records of the world, as in
permission_world.ROUTE_ARGUMENTS) and the JSON body sent.
"""

from dataclasses import dataclass, field

from zhengxie.core.tests.permission_world import ROLES, Const

SIGNED_IN = frozenset(ROLES) - {"guest"}
CITY_OFFICE = frozenset({"staff", "admin"})


@dataclass(frozen=True)
class Row:
    answers: dict  # role -> expected status
    args: dict = field(default_factory=dict)  # path argument -> world record or Const
    body: dict | None = None


def public(answer: int, **kwargs) -> Row:
    """Anyone, token or not: the sign-in doors."""
    return Row(dict.fromkeys(ROLES, answer), **kwargs)


def signed_in(answer: int = 200, **kwargs) -> Row:
    return Row({"guest": 401} | dict.fromkeys(SIGNED_IN, answer), **kwargs)


def only(roles, answer: int = 200, *, others: int = 403, **kwargs) -> Row:
    """The roles get `answer`, other accounts `others`, the guest 401."""
    answers = {"guest": 401} | {r: answer if r in roles else others for r in SIGNED_IN}
    return Row(answers, **kwargs)


REPORT = {"kind": Const("opinion_report"), "record_id": "report"}

NEW_REPORT = {"title": "菜市场改造", "body": "建议分批改造。", "body_kind": "party",
              "body_name": "民盟市委"}  # fmt: skip
EDIT_REPORT = {"title": "社情民意：菜市场改造", "body": "编辑加工后的正文。", "body_kind": "party",
               "body_name": "民盟市委"}  # fmt: skip

TABLE = {
    # The sign-in doors answer an empty request alike for everyone: it names no proof.
    "POST /auth/token": public(400, body={}),
    "POST /auth/code": public(400, body={}),
    "POST /auth/token/refresh": signed_in(),
    "DELETE /auth/token": signed_in(204),
    "POST /auth/sign-out-everywhere": signed_in(204),
    "GET /me": signed_in(),
    "GET /me/devices": signed_in(),
    # The member's own second device: only they may sign it out; for others it is not there.
    "DELETE /me/devices/{device_id}": only({"member"}, 204, others=404,
                                           args={"device_id": "member_device"}),
    "GET /inbox": signed_in(),
    "POST /inbox/read": signed_in(),
    # Marking names the member's message; for anyone else it marks nothing.
    "POST /inbox/{notification_id}/read": signed_in(
        args={"notification_id": "member_notification"}
    ),
    # Opinion reports: everyone has a (maybe empty) list of their own; members report to their
    # committee and the office files for a body; the author and the committee's readers see
    # the submitted report; the office reworks it while it is in the intake.
    "GET /opinions/mine": signed_in(),
    # The administrator works for every committee, so must name one.
    "POST /opinions": Row(only({"staff", "member", "county_staff"}, 201).answers | {"admin": 400},
                          body=NEW_REPORT),
    "GET /opinions/{report_id}": only(CITY_OFFICE | {"member", "leader"},
                                      args={"report_id": "report"}),
    "PUT /opinions/{report_id}": only(CITY_OFFICE, args={"report_id": "report"}, body=EDIT_REPORT),
    # Activities: everyone has their own (maybe empty) invitations and attendance; the invited
    # member and the committee's office and leaders read the activity, and its committee's
    # people its materials; only the invited member asks for leave (theirs is already pending:
    # asking again is a step of the leave's workflow, refused while it is pending); a code not
    # from the venue screen is refused to anyone, as on the web's QR page.
    "GET /activities/invitations": signed_in(),
    "GET /activities/attendance": signed_in(),
    "GET /activities/materials/{attachment_id}": only(
        CITY_OFFICE | {"member", "leader", "unit", "convenor"},
        args={"attachment_id": "outcome_file"},
    ),
    "GET /activities/{activity_id}": only(CITY_OFFICE | {"member", "leader"},
                                          args={"activity_id": "activity"}),
    "POST /activities/{activity_id}/leave": only({"member"}, 409, args={"activity_id": "activity"},
                                                 body={"reason": "出差"}),
    "POST /activities/{activity_id}/sign-in": signed_in(400, args={"activity_id": "activity"},
                                                        body={"token": "not-the-screen-code"}),
    # Grassroots: the committees' people and convenors read the venues, residents do not;
    # anyone signed in reports a case (an empty form names its fields) and reads the public
    # page of one; the reporter, and the venue's convenor and office for the residents'
    # representatives, rate it, and only once resolved: the world's case is only accepted.
    "GET /grassroots/venues": only(SIGNED_IN - {"resident", "departed"}),
    "POST /grassroots/cases": signed_in(400, body={}),
    "GET /grassroots/cases/mine": signed_in(),
    "GET /grassroots/cases/{case_id}": signed_in(args={"case_id": "case"}),
    "POST /grassroots/cases/{case_id}/rate": only(
        CITY_OFFICE | {"resident", "convenor"}, 409, args={"case_id": "case"},
        body={"value": "satisfied"},
    ),
    # The report's author and its committee's office act on it; nobody else learns its state.
    "GET /{kind}/{record_id}/transitions": only(CITY_OFFICE | {"member"}, args=REPORT),
    # Adopting with no mode: the office is told the field, the author may not adopt at all.
    "POST /{kind}/{record_id}/transitions/{name}": only(
        CITY_OFFICE, 400, args=REPORT | {"name": Const("adopt")}, body={}
    ),
}  # fmt: skip
