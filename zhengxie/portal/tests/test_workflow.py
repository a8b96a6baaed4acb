"""Floors, threads and reports move through the engine: every status change keeps history,
the override keeps the thread, credits, index and reports in step, and the buttons on the
thread page and in the queue are the steps the engine offers the person."""

import pytest
from django.urls import reverse

from zhengxie.core.models import Role
from zhengxie.core.workflow import override, workflow_named, workflows_of_app
from zhengxie.portal.models import (
    CreditBalance,
    ModerationAction,
    Post,
    PostStatus,
    Report,
    ReportStatus,
)
from zhengxie.portal.search_index import POST_KIND
from zhengxie.portal.services import moderation, posting
from zhengxie.search.models import SearchDocument


def latest(record):
    return record.history.order_by("-history_id").first()


def act_url(name: str, record, step: str) -> str:
    return reverse("core:workflow_act", args=[name, record.pk, step])


def test_the_forum_workflows_are_registered_and_the_boards_moderators_override(
    thread, moderator, resident
):
    first = Post.objects.get(thread=thread, floor=1)

    assert [w.name for w in workflows_of_app("portal")] == [
        "forum_post",
        "forum_report",
        "forum_thread",
    ]
    post_flow = workflow_named("forum_post")
    assert post_flow.override_by(moderator, first)
    assert not post_flow.override_by(resident, first)


def test_the_thread_follows_its_first_floor_with_history(thread, moderator):
    first = Post.objects.get(thread=thread, floor=1)

    moderation.moderate_post(actor=moderator, post=first, act="hide", reason="违规")

    thread.refresh_from_db()
    assert thread.status == PostStatus.HIDDEN
    assert (latest(thread).history_user, latest(thread).history_change_reason) == (
        moderator,
        "屏蔽：违规",
    )


def test_every_open_report_of_a_moderated_floor_is_handled_with_its_own_history(
    thread, moderator, resident, make_user, city
):
    # given two readers' reports on one reply
    post = posting.reply(user=resident, thread=thread, body="不文明用语", skip_limits=True)
    reports = [
        moderation.report_post(user=make_user(Role.RESIDENT, city), post=post, reason="不文明")
        for _ in range(2)
    ]
    # when the moderator hides the reply
    moderation.moderate_post(actor=moderator, post=post, act="hide")
    # then each report was closed by its own step
    for report in reports:
        report.refresh_from_db()
        assert (report.status, report.handled_by) == (ReportStatus.HANDLED, moderator)
        assert latest(report).history_user == moderator
        assert latest(report).history_change_reason == "处理举报：屏蔽"


def test_overriding_a_deleted_reply_back_into_view_restores_it_whole(
    city, thread, moderator, resident
):
    # given a reply deleted by mistake: credits reversed, out of the count and the index
    post = posting.reply(user=resident, thread=thread, body="有价值的建议内容", skip_limits=True)
    moderation.moderate_post(actor=moderator, post=post, act="delete")
    penalised = CreditBalance.objects.get(user=resident).total
    # when the moderator overrides it back to visible
    override(post, target=PostStatus.VISIBLE, actor=moderator, reason="误删恢复")
    # then the floor counts, earns its reply credit again and is found again
    thread.refresh_from_db()
    assert thread.replies == 1
    assert CreditBalance.objects.get(user=resident).total == penalised + 1
    assert SearchDocument.objects.filter(kind=POST_KIND, object_id=post.pk).exists()
    log = ModerationAction.objects.order_by("-id").first()
    assert (log.act, log.reason) == ("override", "误删恢复")
    post.refresh_from_db()
    assert latest(post).history_change_reason == "强制调整状态（已删除 → 正常）：误删恢复"


def test_overriding_the_first_floor_carries_the_thread(thread, staff):
    first = Post.objects.get(thread=thread, floor=1)
    moderation.moderate_post(actor=staff, post=first, act="delete")

    override(first, target=PostStatus.VISIBLE, actor=staff, reason="误删恢复")

    thread.refresh_from_db()
    assert thread.status == PostStatus.VISIBLE
    assert latest(thread).history_change_reason.startswith("强制调整状态（已删除 → 正常）")


