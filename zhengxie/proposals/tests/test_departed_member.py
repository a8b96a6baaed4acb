import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from zhengxie.core.services.members import set_member_active
from zhengxie.proposals import services
from zhengxie.proposals.factories import SECTIONS, make_draft, make_plenary, make_submitted
from zhengxie.proposals.models import Proposal


def test_departed_member_cannot_write_or_submit_a_proposal(client, city, staff):
    # given a member with a submitted proposal and a draft
    make_plenary(committee=city)
    submitted = make_submitted(committee=city)
    author = submitted.created_by
    draft = make_draft(committee=city, author=author)
    # when the member departs and signs in again
    set_member_active(user=staff, member=author.member, active=False, reason="换届离任")
    author.refresh_from_db()
    client.force_login(author)
    # then no new proposal and no submission of the old draft
    response = client.post(
        reverse("proposals:new"),
        {"title": "关于离任后提交的建议", "category": "城乡建设", **SECTIONS},
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.submit_proposal(proposal=draft, actor=author)
    # and the records stay as they were
    assert set(Proposal.objects.filter(created_by=author)) == {submitted, draft}
    draft.refresh_from_db()
    assert draft.state == "draft"
