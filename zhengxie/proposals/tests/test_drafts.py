"""A proposal the office has not received yet is its writers' alone: the author and the
members invited to co-sign it. To everyone else, whatever their role, it does not exist."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zhengxie.core import factories as core
from zhengxie.core.models import LeaderKind, Role
from zhengxie.proposals import factories, services
from zhengxie.proposals.models import Attachment, Proposal, ProposerKind
from zhengxie.proposals.permissions import filter_visible_proposals
from zhengxie.proposals.services.attachments import add_attachment

pytestmark = pytest.mark.django_db

OUTSIDERS = ("staff", "leader", "chair", "admin", "unit", "other_member")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def people(city):
    return {
        "staff": core.make_user(role=Role.STAFF, committee=city),
        "leader": core.make_user(role=Role.LEADER, committee=city),
        "chair": core.make_user(
            role=Role.LEADER, committee=city, leader_kind=LeaderKind.CHAIR_MEMBER
        ),
        "admin": core.make_user(role=Role.ADMIN, committee=city),
        "unit": factories.make_unit_user(committee=city),
        "other_member": factories.make_proposer(committee=city),
    }


def _pages(proposal: Proposal, attachment: Attachment) -> list[str]:
    return [
        reverse("proposals:detail", args=[proposal.pk]),
        reverse("proposals:proposal_docx", args=[proposal.pk]),
        reverse("proposals:download", args=[attachment.pk]),
        reverse("proposals:similar", args=[proposal.pk]),
    ]


def _attach(proposal: Proposal) -> Attachment:
    upload = SimpleUploadedFile("调研报告.pdf", PDF, content_type="application/pdf")
    return add_attachment(proposal=proposal, actor=proposal.created_by, upload=upload)


def _status(client, user, url: str) -> int:
    client.force_login(user)
    return client.get(url).status_code


def test_a_draft_is_not_found_by_office_leaders_chair_units_or_other_members(client, city, people):
    # given a member's draft with a file
    draft = factories.make_draft(committee=city)
    pages = _pages(draft, _attach(draft))
    # then its author opens every page of it, and nobody else finds any
    assert [_status(client, draft.created_by, url) for url in pages] == [200] * len(pages)
    for who in OUTSIDERS:
        assert [_status(client, people[who], url) for url in pages] == [404] * len(pages), who


def test_a_proposal_out_for_cosigning_is_read_by_its_invited_cosigners_only(client, city, people):
    # given a joint proposal waiting for its co-signers
    cosigner = core.make_member(committee=city, with_account=True)
    plenary = factories.make_plenary(committee=city)
    draft = factories.make_draft(committee=city, kind=ProposerKind.JOINT)
    pages = _pages(draft, _attach(draft))
    proposal = services.submit_proposal(
        proposal=draft, actor=draft.created_by, cosigners=[cosigner]
    )
    assert proposal.plenary_id == plenary.pk
    # then the author and the invited co-signer read it; the office has not received it
    for user in (proposal.created_by, cosigner.user):
        assert [_status(client, user, url) for url in pages] == [200] * len(pages)
    for who in OUTSIDERS:
        assert [_status(client, people[who], url) for url in pages] == [404] * len(pages), who


def test_lists_and_search_leave_out_drafts_of_others(client, city, people):
    # given a draft and a submitted proposal
    draft = factories.make_draft(committee=city, title="关于治理城区内涝问题的建议")
    submitted = factories.make_submitted(committee=city, title="关于治理城区内涝的提案")
    every = Proposal.objects.all()
    # then the office's register holds the submitted one only, and so does its search
    for who in ("staff", "leader", "chair", "other_member"):
        assert list(filter_visible_proposals(people[who], every)) == [submitted], who
    assert set(filter_visible_proposals(draft.created_by, every)) >= {draft}
    client.force_login(people["staff"])
    page = client.get(reverse("proposals:register"), {"text": "内涝"}).content.decode()
    assert submitted.title in page and draft.title not in page
