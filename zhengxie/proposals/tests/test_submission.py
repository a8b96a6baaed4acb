import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from zhengxie.core import factories as core
from zhengxie.core.models import Notification, Plenary
from zhengxie.proposals import factories, services
from zhengxie.proposals.models import CoSignatureState, ProposalState, ProposerKind

pytestmark = pytest.mark.django_db


def test_title_must_read_guanyu_de_jianyi_and_names_the_field(city):
    # given a draft whose title does not follow 关于……的建议
    factories.make_plenary(committee=city)
    draft = factories.make_draft(committee=city, title="停车难问题")
    # when it is submitted, then the title field is named and nothing changes
    with pytest.raises(ValidationError) as error:
        services.submit_proposal(proposal=draft, actor=draft.created_by)
    assert "案由" in error.value.message_dict["title"][0]
    draft.refresh_from_db()
    assert draft.state == ProposalState.DRAFT


def test_title_longer_than_the_committee_limit_is_refused(city):
    factories.make_plenary(committee=city)
    draft = factories.make_draft(committee=city, title="关于" + "甲" * 48 + "的建议")
    with pytest.raises(ValidationError) as error:
        services.submit_proposal(proposal=draft, actor=draft.created_by)
    assert "50" in error.value.message_dict["title"][0]


def test_empty_analysis_section_is_refused(city):
    factories.make_plenary(committee=city)
    draft = factories.make_draft(committee=city, analysis="")
    with pytest.raises(ValidationError) as error:
        services.submit_proposal(proposal=draft, actor=draft.created_by)
    assert "analysis" in error.value.message_dict


def test_submission_inside_the_intake_window_is_a_plenary_proposal(city):
    # given a plenary whose intake window is open today
    today = timezone.localdate()
    core.make_plenary(committee=city, code="5-2", year=today.year)
    Plenary.objects.filter(code="5-2").update(
        intake_opens_on=today - dt.timedelta(days=3), intake_closes_on=today + dt.timedelta(days=3)
    )
    draft = factories.make_draft(committee=city)
    # when it is submitted
    proposal = services.submit_proposal(proposal=draft, actor=draft.created_by)
    # then it is a 大会提案 of that plenary
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    assert proposal.is_plenary_proposal is True
    assert proposal.plenary.code == "5-2"


def test_submission_after_the_intake_window_is_an_inter_session_proposal(city):
    proposal = factories.make_submitted(committee=city)
    proposal.refresh_from_db()
    assert proposal.is_plenary_proposal is False
    assert proposal.category_main == "生态文明建设"


def test_joint_proposal_waits_for_cosigners_and_confirmed_ones_become_proposers(
    city, django_capture_on_commit_callbacks
):
    # given a joint proposal inviting two members
    first, second = (core.make_member(committee=city, with_account=True) for _ in range(2))
    with django_capture_on_commit_callbacks(execute=True):
        proposal = factories.make_submitted(
            committee=city, kind=ProposerKind.JOINT, cosigners=[first, second]
        )
    assert proposal.state == ProposalState.COSIGNING
    assert Notification.objects.filter(recipient=first.user, title__contains="联名邀请").exists()
    # when one confirms and the other declines
    invitation = proposal.cosignatures.get(member=first)
    services.respond_cosignature(cosignature=invitation, actor=first.user, accept=True)
    services.respond_cosignature(
        cosignature=proposal.cosignatures.get(member=second), actor=second.user, accept=False
    )
    # then the proposal goes to review with the confirmed co-signer as a proposer
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    assert list(proposal.proposers.filter(is_first=False).values_list("member", flat=True)) == [
        first.pk
    ]


def test_unconfirmed_cosigners_drop_off_at_the_deadline(city):
    member = core.make_member(committee=city, with_account=True)
    proposal = factories.make_submitted(committee=city, kind=ProposerKind.JOINT, cosigners=[member])
    # when the deadline task runs after the deadline
    closed = services.drop_expired_cosignatures(now=timezone.now() + dt.timedelta(days=8))
    # then the invitation dropped and the proposal went on
    assert closed == 1
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    assert proposal.cosignatures.get().state == CoSignatureState.DROPPED
    assert proposal.proposers.count() == 1


def test_someone_else_cannot_confirm_an_invitation(city):
    member = core.make_member(committee=city, with_account=True)
    other = factories.make_proposer(committee=city)
    proposal = factories.make_submitted(committee=city, kind=ProposerKind.JOINT, cosigners=[member])
    with pytest.raises(services.WorkflowError):
        services.respond_cosignature(
            cosignature=proposal.cosignatures.get(), actor=other, accept=True
        )


def test_draft_autosave_keeps_fields_and_only_the_author_may_save(city):
    draft = factories.make_draft(committee=city)
    services.save_draft(proposal=draft, author=draft.created_by, situation="新的情况")
    draft.refresh_from_db()
    assert draft.situation == "新的情况"
    with pytest.raises(services.WorkflowError):
        services.save_draft(
            proposal=draft, author=factories.make_proposer(committee=city), title="x"
        )


def test_a_drafts_proposers_are_written_with_history(city):
    author = factories.make_proposer(committee=city)

    proposal = factories.make_draft(committee=city, author=author)

    record = proposal.proposers.get().history.get()
    assert (record.history_user, record.history_change_reason) == (author, "创建提案草稿")
