"""The small world the permission matrix walks: one city committee with a county below it, a
person in each role the matrix asks about, and one record of each kind a URL names.

Built once per test module through the services (so every record is in a state the
workflows could have produced) and reached by route name: `url_kwargs(world, route)` answers
which record a route's `pk` is. Everything here lives in the city committee; the county holds
only its own office staff, who must not read the city's records.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhengxie.activities import factories as activity_factories
from zhengxie.activities.models import Attendance, Guest, GuestKind
from zhengxie.activities.services import essays, outcomes, plans, reading
from zhengxie.activities.services.invitations import request_leave
from zhengxie.core import factories as core
from zhengxie.core.models import BulkNotice, LeaderKind, Role, RoleGrant, RosterImport, User
from zhengxie.core.services.api_tokens import issue_token
from zhengxie.core.services.members import set_member_active
from zhengxie.duty.factories import make_deed
from zhengxie.duty.models import AnnualTask, DutyWarning, PointsGroup, PointsRule, PointsScheme
from zhengxie.duty.services.recognition import record_recognition
from zhengxie.duty.services.rules import ensure_rules
from zhengxie.duty.services.showcase import set_showcase_public
from zhengxie.grassroots import factories as grassroots_factories
from zhengxie.grassroots.models import CaseState
from zhengxie.grassroots.services.sessions import Participant, hold_session
from zhengxie.insights.services import request_annual_review
from zhengxie.instructions.services import transcribe_instruction, write_instruction
from zhengxie.instructions.targets import target_named
from zhengxie.jobs import factories as jobs_factories
from zhengxie.jobs.services.reports import report_job
from zhengxie.jobs.services.seekers import apply_to_job
from zhengxie.jobs.services.talent import invite_to_apply
from zhengxie.opinions import factories as opinion_factories
from zhengxie.opinions import services as opinions
from zhengxie.portal import factories as portal_factories
from zhengxie.portal.models import Audience
from zhengxie.portal.services import hall, moderation, posting
from zhengxie.proposals import factories as proposal_factories
from zhengxie.proposals import services as proposals
from zhengxie.proposals.services.attachments import add_attachment

ROLES = [
    "guest",
    "resident",
    "member",
    "departed",
    "unit",
    "county_staff",
    "staff",
    "leader",
    "convenor",
    "admin",
]

# The "bad" sign-in token: right shape, wrong secret.
BAD_TOKEN = "not-the-activity-token"
# No import with this token was ever started.
UNKNOWN_IMPORT = "no-such-import"
UNKNOWN_PK = "987654321"


@dataclass
class World:
    users: dict[str, User | None] = field(default_factory=dict)
    records: dict[str, object] = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["records"][name]
        except KeyError as missing:
            raise AttributeError(name) from missing


def _png(name: str = "photo.png") -> SimpleUploadedFile:
    return grassroots_factories.make_photo(name=name)


def _people(world: World, city, county) -> None:
    users = world.users
    users["guest"] = None
    users["resident"] = core.make_user(role=Role.RESIDENT, committee=city, username="resident")
    member = core.make_member(committee=city, name="钟鸣远", with_account=True)
    departed = core.make_member(committee=city, name="柯向晚", with_account=True)
    users["member"], users["departed"] = member.user, departed.user
    users["unit"] = proposal_factories.make_unit_user(committee=city)
    users["county_staff"] = core.make_user(role=Role.STAFF, committee=county)
    users["staff"] = core.make_user(role=Role.STAFF, committee=city, department="提案委员会")
    users["leader"] = core.make_user(
        role=Role.LEADER, committee=city, leader_kind=LeaderKind.CHAIR_MEMBER
    )
    convenor, venue = grassroots_factories.make_convenor_venue(committee=city)
    users["convenor"] = convenor
    admin = core.make_user(username="admin")
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    users["admin"] = admin
    set_member_active(user=users["staff"], member=departed, active=False, reason="换届离任")
    users["departed"].refresh_from_db()  # departure signed them out: sign in again afresh
    world.records.update(member=member, departed_member=departed, venue=venue)


def _proposals(world: World, city) -> None:
    staff, member, unit = world.users["staff"], world.users["member"], world.users["unit"]
    draft = proposal_factories.make_draft(committee=city, author=member, title="未提交的草稿提案")
    attachment = add_attachment(proposal=draft, actor=member, upload=_png("附件.png"))
    assigned, _unit = proposal_factories.make_assigned(
        committee=city, office=staff, lead_user=unit, author=member
    )
    assignment = assigned.assignments.get()
    reassignment = proposals.request_reassignment(
        assignment=assignment, actor=unit, reason="非本单位职责"
    )
    replied = proposal_factories.make_replied(committee=city, office=staff, author=member)
    converted = proposal_factories.make_submitted(
        committee=city, author=member, title="关于转为委员来信的个案问题的建议"
    )
    converted = proposals.convert_to_letter(proposal=converted, actor=staff, reason="属个案问题")
    world.records.update(
        draft=draft,
        proposal_attachment=attachment,
        assigned=assigned,
        assignment=assignment,
        reassignment=reassignment,
        replied=replied,
        reply=replied.replies.get(),
        letter=converted.letter,
    )


def _opinions(world: World, city) -> None:
    staff, member = world.users["staff"], world.records["member"]
    report = opinion_factories.make_report(author=member, title="社情民意：菜市场改造")
    adopted = opinion_factories.make_adopted_report(author=member, office=staff)
    escalation = opinions.escalate_report(
        report=adopted, actor=staff, level="provincial", sent_on=dt.date.today()
    )
    instruction = transcribe_instruction(
        target=target_named("opinion_report"),
        record=adopted,
        actor=staff,
        leader_name="市长",
        level="city",
        text="请研究落实",
        instructed_on=dt.date.today(),
    )
    bulletin = opinion_factories.make_bulletin(reports=[adopted], office=staff)
    leader_instruction = write_instruction(
        target=target_named("opinion_report"),
        record=adopted,
        actor=world.users["leader"],
        text="请市民政局研究办理",
        unit=proposal_factories.unit_of(world.users["unit"]),
    )
    forwarded = opinion_factories.make_forwarded_report(
        author=member, office=staff, unit=proposal_factories.unit_of(world.users["unit"])
    )
    world.records.update(
        forwarded=forwarded,
        leader_instruction=leader_instruction,
        report=report,
        adopted=adopted,
        escalation=escalation,
        instruction=instruction,
        bulletin=bulletin,
    )


def _activities(world: World, city) -> None:
    staff, member = world.users["staff"], world.records["member"]
    activity = activity_factories.make_activity(committee=city, title="专题协商会：停车难")
    activity_factories.invite(activity=activity, members=[member])
    leave = request_leave(user=member.user, activity=activity, reason="出差")
    attendance = Attendance.objects.create(
        activity=activity, committee=city, member=member, minutes_present=180
    )
    guest = Guest.objects.create(
        activity=activity, committee=city, kind=GuestKind.MEDIA, name="随州日报记者"
    )
    held = activity_factories.make_activity(committee=city, state="held", title="视察：老旧小区")
    outcome = outcomes.record_outcome(
        actor=staff,
        committee=city,
        activity=held,
        kind="recommendation",
        title="关于停车难的建议案",
        body="一、情况\n二、建议",
        submitted_to="市委",
        submitted_on=dt.date(2022, 5, 1),
        authors=[member],
    )
    outcome_file = outcomes.attach_file(actor=staff, outcome=outcome, upload=_png("成果.png"))
    world.records.update(
        activity=activity,
        leave=leave,
        attendance=attendance,
        guest=guest,
        outcome=outcome,
        outcome_file=outcome_file,
    )


def _plans_essays_reading(world: World, city) -> None:
    staff, member = world.users["staff"], world.records["member"]
    plan = plans.open_plan(actor=staff, committee=city, year=2022)
    topic = plans.collect_topic(
        actor=staff,
        plan=plan,
        title="停车难",
        kind=activity_factories.kind(committee=city, code="thematic"),
    )
    call = essays.open_call(
        actor=staff,
        committee=city,
        title="征文：曾侯乙编钟的当代价值",
        theme="",
        deadline=dt.date(2030, 1, 1),
    )
    group = reading.create_group(
        actor=staff,
        committee=city,
        name="《乡土中国》研读小组",
        members=[member],
        books=[("乡土中国", "费孝通")],
    )
    session = reading.record_session(
        actor=staff,
        group=group,
        topic="交流",
        held_on=dt.date(2022, 4, 1),
        attendee_ids=[member.pk],
        book=group.books.get(),
    )
    world.records.update(
        topic=topic,
        essay_call=call,
        reading_group=group,
        reading_session=session,
    )


def _grassroots(world: World, city) -> None:
    convenor, venue = world.users["convenor"], world.records["venue"]
    case = grassroots_factories.make_case(
        venue=venue,
        state=CaseState.ACCEPTED,
        reporter=world.users["resident"],
        title="幸福小区三号楼路灯不亮",
    )
    photo = _png()
    case_photo = case.photos.create(image=photo, content_type="image/png", size=photo.size)
    session = hold_session(
        actor=convenor,
        venue=venue,
        title="路灯协商会",
        held_on=dt.date(2022, 4, 1),
        cases=[case],
        participants=[
            Participant(kind="member", name="钟鸣远", member_id=world.records["member"].pk)
        ],
        minutes={"summary": "议定更换路灯"},
        photos=[_png()],
    )
    action = grassroots_factories.make_action(case=case, due_on=dt.date(2022, 5, 1))
    world.records.update(
        case=case,
        case_photo=case_photo,
        session=session,
        session_photo=session.photos.get(),
        action=action,
    )


def _duty(world: World, city) -> None:
    staff, member = world.users["staff"], world.records["member"]
    ensure_rules(committee=city)
    scheme = PointsScheme.objects.filter(committee=city).first()
    warning = DutyWarning.objects.create(
        committee=city, member=member, year=2022, reason="absence", detail="缺席两次"
    )
    recognition = record_recognition(
        actor=staff,
        member=member,
        kind="honour",
        level="city",
        title="优秀政协委员",
        issuer="随州市政协",
        occurred_on=dt.date(2022, 6, 1),
    )
    deed = make_deed(member=member, venue=world.records["venue"], title="修缮村口便民桥")
    other_deed = make_deed(member=member, title="为敬老院送冬衣")  # the office confirms it
    set_showcase_public(actor=member.user, public=True)  # 委员风采 is public
    world.records.update(
        deed=deed,
        deed_photo=make_deed(
            member=member, venue=world.records["venue"], photos=[_png()]
        ).photos.get(),
        other_deed=other_deed,
        scheme=scheme,
        rule=PointsRule.objects.filter(scheme=scheme).first(),
        group=PointsGroup.objects.filter(scheme=scheme).first(),
        task=AnnualTask.objects.filter(committee=city).first(),
        warning=warning,
        recognition=recognition,
    )


def _portal(world: World, city) -> None:
    staff, member, resident = (world.users[k] for k in ("staff", "member", "resident"))
    public = portal_factories.make_board(committee=city, name="公开版块")
    members_only = portal_factories.make_board(
        committee=city,
        name="委员专区",
        view=[Audience.MEMBER, Audience.STAFF],
        post=[Audience.MEMBER, Audience.STAFF],
        reply=[Audience.MEMBER, Audience.STAFF],
    )
    thread = portal_factories.make_thread(board=public, author=resident, title="公开主题")
    post = posting.reply(
        user=resident, thread=thread, body="回复", images=[_png()], skip_limits=True
    )
    secret = portal_factories.make_thread(board=members_only, author=member, title="委员内部讨论")
    report = moderation.report_post(user=member, post=post, reason="不文明")
    exhibition = hall.save_exhibition(
        actor=staff,
        committee=city,
        slug="bells",
        title="编钟",
        theme="bronze",
        period="战国早期",
        summary="前言",
        is_published=True,
    )
    item = hall.add_exhibit_item(
        actor=staff, exhibition=exhibition, title="甬钟", description="中层甬钟", image=_png()
    )
    world.records.update(
        public_board=public,
        board_group=public.group,
        members_board=members_only,
        thread=thread,
        post=post,
        portal_attachment=post.attachments.get(),
        secret_thread=secret,
        post_report=report,
        exhibition=exhibition,
        exhibit_item=item,
    )


def _office(world: World, city) -> None:
    staff = world.users["staff"]
    world.records.update(
        review_job=request_annual_review(actor=staff, committee=city, year=2022, rollup=False),
        roster_import=RosterImport.objects.create(
            committee=city, uploaded_by=staff, file_name="a.xlsx"
        ),
        bulk_notice=BulkNotice.objects.create(
            committee=city,
            kind="core.office_notice",
            title="机关通知",
            audience="committee",
            audience_id=city.pk,
            audience_label=city.display_name,
            created_by=staff,
        ),
        member_grant=RoleGrant.objects.get(user=world.users["member"]),
        api_token=issue_token(user=world.users["member"], device_name="委员的手机").record,
    )


def _jobs(world: World, city) -> None:
    """A member's enterprise hiring, the resident applying (her résumé in the talent pool) and
    invited to a second job, the leader reporting the job."""
    staff, member, resident = (world.users[k] for k in ("staff", "member", "resident"))
    town = core.make_town(committee=city, name="万店镇")
    employer = jobs_factories.make_employer(
        committee=city, owner=member, town=town, office=staff, name="编钟酒业有限公司"
    )
    job = jobs_factories.make_job(employer=employer, office=staff, title="酿酒学徒")
    pending = jobs_factories.make_job(employer=employer, publish=False, title="待审岗位仓储员")
    unverified = jobs_factories.make_employer(
        committee=city, verified=False, town=town, name="待核验的香菇合作社"
    )
    resume = jobs_factories.make_resume(user=resident, is_public=True)
    second = jobs_factories.make_job(employer=employer, office=staff, title="灌装工")
    world.records.update(
        resume=resume,
        invitation=invite_to_apply(actor=member, job_id=second.pk, resume_id=resume.pk),
        employer=employer,
        job=job,
        job_category=job.category,
        pending_job=pending,
        pending_employer=unverified,
        application=apply_to_job(seeker=resident, job=job),
        job_report=report_job(reporter=world.users["leader"], job=job, reason="疑似收费"),
    )


def build_world() -> World:
    city = core.make_committee(code="city", name="测试市政协")
    county = core.make_committee(code="county", parent=city, name="测试县政协")
    plenary = proposal_factories.make_plenary(committee=city)
    world = World()
    world.records.update(
        city=city, county=county, now=timezone.now(), plenary=plenary, term=plenary.term
    )
    _people(world, city, county)
    _proposals(world, city)
    _opinions(world, city)
    _activities(world, city)
    _plans_essays_reading(world, city)
    _grassroots(world, city)
    _duty(world, city)
    _portal(world, city)
    _jobs(world, city)
    _office(world, city)
    return world


class Const(str):
    """A URL argument taken as written, not the id of a record of the world."""


# Which record each route's arguments name: a record of the world (its id), "user:<role>" (that
# person's user id) or a Const. A route absent here takes no arguments. A key "route@variant"
# asks the same route about another record (the draft beside the registered proposal).
ROUTE_ARGUMENTS = {
    "core:activate_code": {"code": Const("ABCDE-FGHJK")},
    "proposals:public_detail": {"pk": "replied"},
    "proposals:download": {"attachment_id": "proposal_attachment"},
    "proposals:remove_file": {"attachment_id": "proposal_attachment"},
    "proposals:detail": {"pk": "assigned"},
    "proposals:letter": {"pk": "letter"},
    "proposals:detail@draft": {"pk": "draft"},
    "proposals:edit": {"pk": "draft"},
    "proposals:autosave": {"pk": "draft"},
    "proposals:similar_draft": {"pk": "draft"},
    "proposals:upload": {"pk": "draft"},
    "proposals:cosign": {"pk": Const(UNKNOWN_PK)},  # no invitation is out
    "proposals:assign": {"pk": "assigned"},
    "proposals:approve": {"pk": "reply"},
    "proposals:reply": {"pk": "assigned"},
    "proposals:contact": {"pk": "assigned"},
    "proposals:co_opinion": {"pk": "assigned"},
    "proposals:reassign": {"pk": "assigned"},
    "proposals:rate": {"pk": "replied"},
    "proposals:key_select": {"pk": "assigned"},
    "proposals:supervise": {"pk": "assigned"},
    "proposals:import_progress": {"token": Const(UNKNOWN_IMPORT)},
    "proposals:proposal_docx": {"pk": "assigned"},
    "proposals:proposal_docx@draft": {"pk": "draft"},
    "proposals:reply_docx": {"pk": "replied", "reply_id": "reply"},
    "proposals:similar": {"pk": "assigned"},
    "proposals:intake_review": {"pk": "assigned"},
    "proposals:intake_draft": {"pk": "draft"},
    "proposals:intake_accept_category": {"pk": "assigned"},
    "proposals:intake_accept_units": {"pk": "assigned"},
    "opinions:detail": {"pk": "report"},
    "core:workflow_act": {"name": Const("opinion_report"), "pk": "report", "step": Const("adopt")},
    "core:workflow_act@override": {
        "name": Const("opinion_report"),
        "pk": "report",
        "step": Const("override"),
    },
    "core:workflow_guide": {"app_label": Const("opinions")},
    "opinions:edit": {"pk": "report"},
    "opinions:answer": {"pk": "forwarded"},
    "instructions:detail": {"pk": "leader_instruction"},
    "instructions:write": {"kind": Const("opinion_report"), "pk": "adopted"},
    "instructions:transcribe": {"kind": Const("opinion_report"), "pk": "adopted"},
    "opinions:discard": {"pk": "report"},
    "opinions:escalate": {"pk": "adopted"},
    "opinions:hand_off": {"pk": "adopted"},
    "opinions:upper_adoption": {"pk": "escalation"},
    "opinions:bulletin": {"pk": "bulletin"},
    "opinions:bulletin_docx": {"pk": "bulletin"},
    "activities:detail": {"pk": "activity"},
    "activities:topic": {"pk": "topic"},
    "activities:follow_up": {"pk": "activity"},
    "activities:invite": {"pk": "activity"},
    "activities:sign_up": {"pk": "activity"},
    "activities:leave": {"pk": "activity"},
    "activities:leave_slips": {"pk": "activity"},
    "activities:screen": {"pk": "activity"},
    "activities:qr": {"pk": "activity"},
    "activities:signin": {"pk": "activity", "token": Const(BAD_TOKEN)},
    "activities:staff_signin": {"pk": "activity"},
    "activities:cancel_attendance": {"attendance_pk": "attendance"},
    "activities:add_guest": {"pk": "activity"},
    "activities:guest_signin": {"guest_pk": "guest"},
    "activities:guest_cancel": {"guest_pk": "guest"},
    "activities:speech": {"pk": "activity"},
    "activities:outcome_create": {"pk": "activity"},
    "activities:outcome": {"pk": "outcome"},
    "activities:outcome_follow_up": {"pk": "outcome"},
    "activities:outcome_attach": {"pk": "outcome"},
    "activities:outcome_word": {"pk": "outcome"},
    "activities:attachment": {"pk": "outcome_file"},
    "activities:essay_call": {"pk": "essay_call"},
    "activities:essay_reviewers": {"pk": "essay_call"},
    "activities:essay_scores": {"pk": "essay_call"},
    "activities:essay_action": {"pk": "essay_call", "action": Const("score")},
    "activities:reading_group": {"pk": "reading_group"},
    "activities:reading_group_edit": {"pk": "reading_group"},
    "activities:reading_session_create": {"pk": "reading_group"},
    "activities:reading_session_edit": {"pk": "reading_session"},
    "activities:reading_note": {"pk": "reading_session"},
    "grassroots:venue_detail": {"pk": "venue"},
    "grassroots:venue_edit": {"pk": "venue"},
    "grassroots:venue_case_create": {"pk": "venue"},
    "grassroots:session_create": {"pk": "venue"},
    "grassroots:session_detail": {"pk": "session"},
    "grassroots:session_minutes": {"pk": "session"},
    "grassroots:case_detail": {"pk": "case"},
    "grassroots:case_accept": {"pk": "case"},
    "grassroots:case_session": {"pk": "case"},
    "grassroots:case_rate": {"pk": "case"},
    "grassroots:case_job_referral": {"pk": "case"},
    "grassroots:action_progress": {"pk": "action"},
    "grassroots:case_public": {"pk": "case"},
    "grassroots:case_photo": {"pk": "case_photo"},
    "grassroots:session_photo": {"pk": "session_photo"},
    "duty:export": {"kind": Const("standings")},
    "duty:deed_detail": {"pk": "deed"},
    "duty:deed_photo": {"pk": "deed_photo"},
    "duty:member_file": {"pk": "member"},
    "duty:showcase_feature": {"pk": "member"},
    "duty:member_file_docx": {"pk": "member"},
    "duty:member_file_pdf": {"pk": "member"},
    "duty:recognition_withdraw": {"pk": "recognition"},
    "duty:scheme_activate": {"pk": "scheme"},
    "duty:rule_add": {"scheme_pk": "scheme"},
    "duty:rule_save": {"scheme_pk": "scheme", "pk": "rule"},
    "duty:rule_delete": {"pk": "rule"},
    "duty:group_save": {"pk": "group"},
    "duty:task_save": {"pk": "task"},
    "portal:board": {"pk": "public_board"},
    "portal:board@members": {"pk": "members_board"},
    "portal:thread_create": {"pk": "public_board"},
    "portal:credit_rules": {"pk": "public_board"},
    "portal:thread": {"pk": "thread"},
    "portal:thread@members": {"pk": "secret_thread"},
    "portal:reader": {"pk": "thread"},
    "portal:reader@members": {"pk": "secret_thread"},
    "portal:reply": {"pk": "thread"},
    "portal:thread_moderate": {"pk": "thread"},
    "portal:post_moderate": {"pk": "post"},
    "portal:post_edit": {"pk": "post"},
    "portal:post_report": {"pk": "post"},
    "portal:attachment": {"pk": "portal_attachment"},
    "portal:profile": {"pk": "user:member"},
    "portal:showcase_member": {"pk": "member"},
    "portal:user_ban": {"pk": "user:resident"},
    "portal:exhibition": {"pk": "exhibition"},
    "portal:exhibition_edit": {"pk": "exhibition"},
    "portal:item_add": {"pk": "exhibition"},
    "portal:item_image": {"pk": "exhibit_item"},
    "jobs:job_detail": {"pk": "job"},
    "jobs:job_detail@pending": {"pk": "pending_job"},
    "jobs:job_report": {"pk": "job"},
    "jobs:apply": {"pk": "job"},
    "jobs:job_edit": {"pk": "pending_job"},
    "jobs:application_detail": {"pk": "application"},
    "jobs:talent_invite": {"pk": "resume"},
    "jobs:invitation_accept": {"pk": "invitation"},
    "jobs:invitation_decline": {"pk": "invitation"},
    "jobs:employer_detail": {"pk": "employer"},
    "jobs:employer_licence": {"pk": "employer"},
    "jobs:job_create": {"pk": "employer"},
    "insights:module": {"name": Const("proposals")},
    "insights:review_job": {"pk": "review_job"},
    "insights:review_download": {"pk": "review_job", "kind": Const("docx")},
    "core:member_detail": {"pk": "member"},
    "core:workflow_act@proposal": {
        "name": Const("proposal"),
        "pk": "assigned",
        "step": Const("override"),
    },
    "core:workflow_guide@proposals": {"app_label": Const("proposals")},
    "core:member_edit": {"pk": "member"},
    "core:member_set_active": {"pk": "member", "active": Const("0")},
    "core:roster_import": {"pk": "roster_import"},
    "core:roster_import_progress": {"pk": "roster_import"},
    "core:bulk_notice_detail": {"pk": "bulk_notice"},
    "core:bulk_notice_progress": {"pk": "bulk_notice"},
    "core:record_list": {"kind": Const("venues")},
    "core:rule_edit": {"key": Const("proposals.cosign_days")},
    "core:rule_restore": {"key": Const("proposals.cosign_days")},
    "core:record_create": {"kind": Const("venues")},
    "core:record_edit": {"kind": Const("venues"), "pk": "venue"},
    "core:record_list@boards": {"kind": Const("boards")},
    "core:record_edit@boards": {"kind": Const("boards"), "pk": "public_board"},
    "core:record_edit@board-groups": {"kind": Const("board-groups"), "pk": "board_group"},
    "core:record_list@job-categories": {"kind": Const("job-categories")},
    "core:record_edit@job-categories": {"kind": Const("job-categories"), "pk": "job_category"},
    "core:role_revoke": {"pk": "member_grant"},
    "core:device_revoke": {"pk": "api_token"},
    "core:committee_edit": {"pk": "city"},
    "core:committee_move": {"pk": "city"},
    "core:term_edit": {"pk": "term"},
    "core:plenary_edit": {"pk": "plenary"},
}


def url_kwargs(world: World, key: str) -> dict:
    """The arguments to reverse the route (or route@variant) with, read from the world."""
    kwargs = {}
    for name, value in ROUTE_ARGUMENTS.get(key, {}).items():
        if isinstance(value, Const):
            kwargs[name] = str(value)
        elif value.startswith("user:"):
            kwargs[name] = world.users[value.removeprefix("user:")].pk
        else:
            kwargs[name] = world.records[value].pk
    return kwargs
