import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.urls import reverse

from zhengxie.core import demo as core_demo
from zhengxie.portal import demo
from zhengxie.portal.demo_content import SEED_TITLE
from zhengxie.portal.models import Exhibition, Thread, ThreadViewBuffer


def test_demo_publishes_the_seed_article_with_its_time_and_views(db, client):
    # given
    world = core_demo.DemoWorld(rng=random.Random(2022))
    core_demo.seed(world)
    # when
    demo.seed(world)
    # then
    thread = Thread.objects.get(title=SEED_TITLE)
    assert thread.board.name == "政协要闻"
    posted = thread.created_at.astimezone(ZoneInfo("Asia/Shanghai"))
    assert posted.replace(tzinfo=None) == dt.datetime(2024, 1, 25, 18, 41, 12)
    assert (thread.views, thread.replies) == (134, 0)
    first = thread.posts.get(floor=1)
    assert "市政协五届一次会议审查立案的170件提案全部办复" in first.body_text
    assert "更好把人民政协制度优势转化为基层社会治理效能" in first.body_text
    assert first.attachments.filter(is_image=True).count() >= 3
    assert set(first.attachments.values_list("created_at", flat=True)) == {thread.created_at}
    # every thread's views came through the counter and were folded into the thread
    assert not Thread.objects.filter(views=0).exists()
    assert not ThreadViewBuffer.objects.filter(pending__gt=0).exists()
    html = client.get(reverse("portal:thread", args=[thread.pk])).content.decode()
    assert '查看: <b data-testid="views">135</b>|回复: <b data-testid="replies">0</b>' in html
    assert "发表于 2024-1-25 18:41:12" in html
    assert (thread.byline, thread.source) == ("随州日报全媒记者 陈巧玲 林超", "随州日报")
    assert "陈巧玲" not in first.body_text
    assert "随州日报全媒记者 陈巧玲 林超 来源：随州日报" in html
    assert "您需要 <a" in html and "才可以下载或查看，没有账号？" in html
    assert {e.slug for e in Exhibition.objects.all()} == {"zenghouyi", "yandi", "wenshi"}
    assert Thread.objects.filter(board__slug="yizheng").exclude(topic_title="").count() == 2
