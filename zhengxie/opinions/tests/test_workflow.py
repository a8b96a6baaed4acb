import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhengxie.core.factories import make_handling_unit, make_member
from zhengxie.core.models import Notification
from zhengxie.core.workflow import WorkflowError
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.opinions import services
from zhengxie.opinions.factories import make_author, make_report
from zhengxie.opinions.models import OpinionReport, OpinionState
from zhengxie.opinions.workflow import OPINION_REPORT


def duty(member, kind):
    return sum(DutyRecord.objects.filter(member=member, kind=kind).values_list("sign", flat=True))


def test_member_submission_lists_the_member_as_author_and_credits_the_submission(author):
    # given a member with a co-author
    co_author = make_member(committee=author.committee)
    # when
    report = make_report(author=author, co_authors=[co_author])
    # then
    report.refresh_from_db()
    assert report.state == OpinionState.SUBMITTED
    assert report.submitted_at is not None
    assert set(report.members.all()) == {author, co_author}
    assert duty(author, DutyKind.OPINION_SUBMITTED) == 1
    assert duty(co_author, DutyKind.OPINION_SUBMITTED) == 1


def test_draft_earns_nothing_until_submitted(author):
    report = make_report(author=author, submit=False)

    assert report.state == OpinionState.DRAFT
    assert duty(author, DutyKind.OPINION_SUBMITTED) == 0


def test_returned_report_carries_comments_and_resubmits_without_double_credit(
    author, office, django_capture_on_commit_callbacks
):
    # given
    report = make_report(author=author)
    first_date = report.submitted_at
    # when the editor returns it and the author resubmits
    with django_capture_on_commit_callbacks(execute=True):
        services.apply_action(
            report=report, actor=office, action="return", comment="请补充数据来源"
        )
    report.refresh_from_db()
    assert report.state == OpinionState.RETURNED
    assert "请补充数据来源" in report.editor_comments
    services.apply_action(report=report, actor=author.user, action="submit")
    # then
    report.refresh_from_db()
    assert report.state == OpinionState.SUBMITTED
    assert report.submitted_at == first_date
    assert duty(author, DutyKind.OPINION_SUBMITTED) == 1
    assert Notification.objects.filter(recipient=author.user, title__contains="退回").exists()


def test_return_without_comments_is_refused_and_changes_nothing(author, office):
    report = make_report(author=author)

    with pytest.raises(WorkflowError) as error:
        services.apply_action(report=report, actor=office, action="return", comment=" ")

    assert "编辑意见" in error.value.message
    report.refresh_from_db()
    assert report.state == OpinionState.SUBMITTED


def test_adoption_records_the_mode_and_credits_every_member_author(author, office):
    co_author = make_member(committee=author.committee)
    report = make_report(author=author, co_authors=[co_author])
    services.apply_action(report=report, actor=office, action="accept")

    report = services.apply_action(report=report, actor=office, action="adopt", mode="combined")

    report.refresh_from_db()
    assert (report.state, report.adoption_mode) == (OpinionState.ADOPTED, "combined")
    records = DutyRecord.objects.filter(kind=DutyKind.OPINION_ADOPTED)
    assert {(r.member_id, r.role) for r in records} == {
        (author.pk, "combined"),
        (co_author.pk, "combined"),
    }


def test_adoption_needs_a_mode(author, office):
    report = make_report(author=author)

    with pytest.raises(ValidationError):
        services.apply_action(report=report, actor=office, action="adopt", mode="")

    report.refresh_from_db()
    assert report.state == OpinionState.SUBMITTED


def test_a_decided_report_cannot_be_decided_again(author, office):
    report = make_report(author=author)
    services.apply_action(report=report, actor=office, action="decline", comment="一般性的表态")

    with pytest.raises(WorkflowError, match="不予采用"):
        services.apply_action(report=report, actor=office, action="adopt", mode="single")

    report.refresh_from_db()
    assert report.state == OpinionState.DECLINED
    assert duty(author, DutyKind.OPINION_ADOPTED) == 0


