"""Who gets what from every named URL: the expected answer to a GET for each role of the world
in permission_world.py, and which roles' POSTs must be refused.

Read a row as "route: these roles get the page, everyone else is refused". The helpers name
the common shapes: `public` (everyone, guests included), `signed_in` (every account; guests go
to the login page), `only(...)` (the listed roles; other accounts get a 403 or a 404, guests
the login page) and `post_only(...)` (a GET answers 405; only the listed roles may POST).
Keyword overrides give one role another answer.

A route that is added without a row here, or a row whose route is gone, fails the suite
(test_permission_matrix.py walks the URL conf). "route@variant" rows ask the same route about
another record of the world (a draft beside a registered proposal).
"""

from dataclasses import dataclass

from .permission_world import ROLES

OK = "200"
LOGIN = "login"  # a redirect to the login page
DENY = "403/404"  # refused with a 403 or a 404 page: the apps use both, each consistently
FORBIDDEN = "403"
NOT_FOUND = "404"
NOT_ALLOWED = "405"
BAD_REQUEST = "400"
REDIRECT = "302"  # a redirect elsewhere than the login page
REFUSALS = frozenset({LOGIN, DENY, FORBIDDEN, NOT_FOUND})

SIGNED_IN = frozenset(ROLES) - {"guest"}
CITY_OFFICE = frozenset({"staff", "admin"})
OFFICE = CITY_OFFICE | {"county_staff"}  # pages each office sees for its own committee
# Every account holding a role inside the city committee reads its internal records.
INSIDERS = frozenset({"member", "unit", "staff", "leader", "convenor", "admin"})


@dataclass(frozen=True)
class Spec:
    get: dict  # role -> expected answer (a code above)
    writers: frozenset  # roles whose POST is not tested: they may act (or the route is public)
    # (record of the world, roles that must not find its title in a page they do get)
    conceals: tuple[str, frozenset] | None = None


def _spec(default: dict, overrides: dict, writers, conceals) -> Spec:
    get = {**default, **overrides}
    allowed = frozenset(role for role, answer in get.items() if answer not in REFUSALS)
    writers = allowed if writers is None else frozenset(writers)
    return Spec(get=get, writers=writers, conceals=conceals)


def public(*, answer: str = OK, writers=None, conceals=None, **overrides) -> Spec:
    return _spec(dict.fromkeys(ROLES, answer), overrides, writers, conceals)


def signed_in(*, writers=None, conceals=None, **overrides) -> Spec:
    default = {"guest": LOGIN} | dict.fromkeys(SIGNED_IN, OK)
    return _spec(default, overrides, writers, conceals)


def only(*roles: str, writers=None, conceals=None, **overrides) -> Spec:
    default = {"guest": LOGIN} | {role: OK if role in roles else DENY for role in SIGNED_IN}
    return _spec(default, overrides, writers, conceals)


def post_only(*writers: str, **overrides) -> Spec:
    default = {"guest": LOGIN} | dict.fromkeys(SIGNED_IN, NOT_ALLOWED)
    return _spec(default, overrides, writers, None)


# Figures and rosters: every committee's office and the city's leaders, each for their own.
FIGURE_READERS = OFFICE | {"leader"}
# A grassroots case's venue is run by its convenor and its committee's office; its reporter
# (the world's resident) rates it with them.
VENUE_PEOPLE = ("staff", "convenor", "admin")
RATERS = ("resident", *VENUE_PEOPLE)
# Members' forum board: members and the board committee's staff.
MEMBERS_BOARD = frozenset({"member", "staff", "admin"})
# Who must not find the city's internal records in a list they may open: the county's office
# opens its own lists, and there must find none of the city's records.
COUNTY = frozenset({"county_staff"})
OUTSIDERS = COUNTY | {"resident", "departed"}
# Guests are refused the members' board outright: there is no login that would open it.
MEMBERS_ONLY = {"guest": DENY}

