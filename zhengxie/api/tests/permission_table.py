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

from zhengxie.core.tests.permission_world import ROLES, UNKNOWN_PK, Const

SIGNED_IN = frozenset(ROLES) - {"guest"}
CITY_OFFICE = frozenset({"staff", "admin"})
OFFICE = CITY_OFFICE | {"county_staff"}
# Refused with a 403 or a 404, as the web refuses the same person (the apps use both).
DENY = (403, 404)
# The members' board: members and the board committee's office; a guest is refused outright.
MEMBERS_BOARD = frozenset({"member", "staff", "admin"})
# Figures and key proposals: every committee's office and the city's leaders, as on the web.
FIGURE_READERS = CITY_OFFICE | {"county_staff", "leader"}


@dataclass(frozen=True)
class Row:
    answers: dict  # role -> expected status, or a tuple of the statuses allowed
    args: dict = field(default_factory=dict)  # path argument -> world record or Const
    body: dict | None = None


def public(answer: int, **kwargs) -> Row:
    """Anyone, token or not: the sign-in doors."""
    return Row(dict.fromkeys(ROLES, answer), **kwargs)


def signed_in(answer: int = 200, **kwargs) -> Row:
    return Row({"guest": 401} | dict.fromkeys(SIGNED_IN, answer), **kwargs)


def only(roles, answer: int = 200, *, others: int | tuple = 403, **kwargs) -> Row:
    """The roles get `answer`, other accounts `others`, the guest 401."""
    answers = {"guest": 401} | {r: answer if r in roles else others for r in SIGNED_IN}
    return Row(answers, **kwargs)