def test_forwarding_needs_a_department_of_the_same_committee(author, office, county):
    report = make_report(author=author)
    foreign_unit = make_handling_unit(committee=county)

    with pytest.raises(ValidationError):
        services.apply_action(report=report, actor=office, action="forward", unit=foreign_unit)
    unit = make_handling_unit(committee=author.committee, name="市民政局")
    services.apply_action(report=report, actor=office, action="forward", unit=unit)

    report.refresh_from_db()
    assert (report.state, report.forwarded_unit) == (OpinionState.FORWARDED, unit)


def test_withdrawal_before_editing_reverses_the_submission_credit(author):
    report = make_report(author=author)

    services.apply_action(report=report, actor=author.user, action="withdraw")

    report.refresh_from_db()
    assert (report.state, report.submitted_at) == (OpinionState.DRAFT, None)
    assert duty(author, DutyKind.OPINION_SUBMITTED) == 0


def test_authors_cannot_take_office_actions_and_office_of_another_committee_cannot_either(
    author, county_office
):
    report = make_report(author=author)

    with pytest.raises(PermissionDenied):
        services.apply_action(report=report, actor=author.user, action="adopt", mode="single")
    with pytest.raises(PermissionDenied):
        services.apply_action(report=report, actor=county_office, action="accept")
    report.refresh_from_db()
    assert report.state == OpinionState.SUBMITTED


def test_another_member_cannot_submit_someone_elses_draft(author):
    report = make_report(author=author, submit=False)
    stranger = make_author(committee=author.committee)

    with pytest.raises(PermissionDenied):
        services.apply_action(report=report, actor=stranger.user, action="submit")


def test_members_report_only_to_their_own_committee(author, county):
    with pytest.raises(PermissionDenied):
        services.create_report(committee=county, actor=author.user, title="标题", body="正文")


def test_body_over_the_committees_limit_names_the_field(author):
    with pytest.raises(ValidationError) as error:
        make_report(author=author, body="字" * 1501)

    assert "正文不超过1500字" in str(error.value.message_dict["body"])
    assert not OpinionReport.objects.exists()


def test_office_files_for_a_body_without_member_authors(office, city):
    report = services.create_report(
        committee=city,
        actor=office,
        title="关于城区停车难的建议",
        body="老城区停车位缺口大。",
        body_kind="party",
        body_name="民盟随州市委",
        submit=True,
    )

    report.refresh_from_db()
    assert report.author_line == "民盟随州市委"
    assert report.state == OpinionState.SUBMITTED


def test_co_authors_must_sit_on_the_reports_committee(author, county):
    outsider = make_member(committee=county)

    with pytest.raises(ValidationError) as error:
        make_report(author=author, co_authors=[outsider])

    assert "member_ids" in error.value.message_dict


def test_office_edits_in_intake_but_authors_no_longer_can(author, office):
    report = make_report(author=author)
    kwargs = {"title": "改后的标题", "body": "改后的正文", "member_ids": [author.pk]}

    with pytest.raises(PermissionDenied):
        services.update_report(report=report, actor=author.user, **kwargs)
    services.update_report(report=report, actor=office, **kwargs)

    report.refresh_from_db()
    assert report.title == "改后的标题"
    assert report.history.first().history_user == office


def test_the_editors_steps_from_editing_are_the_four_decisions():
    assert {t.name for t in OPINION_REPORT.transitions_from(OpinionState.EDITING)} == {
        "return",
        "adopt",
        "forward",
        "decline",
    }


def test_an_editor_who_is_also_a_member_does_not_become_an_author_by_editing(author, office):
    # given an office editor who also sits on the committee
    from zhengxie.core.models import Member

    editor_seat = make_member(committee=author.committee)
    Member.objects.filter(pk=editor_seat.pk).update(user=office)
    report = make_report(author=author)
    # when
    services.update_report(
        report=report, actor=office, title="改", body="改", member_ids=[author.pk]
    )
    # then
    report.refresh_from_db()
    assert list(report.members.all()) == [author]


def test_an_author_who_leaves_themselves_out_when_editing_stays_an_author(author):
    report = make_report(author=author, submit=False)

    services.update_report(report=report, actor=author.user, title="改", body="改", member_ids=[])

    report.refresh_from_db()
    assert list(report.members.all()) == [author]


