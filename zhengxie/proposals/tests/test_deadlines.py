import datetime as dt

import pytest
from django.core.management import call_command

from zhengxie.core.models import Notification
from zhengxie.core.services.rules import set_rule
from zhengxie.proposals import factories, selectors, services
from zhengxie.proposals.models import Assignment, Proposal

pytestmark = pytest.mark.django_db


def test_deadlines_command_reminds_and_lists_overdue(city, staff, capsys):
    # given a proposal whose deadline passed yesterday
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    Proposal.objects.filter(pk=proposal.pk).update(reply_deadline=yesterday)
    Assignment.objects.update(deadline=yesterday)
    # when the daily command runs
    call_command("proposal_deadlines", "--overdue")
    # then the unit is reminded once and the proposal is on the overdue list
    out = capsys.readouterr().out
    assert "发送到期提醒 1 条" in out and "超期" in out and proposal.title in out
    assert Notification.objects.filter(recipient=unit_user, title__contains="到期").count() == 1
    assert list(selectors.list_overdue(committee_ids=[city.pk])) == [proposal]


def test_a_committee_may_use_its_own_result_classes(city, staff):
    # given a committee that answers with four classes A-D
    set_rule(
        actor=None,
        committee=city,
        key="proposals.result_classes",
        value=[
            {"code": "A", "label": "已解决"},
            {"code": "B", "label": "正在解决"},
            {"code": "C", "label": "列入规划"},
            {"code": "D", "label": "留作参考"},
        ],
    )
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    # when a unit answers D, then it is accepted
    reply = services.draft_reply(
        proposal=proposal, actor=unit_user, result_class="d", text="留作参考"
    )
    reply.refresh_from_db()
    assert reply.result_class == "D"


def test_a_committee_may_set_its_own_reply_months(city, staff):
    set_rule(actor=None, committee=city, key="proposals.reply_months", value=2)
    proposal, _unit = factories.make_assigned(committee=city, office=staff)
    proposal.refresh_from_db()
    assert (proposal.reply_deadline - proposal.assigned_on).days in range(58, 63)