REPORT = {"kind": Const("opinion_report"), "record_id": "report"}
ASSIGNED, DRAFT, REPLIED = ({"proposal_id": name} for name in ("assigned", "draft", "replied"))
READERS = {"member", "unit", "staff", "leader", "admin"}  # as proposals:detail

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
    "GET /me/notifications": signed_in(),
    # Only members receive plenary notices; for anyone else the kind is not theirs to set.
    "PATCH /me/notifications": only({"member"}, 200, others=400,
                                    body={"kinds": {"core.plenary_notice": ["sms", "email"]}}),
    # The member's own second device: only they may sign it out; for others it is not there.
    "DELETE /me/devices/{device_id}": only({"member"}, 204, others=404,
                                           args={"device_id": "member_device"}),
    "GET /inbox": signed_in(),
    # The forms' choices: what the web's forms offer everyone; categories for proposals only
    # to those who may write one.
    "GET /choices/towns": public(200),
    "GET /choices/case-categories": public(200),
    "GET /choices/job-categories": public(200),
    "GET /choices/proposal-categories": only({"member", "admin"}),  # as POST /proposals
    "GET /todo": signed_in(),
    "POST /inbox/read": signed_in(),
    # Marking names the member's message; for anyone else it marks nothing.
    "POST /inbox/{notification_id}/read": signed_in(
        args={"notification_id": "member_notification"}
    ),
    # 我的履职 is a member's own: everyone else, departed members too, has no duty year.
    "GET /duty/me": only({"member"}),
    "GET /duty/me/points": only({"member"}),
    "GET /duty/me/five-ones": only({"member"}),
    "GET /duty/me/three-highs": only({"member"}),
    "GET /duty/me/file": only({"member"}),
    "GET /leaders/key-proposals": only(FIGURE_READERS),
    "GET /leaders/dashboard": only(FIGURE_READERS),
    # The portal opens to guests what its web pages do, and the members' board to its members.
    "GET /portal/boards": public(200),
    "GET /portal/boards/{board_id}/threads": public(200, args={"board_id": "public_board"}),
    "GET /portal/threads/{thread_id}": Row(
        {"guest": 403} | {r: 200 if r in MEMBERS_BOARD else 403 for r in SIGNED_IN},
        args={"thread_id": "secret_thread"},
    ),
    # An empty reply names its field to anyone who may reply; guests must sign in.
    "POST /portal/threads/{thread_id}/posts": signed_in(400, args={"thread_id": "thread"}, body={}),
    "GET /portal/search": public(200),
    "GET /portal/hall": public(200),
    "GET /portal/hall/{exhibition_id}": public(200, args={"exhibition_id": "exhibition"}),
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
    # 逐级报送 is the office's: the world's city has no committee above on the platform, so the
    # office is told so by name (400); the author and the leaders read the report but may not
    # hand it off, and everyone else may not read it.
    "POST /opinions/{report_id}/hand-off": only(CITY_OFFICE, 400, others=DENY,
                                                args={"report_id": "adopted"}, body={}),
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
    # 推荐岗位: the venue's convenor and the office, as the web's form; no job ticked is named.
    "GET /grassroots/cases/{case_id}/jobs-to-refer": only(
        CITY_OFFICE | {"convenor"}, args={"case_id": "case"}
    ),
    "POST /grassroots/cases/{case_id}/refer-to-jobs": only(
        CITY_OFFICE | {"convenor"}, 400, args={"case_id": "case"}, body={"job_ids": []}
    ),
    # Instructions: 我的批示 is the leaders' (the administrator leads too), the workspace the
    # departments'; the leader who wrote it, the department and the office read one; the
    # committee's leaders write one on a record, as on the web.
    "GET /instructions/mine": only({"leader", "admin"}),
    "GET /instructions/unit": only({"unit"}),
    "GET /instructions/{instruction_id}": only(
        {"unit", "staff", "leader", "admin"}, args={"instruction_id": "leader_instruction"}
    ),
    "POST /instructions/on/{kind}/{record_id}": only(
        {"leader", "admin"}, 201, args={"kind": Const("opinion_report"), "record_id": "adopted"},
        body={"text": "请抓紧研究落实。"},
    ),
    # The job board: guests search and read open jobs as on the web; anyone signed in has
    # their (maybe empty) applications and employer's lists; only the resident has a résumé,
    # and has applied already, so everyone is told why not (the owner too: their own job).
    "GET /jobs": public(200),
    # 全站搜索: anyone, each finding only what they may open (search/tests/test_everything).
    "GET /search": public(200),
    "GET /jobs/{job_id}": public(200, args={"job_id": "job"}),
    "POST /jobs/{job_id}/apply": signed_in(400, args={"job_id": "job"}),
    "GET /jobs/applications/mine": signed_in(),
    "GET /jobs/employer/jobs": signed_in(),
    "GET /jobs/employer/applications": signed_in(),
    # 人才库: the member's verified enterprise only, as the web (the resident's résumé is in
    # it); inviting to a job that is not the caller's is refused to everyone, the member too.
    "GET /jobs/talent": only({"member"}),
    "GET /jobs/talent/jobs": only({"member"}),
    "POST /jobs/talent/{resume_id}/invite": only(
        (), args={"resume_id": "resume"}, body={"job_id": int(UNKNOWN_PK)}
    ),
    # Anyone signed in has their (maybe empty) invitations; nobody answers another's.
    "GET /jobs/invitations": signed_in(),
    "POST /jobs/invitations/{invitation_id}/accept": only(
        (), others=404, args={"invitation_id": Const(UNKNOWN_PK)}
    ),
    "POST /jobs/invitations/{invitation_id}/decline": only(
        (), others=404, args={"invitation_id": Const(UNKNOWN_PK)}
    ),
    # The report's author and its committee's office act on it; nobody else learns its state.
    "GET /{kind}/{record_id}/transitions": only(CITY_OFFICE | {"member"}, args=REPORT),
    # Adopting with no mode: the office is told the field, the author may not adopt at all.
    "POST /{kind}/{record_id}/transitions/{name}": only(
        CITY_OFFICE, 400, args=REPORT | {"name": Const("adopt")}, body={}
    ),
    # Proposals: as the web's rows for the same pages (proposals:mine, register, public,
    # similar_new, cosign, unit, new, detail, edit, rate, reply).
    "GET /proposals/mine": signed_in(),
    "GET /proposals": signed_in(),
    "GET /proposals/public": public(200),
    "POST /proposals/similar": only(OFFICE | {"member"}, others=DENY,
                                    body={"text": "关于缓解停车难的建议"}),
    "GET /proposals/invitations": signed_in(),
    "POST /proposals/invitations/{invitation_id}": only(
        (), others=404, args={"invitation_id": Const(UNKNOWN_PK)}, body={"accept": True}
    ),
    "GET /proposals/assigned": only({"unit"}),
    # 委员来信: everyone has a (maybe empty) list of the letters their proposals became; the
    # proposer and the committee's office read the letter, as on the web.
    "GET /proposals/letters/mine": signed_in(),
    "GET /proposals/letters/{letter_id}": only({"member"} | CITY_OFFICE, others=DENY,
                                               args={"letter_id": "letter"}),
    "POST /proposals": only({"member", "admin"}, 201, others=DENY, body={}),
    "GET /proposals/{proposal_id}": only(READERS, others=DENY, args=ASSIGNED),
    "PUT /proposals/{proposal_id}": only({"member"}, others=DENY, args=DRAFT, body={}),
    # The world's draft is not in the required form yet: its writer is told which fields.
    "POST /proposals/{proposal_id}/submit": only({"member"}, 400, others=DENY, args=DRAFT,
                                                 body={}),
    "POST /proposals/{proposal_id}/rate": only({"member"}, others=DENY, args=REPLIED,
                                               body={"rating": "satisfied"}),
    "POST /proposals/{proposal_id}/reply": only(
        {"unit"}, others=DENY, args=ASSIGNED, body={"result_class": "A", "text": "已办理。"}
    ),
}  # fmt: skip