def test_progress_line_ends_in_the_outcome_reached_and_marks_a_return_at_editing():
    from zhengxie.opinions.workflow import progress

    assert progress(OpinionState.DRAFT)[0] == ("草稿", "current")
    assert progress(OpinionState.RETURNED)[2] == ("退回修改", "current")
    assert progress(OpinionState.DECLINED) == [
        ("草稿", "done"),
        ("已报送", "done"),
        ("编辑中", "done"),
        ("不予采用", "current"),
    ]


def test_the_opinion_report_workflow_is_registered_with_an_office_override(office, author):
    from zhengxie.core.workflow import workflow_named, workflows_of_app

    workflow = workflow_named("opinion_report")
    report = make_report(author=author)

    assert workflows_of_app("opinions") == [workflow]
    assert workflow.override_by(office, report)
    assert not workflow.override_by(author.user, report)


def test_a_step_keeps_who_and_why_in_history(author, office):
    report = make_report(author=author)

    services.apply_action(report=report, actor=office, action="return", comment="请补充数据来源")

    latest = report.history.order_by("-history_id").first()
    assert latest.history_user == office
    assert latest.state == OpinionState.RETURNED
    assert latest.history_change_reason == "退回修改：请补充数据来源"


def test_the_office_override_into_adopted_runs_the_adoption_effects(author, office):
    from zhengxie.core.workflow import override

    # given a report the office can no longer reach by a step: declined by mistake
    report = make_report(author=author)
    services.apply_action(report=report, actor=office, action="decline", comment="误操作")
    # when the office overrides it into 已采用
    report = override(report, target=OpinionState.ADOPTED, actor=office, reason="复核后采用")
    # then it is a whole adopted report: a mode, a date, and the authors' adoption credit
    report.refresh_from_db()
    assert (report.state, report.adoption_mode) == (OpinionState.ADOPTED, "combined")
    assert report.decided_at is not None
    assert duty(author, DutyKind.OPINION_ADOPTED) == 1
    latest = report.history.order_by("-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (
        office,
        "强制调整状态（不予采用 → 已采用）：复核后采用",
    )


def test_the_office_override_back_to_draft_undoes_the_submission(author, office):
    from zhengxie.core.workflow import override

    report = make_report(author=author)

    override(report, target=OpinionState.DRAFT, actor=office, reason="作者申请撤回")

    report.refresh_from_db()
    assert (report.state, report.submitted_at) == (OpinionState.DRAFT, None)
    assert duty(author, DutyKind.OPINION_SUBMITTED) == 0


def test_a_step_on_a_report_someone_else_moved_first_is_refused(author, office):
    from zhengxie.core.workflow import AlreadyHandled, apply

    report = make_report(author=author)
    services.apply_action(report=report, actor=office, action="accept")

    with pytest.raises(AlreadyHandled):
        apply(report, "decline", office, reason="不报", expected_state=OpinionState.SUBMITTED)

    report.refresh_from_db()
    assert report.state == OpinionState.EDITING


def test_a_report_entered_late_is_dated_when_it_was_written_and_decided(author, office):
    # given a paper report of March 2021, typed in now, and the office's May decision
    import datetime as dt
    from zoneinfo import ZoneInfo

    written = dt.datetime(2021, 3, 8, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    decided = written + dt.timedelta(days=60)
    report = services.create_report(
        committee=author.committee,
        actor=author.user,
        title="关于农村饮水安全的建议",
        body="部分村组饮水水质不稳定。",
        submit=True,
        at=written,
    )
    # when the office adopts it as of May
    adopted = services.apply_action(
        report=report, actor=office, action="adopt", mode="single", at=decided
    )
    # then the record, its history rows and the duty credits carry those days, not today
    for record in (adopted, OpinionReport.objects.get(pk=report.pk)):
        assert (record.submitted_at, record.decided_at) == (written, decided)
    history = OpinionReport.history.filter(id=report.pk)
    reasons = dict(history.values_list("history_change_reason", "history_date"))
    assert reasons["报送"] == written and reasons["采用"] == decided
    credits = dict(DutyRecord.objects.filter(member=author).values_list("kind", "occurred_on"))
    assert credits == {
        DutyKind.OPINION_SUBMITTED: dt.date(2021, 3, 8),
        DutyKind.OPINION_ADOPTED: dt.date(2021, 5, 7),
    }
