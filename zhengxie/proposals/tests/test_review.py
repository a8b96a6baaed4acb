import pytest
from django.core.exceptions import PermissionDenied

from zhengxie.core import factories as core
from zhengxie.core.models import Notification, Role
from zhengxie.duty.models import DutyRecord
from zhengxie.proposals import factories, services
from zhengxie.proposals.models import ConversionState, ProposalState, ProposerKind

pytestmark = pytest.mark.django_db


def test_registration_numbers_follow_each_other_per_plenary(city, staff):
    first = factories.make_registered(committee=city, office=staff)
    second = factories.make_registered(committee=city, office=staff)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert second.state == ProposalState.REGISTERED


def test_registration_credits_first_proposer_and_cosigner_and_withdrawal_revokes(city, staff):
    # given a joint proposal with a confirmed co-signer
    cosigner = core.make_member(committee=city, with_account=True)
    proposal = factories.make_submitted(
        committee=city, kind=ProposerKind.JOINT, cosigners=[cosigner]
    )
    services.respond_cosignature(
        cosignature=proposal.cosignatures.get(), actor=cosigner.user, accept=True
    )
    # when the office registers it
    services.register_proposal(proposal=proposal, actor=staff)
    # then both are credited with their roles
    roles = dict(DutyRecord.objects.filter(sign=1).values_list("member_id", "role"))
    assert roles == {proposal.created_by.member.pk: "joint", cosigner.pk: "cosigner"}
    # and when the proposer withdraws it, both credits are reversed
    services.withdraw_proposal(proposal=proposal, actor=proposal.created_by, reason="已解决")
    assert DutyRecord.objects.filter(sign=-1).count() == 2


def test_a_member_cannot_register(city):
    proposal = factories.make_submitted(committee=city)
    with pytest.raises(PermissionDenied):
        services.register_proposal(proposal=proposal, actor=proposal.created_by)


def test_staff_of_another_committee_cannot_register(city, county, make_user):
    proposal = factories.make_submitted(committee=city)
    with pytest.raises(PermissionDenied):
        services.register_proposal(proposal=proposal, actor=make_user(Role.STAFF, county))


def test_second_decision_on_the_same_proposal_is_told_already_handled(city, staff, make_user):
    # given a proposal that one staff member has registered
    proposal = factories.make_submitted(committee=city)
    services.register_proposal(proposal=proposal, actor=staff, expected_state="submitted")
    # when a colleague who saw it as submitted declines it
    with pytest.raises(services.AlreadyHandled) as error:
        services.decline_proposal(
            proposal=proposal,
            actor=make_user(Role.STAFF, city),
            grounds=["vague"],
            reason="内容空泛",
            expected_state="submitted",
        )
    # then the message says so and the registration stands
    assert "已被他人处理" in error.value.message
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REGISTERED


def test_decline_needs_a_standard_ground_and_tells_every_proposer(
    city, staff, django_capture_on_commit_callbacks
):
    proposal = factories.make_submitted(committee=city)
    with pytest.raises(services.WorkflowError):
        services.decline_proposal(proposal=proposal, actor=staff, grounds=[], reason="x")
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_proposal(
            proposal=proposal, actor=staff, grounds=["vague", "academic"], reason="请补充具体建议"
        )
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DECLINED
    assert proposal.decline_grounds == ["vague", "academic"]
    note = Notification.objects.get(recipient=proposal.created_by)
    assert "不予立案" in note.title and "请补充具体建议" in note.body


def test_merged_proposal_keeps_its_proposers_who_are_told_with_the_main_one(city, staff):
    main = factories.make_registered(committee=city, office=staff)
    other = factories.make_submitted(committee=city)
    services.merge_proposal(proposal=other, into=main, actor=staff, reason="内容相近")
    other.refresh_from_db()
    assert other.state == ProposalState.MERGED and other.merged_into == main
    assert other.proposers.count() == 1
    recipients = services.notices.recipients_of(main)
    assert other.created_by in recipients and main.created_by in recipients


def test_return_for_revision_needs_a_reason_and_lets_the_proposer_resubmit(city, staff):
    proposal = factories.make_submitted(committee=city)
    with pytest.raises(services.WorkflowError):
        services.return_for_revision(proposal=proposal, actor=staff, reason=" ")
    services.return_for_revision(proposal=proposal, actor=staff, reason="请补充数据")
    services.save_draft(proposal=proposal, author=proposal.created_by, analysis="补充了数据")
    services.submit_proposal(proposal=proposal, actor=proposal.created_by)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED


def test_office_override_moves_to_any_state_and_history_keeps_the_reason(city, staff, make_user):
    proposal = factories.make_submitted(committee=city)
    services.override_state(proposal=proposal, target="closed", actor=staff, reason="纸质办结补录")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.CLOSED
    assert proposal.history.first().history_change_reason.endswith("纸质办结补录")
    with pytest.raises(PermissionDenied):
        services.override_state(
            proposal=proposal, target="draft", actor=make_user(Role.LEADER, city), reason="x"
        )


def test_conversion_lands_an_opinion_report_in_the_editing_intake(city, staff):
    # given a submitted proposal whose proposer is on the roster
    from zhengxie.opinions.models import OpinionReport, OpinionState

    proposal = factories.make_submitted(committee=city)
    proposer_ids = set(proposal.proposers.values_list("member_id", flat=True)) - {None}
    # when the office converts it
    services.convert_to_opinion(proposal=proposal, actor=staff, reason="转社情民意")
    # then one report waits in editing, linked back, written by the proposers
    proposal.refresh_from_db()
    report = OpinionReport.objects.get(source_id=proposal.pk)
    assert proposal.state == ProposalState.TO_OPINION
    assert (proposal.conversion_state, proposal.conversion_ref) == (
        ConversionState.DELIVERED,
        str(report.pk),
    )
    assert report.state == OpinionState.EDITING and report.title == proposal.title
    assert set(report.members.values_list("pk", flat=True)) == proposer_ids
