"""docs/api_example.py, the example client, walks a member's day against a live server."""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings

from zhengxie.activities import factories as activity_factories
from zhengxie.activities.models import Attendance
from zhengxie.activities.signin import make_token
from zhengxie.core import factories as core
from zhengxie.core.models import ApiToken
from zhengxie.opinions.models import OpinionReport
from zhengxie.proposals import factories as pf
from zhengxie.proposals.models import CoSignature, Proposal

EXAMPLE = Path(settings.BASE_DIR) / "docs" / "api_example.py"


def _example():
    spec = importlib.util.spec_from_file_location("api_example", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)
def test_the_example_client_walks_a_members_day(live_server, city, staff):
    # given a member with a password, an invitation waiting and an earlier proposal on parking
    pf.make_plenary(committee=city)
    member = core.make_member(committee=city, with_account=True, name="钟鸣远")
    member.user.set_password("Example-Pass-2026")
    member.user.save()
    inviter = core.make_member(committee=city, with_account=True)
    pf.make_submitted(committee=city, kind="joint", author=inviter.user, cosigners=[member])
    pf.make_registered(committee=city, office=staff, title="关于解决老城区停车难问题的建议")
    # and a meeting the member is invited to, its code read off the venue's screen
    meeting = activity_factories.make_activity(committee=city, title="专题协商会")
    activity_factories.invite(activity=meeting, members=[member])
    lines = []
    # when
    walked = _example().member_day(
        live_server.url,
        member.user.username,
        "Example-Pass-2026",
        "城乡建设",
        meeting=meeting.pk,
        code=make_token(meeting),
        say=lines.append,
    )
    # then
    assert Proposal.objects.get(pk=walked["proposal_id"]).state == "submitted"
    assert CoSignature.objects.get(member=member).state == "confirmed"
    assert walked["similar"] >= 1
    assert lines[1].startswith("今日待办 ")  # the co-signing invitation was waiting
    assert Attendance.objects.get(activity=meeting, member=member).status == "signed_in"
    assert "会议签到成功" in lines
    report = OpinionReport.objects.get(pk=walked["report_id"])
    assert report.state == "submitted" and report.created_by == member.user
    assert "再次查看消息：无新消息（304）" in lines
    assert lines[-1] == "已退出登录"
    assert not ApiToken.objects.filter(revoked_at__isnull=True).exists()
