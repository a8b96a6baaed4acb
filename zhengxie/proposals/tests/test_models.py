import pytest
from django.db import IntegrityError, transaction

from zhengxie.core import factories
from zhengxie.proposals.models import Proposal, ProposalState


@pytest.mark.django_db
def test_two_proposals_of_one_plenary_cannot_share_a_number(city):
    # given a plenary with proposal number 1 taken
    plenary = factories.make_plenary(committee=city)
    Proposal.objects.create(committee=city, plenary=plenary, number=1, title="关于甲的建议")
    # when another proposal takes number 1, then the database refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.create(committee=city, plenary=plenary, number=1, title="关于乙的建议")
    # and unnumbered proposals may coexist
    Proposal.objects.create(committee=city, plenary=plenary, title="关于丙的建议")
    Proposal.objects.create(committee=city, plenary=plenary, title="关于丁的建议")
    assert Proposal.objects.filter(state=ProposalState.DRAFT).count() == 3