def test_a_report_cannot_be_reopened_beside_another_open_one(thread, staff, resident, make_user):
    from zhengxie.core.workflow import WorkflowError

    post = posting.reply(user=resident, thread=thread, body="内容", skip_limits=True)
    reporter = make_user(Role.RESIDENT, thread.committee)
    first = moderation.report_post(user=reporter, post=post, reason="广告")
    moderation.dismiss_report(actor=staff, report=first)
    moderation.report_post(user=reporter, post=post, reason="还是广告")

    with pytest.raises(WorkflowError):
        override(first, target=ReportStatus.OPEN, actor=staff, reason="重新处理")

    first.refresh_from_db()
    assert first.status == ReportStatus.DISMISSED


def test_the_thread_page_offers_moderators_the_engines_steps_and_nobody_else(
    client, thread, moderator, resident
):
    post = posting.reply(user=resident, thread=thread, body="回复", skip_limits=True)
    url = reverse("portal:thread", args=[thread.pk])
    # a reader who does not moderate sees no moderation
    client.force_login(resident)
    page = client.get(url).content.decode()
    assert 'data-testid="post-mod-2"' not in page
    assert 'data-action="override"' not in page
    # the board's moderator sees the visible floor's steps and the override
    client.force_login(moderator)
    page = client.get(url).content.decode()
    assert 'name="act" value="hide"' in page and 'name="act" value="delete"' in page
    assert 'name="act" value="approve"' not in page
    assert f'href="{act_url("forum_post", post, "override")}"' in page


def test_the_queue_dismisses_a_report_through_the_engines_act_page(
    client, thread, staff, resident, make_user, city
):
    post = posting.reply(user=resident, thread=thread, body="内容", skip_limits=True)
    report = moderation.report_post(user=make_user(Role.RESIDENT, city), post=post, reason="广告")
    client.force_login(staff)
    dismiss = act_url("forum_report", report, "dismiss")
    assert f'action="{dismiss}"' in client.get(reverse("portal:moderation")).content.decode()

    response = client.post(dismiss, {"seen_state": ReportStatus.OPEN})

    assert response.url == reverse("portal:moderation")
    report.refresh_from_db()
    assert (report.status, report.handled_by) == (ReportStatus.DISMISSED, staff)
    assert Report.history.filter(id=report.pk, history_user=staff).exists()
    assert ModerationAction.objects.filter(act="dismiss", post=post).exists()


def test_staff_find_the_forums_workflow_guide_in_the_menu(client, staff):
    client.force_login(staff)
    guide = reverse("core:workflow_guide", args=["portal"])

    page = client.get(reverse("portal:home")).content.decode()

    assert f'href="{guide}"' in page
    assert "论坛帖子审核" in client.get(guide).content.decode()


def test_the_steps_cost_no_query_per_floor_or_queue_row(
    client, board, staff, resident, make_user, city
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zhengxie.portal.factories import make_thread

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    # given a thread with one reply and one with six, each reply reported
    short, long = make_thread(board=board, author=staff), make_thread(board=board, author=staff)
    for thread, count in ((short, 1), (long, 6)):
        for n in range(count):
            post = posting.reply(user=resident, thread=thread, body=f"第{n}条", skip_limits=True)
            moderation.report_post(user=make_user(Role.RESIDENT, city), post=post, reason="广告")
    client.force_login(staff)
    queries(reverse("portal:thread", args=[short.pk]))  # warm the session and settings caches
    # then a moderator's thread page costs the same for one floor as for seven
    assert queries(reverse("portal:thread", args=[short.pk])) == queries(
        reverse("portal:thread", args=[long.pk])
    )
    # and the queue as much for one report as for seven
    with_seven = queries(reverse("portal:moderation"))
    Report.objects.filter(post__thread=long).delete()
    assert queries(reverse("portal:moderation")) == with_seven