MATRIX = {
    # --- activities -----------------------------------------------------------------------
    "activities:attachment": only(*INSIDERS),
    "activities:add_guest": post_only(*CITY_OFFICE),
    "activities:cancel_attendance": post_only(*CITY_OFFICE),
    "activities:guest_cancel": post_only(*CITY_OFFICE),
    "activities:guest_signin": post_only(*CITY_OFFICE),
    "activities:create": only(*OFFICE),
    "activities:detail": only("member", "staff", "leader", "admin"),
    "activities:essay_action": post_only(*CITY_OFFICE),
    "activities:essay_call": only(*INSIDERS),
    "activities:essay_calls": signed_in(conceals=("essay_call", OUTSIDERS), departed=OK),
    "activities:essay_reviewers": only(*CITY_OFFICE),
    "activities:essay_scores": only(),  # the call names no reviewer
    "activities:attendance_export": only(*OFFICE),
    "activities:figures": only(*OFFICE),
    # The follow-up step's page sends the office on to the activity's outcome (or back).
    "activities:follow_up": only(*CITY_OFFICE, staff=REDIRECT, admin=REDIRECT),
    "activities:invite": post_only(*CITY_OFFICE),
    "activities:kinds": only(*OFFICE),
    "activities:leave": post_only("member"),
    "activities:leave_slips": post_only(*CITY_OFFICE),
    "activities:leaves": signed_in(),
    "activities:list": signed_in(conceals=("activity", OUTSIDERS)),
    "activities:outcome": only(*INSIDERS),
    "activities:outcome_attach": post_only(*CITY_OFFICE),
    "activities:outcome_create": only(*CITY_OFFICE),
    "activities:outcome_follow_up": post_only(*CITY_OFFICE),
    "activities:outcome_new": only(*OFFICE),
    "activities:outcome_word": only(*INSIDERS),
    "activities:outcomes": signed_in(conceals=("outcome", OUTSIDERS), departed=OK),
    "activities:plan": only(*OFFICE),
    "activities:topic": only("staff", "admin", "leader"),  # the city's topic, its readers
    "activities:qr": only(*CITY_OFFICE),
    "activities:reading_group": only(*INSIDERS),
    "activities:reading_group_create": only(*OFFICE),
    "activities:reading_group_edit": only(*CITY_OFFICE),
    "activities:reading_groups": signed_in(conceals=("reading_group", OUTSIDERS), departed=OK),
    "activities:reading_note": post_only("member"),
    "activities:reading_session_create": only(*CITY_OFFICE),
    "activities:reading_session_edit": only(*CITY_OFFICE),
    "activities:screen": only(*CITY_OFFICE),
    "activities:sign_up": post_only("member"),
    # A wrong token names no activity (test_a_wrong_signin_token_signs_nobody_in posts one).
    # A wrong token is refused before anything of the activity shows.
    "activities:signin": signed_in(
        conceals=("activity", SIGNED_IN), **dict.fromkeys(SIGNED_IN, BAD_REQUEST)
    ),
    "activities:speech": post_only("member", "staff", "leader", "admin"),
    "activities:staff_signin": post_only(*CITY_OFFICE),
    "activities:warnings": only(*OFFICE),
    # The activities menu's 业务流程 entry leads on to the engine's guide page.
    "activities:workflows": signed_in(**dict.fromkeys(SIGNED_IN, REDIRECT)),
    # --- core -----------------------------------------------------------------------------
    "core:account_issue": only(*OFFICE),
    "core:account_list": only(*OFFICE),
    "core:bulk_notice_list": only(*OFFICE),
    # A notice of the city: a county's office is refused it.
    "core:bulk_notice_detail": only(*CITY_OFFICE),
    "core:bulk_notice_progress": only(*CITY_OFFICE),
    "core:activate": public(),
    "core:activate_code": public(),
    "core:directory": only(*OFFICE),
    "core:healthz": public(),
    "core:readyz": public(),
    # Not for any role: only the scraper's address or token opens it (test_metrics.py); with
    # neither configured, as here, every account is refused.
    "core:metrics": public(answer=FORBIDDEN),
    "core:home": public(),
    "core:devices": signed_in(),
    # The member's app sign-in of the world: only they may sign it out; others find none.
    "core:device_revoke": post_only("member"),
    "core:inbox": signed_in(),
    "core:inbox_read": post_only(*SIGNED_IN),
    "core:notification_settings": signed_in(),
    "core:notification_rules": only(*OFFICE),
    "core:todo": signed_in(),
    "core:login": public(),
    "core:logout": post_only(*ROLES, guest=NOT_ALLOWED),
    "core:member_create": only(*OFFICE),
    "core:member_detail": only("staff", "leader", "admin"),
    "core:member_edit": only(*CITY_OFFICE),
    "core:member_list": only(*FIGURE_READERS, conceals=("member", COUNTY)),
    "core:member_set_active": post_only(*CITY_OFFICE),
    "core:mobile_bind": signed_in(),
    "core:password_change": signed_in(),
    "core:password_reset": public(),
    "core:record_create": only(*OFFICE),
    "core:record_edit": only(*CITY_OFFICE),
    "core:record_list": only(*OFFICE),
    # The dictionaries the portal and the job board register: each office lists its own; only
    # the city's office edits the city's board, board group and job category.
    "core:record_list@boards": only(*OFFICE),
    "core:record_edit@boards": only(*CITY_OFFICE),
    "core:record_edit@board-groups": only(*CITY_OFFICE),
    "core:record_list@job-categories": only(*OFFICE),
    "core:record_edit@job-categories": only(*CITY_OFFICE),
    "core:register": public(),
    "core:role_revoke": post_only(*CITY_OFFICE),
    # Each office sets its own committee's rules.
    "core:rule_list": only(*OFFICE),
    "core:rule_edit": only(*OFFICE),
    "core:rule_restore": post_only(*OFFICE),
    # The committee tree is the platform administrator's; terms and plenaries each office
    # keeps for its own committee (the county's office is refused the city's).
    "core:committee_list": only("admin"),
    "core:committee_create": only("admin"),
    "core:committee_edit": only("admin"),
    # Placing a committee under a new parent: the platform's superuser alone.
    "core:committee_move": post_only("admin"),
    "core:session_list": only(*OFFICE),
    "core:term_create": only(*OFFICE),
    "core:term_edit": only(*CITY_OFFICE),
    "core:plenary_create": only(*OFFICE),
    "core:plenary_edit": only(*CITY_OFFICE),
    # A submitted report of the city: its office adopts it, and may override its state.
    "core:workflow_act": only(*CITY_OFFICE),
    "core:workflow_act@override": only(*CITY_OFFICE),
    "core:workflow_guide": only(*OFFICE),
    "core:roster_export": only(*OFFICE),
    "core:roster_import": only(*CITY_OFFICE),
    "core:roster_import_progress": only(*CITY_OFFICE),
    "core:roster_upload": only(*OFFICE),
    "core:workflow_act@proposal": only(*CITY_OFFICE),  # the office's override of a city proposal
    "core:workflow_guide@proposals": only(*OFFICE),
    "core:sms_login": public(),
    # --- duty -----------------------------------------------------------------------------
    # A deed at the convenor's venue: its member, the convenor, the office and the leaders.
    "duty:deed_detail": only("member", "convenor", "staff", "leader", "admin"),
    "duty:deed_new": only("member"),
    "duty:deed_photo": only("member", "convenor", "staff", "leader", "admin"),
    "duty:deed_queue": only(*OFFICE, "convenor", conceals=("other_deed", COUNTY | {"convenor"})),
    "duty:deeds": only("member"),
    "duty:evaluation_save": post_only(*OFFICE),
    "duty:export": only(*FIGURE_READERS),
    "duty:group_save": post_only(*CITY_OFFICE),
    "duty:me": only("member"),
    "duty:member_file": only("member", "staff", "leader", "admin"),
    "duty:member_file_docx": only("member", "staff", "leader", "admin"),
    "duty:member_file_pdf": only("member", "staff", "leader", "admin"),
    "duty:publish": post_only(*OFFICE),
    "duty:recognition_withdraw": post_only(*CITY_OFFICE),
    "duty:recognitions": only(*FIGURE_READERS),
    "duty:recompute": post_only(*OFFICE),
    "duty:rule_add": post_only(*CITY_OFFICE),
    "duty:rule_delete": post_only(*CITY_OFFICE),
    "duty:rule_save": post_only(*CITY_OFFICE),
    "duty:rules": only(*OFFICE),
    "duty:scheme_activate": post_only(*CITY_OFFICE),
    "duty:showcase_feature": post_only(*CITY_OFFICE),
    "duty:showcase_switch": post_only("member"),
    "duty:standings": only(*FIGURE_READERS, conceals=("member", COUNTY)),
    "duty:task_save": post_only(*CITY_OFFICE),
    "duty:warnings": only(*FIGURE_READERS, conceals=("member", COUNTY)),
    "duty:warnings_issue": post_only(*OFFICE),
    # --- grassroots -----------------------------------------------------------------------
    "grassroots:action_progress": post_only("staff", "convenor", "admin"),
    # The steps with their own page: the world's case is in consultation, so the people the
    # case workflow names are sent back to it (or on to the session form), others refused.
    "grassroots:case_accept": only(*VENUE_PEOPLE, **dict.fromkeys(VENUE_PEOPLE, REDIRECT)),
    "grassroots:case_session": only(*VENUE_PEOPLE, **dict.fromkeys(VENUE_PEOPLE, REDIRECT)),
    # The resident reported the case: they follow it and rate it.
    "grassroots:case_detail": only("resident", *INSIDERS),
    "grassroots:case_list": only("county_staff", *INSIDERS, conceals=("case", COUNTY)),
    "grassroots:case_photo": only("resident", *INSIDERS),
    "grassroots:case_job_referral": post_only(*VENUE_PEOPLE),
    "grassroots:case_public": public(),
    "grassroots:case_rate": only(*RATERS, **dict.fromkeys(RATERS, REDIRECT)),
    "grassroots:contacts": only("member"),
    "grassroots:figures": only(*FIGURE_READERS),
    "grassroots:members_by_town": only(*FIGURE_READERS),
    "grassroots:my_reports": signed_in(),
    "grassroots:overdue_actions": only(*OFFICE, "convenor"),
    "grassroots:report": signed_in(),
    "grassroots:session_create": only("staff", "convenor", "admin"),
    "grassroots:session_detail": only("resident", *INSIDERS),
    "grassroots:session_minutes": only("staff", "convenor", "admin"),
    "grassroots:session_photo": only(*INSIDERS),
    "grassroots:venue_case_create": only("staff", "convenor", "admin"),
    "grassroots:venue_detail": only(*INSIDERS),
    "grassroots:venue_edit": only("staff", "convenor", "admin"),
    "grassroots:venue_list": only("county_staff", *INSIDERS, conceals=("venue", COUNTY)),
    # --- insights -------------------------------------------------------------------------
    "insights:cockpit": only(*FIGURE_READERS),
    "insights:module": only(*FIGURE_READERS),
    "insights:review": only(*FIGURE_READERS),
    "insights:review_download": only("staff", "leader", "admin"),
    # Readers read the draft; only an office's staff write and publish it (their own office's).
    "insights:review_draft": only(*FIGURE_READERS, writers=("staff", "county_staff")),
    "insights:review_publish": post_only("staff", "county_staff"),
    "insights:review_generate": post_only(*FIGURE_READERS),
    "insights:review_job": only("staff", "leader", "admin"),
    # --- jobs: the world's member runs the employer, the resident applied to its job -------
    "jobs:applications_received": signed_in(),
    "jobs:application_detail": only("resident", "member"),
    "jobs:apply": post_only(*SIGNED_IN),
    "jobs:delete_data": signed_in(),
    "jobs:employer_detail": only("member", *CITY_OFFICE),
    "jobs:employer_licence": only("member", *CITY_OFFICE),
    "jobs:employer_register": signed_in(),
    "jobs:import_employers": only(*OFFICE),
    "jobs:job_create": only("member", *CITY_OFFICE),
    "jobs:job_detail": public(),
    "jobs:job_detail@pending": only("member", *CITY_OFFICE, guest=NOT_FOUND),
    "jobs:job_edit": only("member", *CITY_OFFICE),
    "jobs:job_report": post_only(*ROLES, guest=NOT_ALLOWED),
    "jobs:moderation": only(*OFFICE),
    "jobs:my_applications": signed_in(),
    "jobs:resume": signed_in(),
    "jobs:review_queue": only(*OFFICE, conceals=("pending_job", COUNTY)),
    "jobs:search": public(),
    # 全站搜索: open to all; what each finds is narrowed per kind (search/tests/test_everything).
    "search:search": public(),
    # 人才库: verified employers only (the member's enterprise); guests are refused, not sent
    # to sign in.
    "jobs:talent_invite": post_only("member", guest=NOT_ALLOWED),
    # The invited person answers on 我的投递; anyone else finds no such invitation.
    "jobs:invitation_accept": post_only("resident"),
    "jobs:invitation_decline": post_only("resident"),
    "jobs:talent_pool": only("member", guest=FORBIDDEN),
    "jobs:verification_queue": only(*OFFICE, conceals=("pending_employer", COUNTY)),
    "jobs:workspace": signed_in(),
    # --- opinions -------------------------------------------------------------------------
    # --- instructions ---------------------------------------------------------------------
    "instructions:queue": only(*OFFICE),
    "instructions:mine": only("leader", "admin"),
    "instructions:unit": only("unit"),
    "instructions:detail": only("unit", "staff", "leader", "admin"),
    "instructions:write": only("leader", "admin"),
    "instructions:transcribe": only(*CITY_OFFICE),
    "opinions:answer": only("unit"),
    "opinions:unit": only("unit"),
    "opinions:bulletin": only("staff", "leader", "admin"),
    "opinions:bulletin_docx": only("staff", "leader", "admin"),
    "opinions:bulletins": only(*OFFICE),
    "opinions:detail": only("member", "staff", "leader", "admin"),
    "opinions:discard": post_only(),  # the report is submitted: no draft to discard
    "opinions:edit": only(*CITY_OFFICE),
    "opinions:escalate": post_only(*CITY_OFFICE),
    "opinions:hand_off": post_only(*CITY_OFFICE),
    "opinions:mine": signed_in(),
    "opinions:new": only("member", *OFFICE),
    "opinions:overview": only(*FIGURE_READERS),
    "opinions:queue": only(*OFFICE, conceals=("report", COUNTY)),
    "opinions:upper_adoption": post_only(*CITY_OFFICE),
    # --- portal ---------------------------------------------------------------------------
    "portal:attachment": signed_in(),
    "portal:board": public(),
    "portal:board@members": only(*MEMBERS_BOARD, **MEMBERS_ONLY),
    "portal:credit_rules": public(),
    "portal:exhibition": public(),
    "portal:exhibition_create": only(*CITY_OFFICE),
    "portal:exhibition_edit": only(*CITY_OFFICE),
    "portal:hall": public(),
    "portal:home": public(),
    "portal:item_add": only(staff=BAD_REQUEST, admin=BAD_REQUEST),  # a GET carries no item
    "portal:item_image": public(),
    "portal:moderation": only(*CITY_OFFICE),
    "portal:post_edit": only("resident", *CITY_OFFICE),  # the resident wrote the post
    "portal:post_moderate": post_only(*CITY_OFFICE),
    "portal:post_report": post_only(*SIGNED_IN),
    # A member's posts on the members' board stay off the profile others read.
    "portal:profile": public(
        conceals=("secret_thread", frozenset(ROLES) - MEMBERS_BOARD),
        **dict.fromkeys(frozenset(ROLES) - MEMBERS_BOARD, OK),
    ),
    "portal:reader": public(),
    "portal:reader@members": only(*MEMBERS_BOARD, **MEMBERS_ONLY),
    "portal:reply": post_only(*SIGNED_IN, guest=NOT_ALLOWED),
    "portal:search": public(),
    "portal:showcase": public(),
    "portal:showcase_member": public(),
    "portal:thread": public(),
    "portal:thread@members": only(*MEMBERS_BOARD, **MEMBERS_ONLY),
    "portal:thread_create": signed_in(),
    "portal:thread_moderate": post_only(*CITY_OFFICE),
    "portal:user_ban": post_only(*CITY_OFFICE),
    # --- proposals ------------------------------------------------------------------------
    "proposals:assign": only(*CITY_OFFICE),
    "proposals:approve": only(*CITY_OFFICE),
    "proposals:autosave": post_only("member"),
    "proposals:co_opinion": only(),  # no reply waits for co-units' opinions
    "proposals:contact": only("unit"),
    "proposals:cosign": only(),  # no invitation is out
    "proposals:duplicates": only(*OFFICE),
    "proposals:detail": only("member", "unit", "staff", "leader", "admin"),
    "proposals:detail@draft": only("member", staff=NOT_FOUND, leader=NOT_FOUND),
    "proposals:download": only(  # attached to the draft
        "member", staff=NOT_FOUND, leader=NOT_FOUND
    ),
    "proposals:edit": only("member"),
    "proposals:figures": only(*FIGURE_READERS),
    "proposals:import_progress": only(),  # no import with that token
    "proposals:import_upload": only(*OFFICE),
    "proposals:intake_acceptance": only(*FIGURE_READERS),
    "proposals:intake_accept_category": post_only(*CITY_OFFICE),
    "proposals:intake_accept_units": post_only(*CITY_OFFICE),
    "proposals:intake_draft": post_only("member"),
    "proposals:intake_new": post_only(*OFFICE, "member"),
    "proposals:intake_review": only(*CITY_OFFICE),
    "proposals:key": only(*FIGURE_READERS),
    "proposals:key_select": only(*CITY_OFFICE),
    "proposals:letter": only("member", *CITY_OFFICE),
    "proposals:letters": only(*OFFICE, conceals=("letter", COUNTY)),
    "proposals:mine": signed_in(),
    "proposals:my_letters": signed_in(conceals=("letter", OUTSIDERS | {"unit", "leader"})),
    "proposals:new": only("member", "admin"),
    "proposals:office": only(*OFFICE, conceals=("assigned", COUNTY)),
    "proposals:proposal_docx": only("member", "unit", "staff", "leader", "admin"),
    "proposals:proposal_docx@draft": only("member", staff=NOT_FOUND, leader=NOT_FOUND),
    "proposals:public": public(),
    "proposals:public_detail": public(),
    "proposals:rate": only("member", "staff", "leader", "admin"),
    "proposals:reassign": only("unit"),
    "proposals:register": signed_in(conceals=("assigned", OUTSIDERS), departed=OK),
    "proposals:register_export": signed_in(),
    "proposals:remove_file": post_only("member"),
    "proposals:reply": only("unit"),
    "proposals:reply_docx": only("member", "staff", "leader", "admin"),
    "proposals:similar": only("member", "unit", "staff", "leader", "admin"),
    "proposals:similar_draft": post_only("member"),
    "proposals:similar_new": post_only(*OFFICE, "member"),
    "proposals:supervise": only(),  # not a key proposal
    "proposals:unit": only("unit"),
    "proposals:upload": post_only("member"),
    "proposals:workflow": public(answer=REDIRECT),  # to the guide page (业务流程)
    "set_language": public(answer=REDIRECT),
}
