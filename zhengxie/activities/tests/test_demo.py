import random

from zhengxie.activities import demo, selectors
from zhengxie.activities.models import Outcome
from zhengxie.core import demo as core_demo
from zhengxie.core.models import Committee, Member


def test_demo_year_reproduces_the_reviews_activity_figures(db):
    # given the core world of 1,119 members
    world = core_demo.DemoWorld(rng=random.Random(2022))
    core_demo.seed(world)
    # when the activities step runs
    demo.seed(world)
    # then
    ids = list(Committee.objects.values_list("id", flat=True))
    figures = selectors.figures(committee_ids=ids, year=2022)
    assert 20 <= figures["research_inspection_reports"] <= 29
    assert 60 <= figures["study_sessions"] <= 69
    assert (figures["essays"], figures["joint_with_upper"]) == (29, 17)
    members = Member.objects.count()
    assert members == 1119
    # more than 90% of the members took part in something, but not everyone
    assert 0.9 < selectors.count_participants(committee_ids=ids, year=2022) / members < 1
    recommendation = Outcome.objects.get(kind="recommendation")
    assert recommendation.title == "关于全市危困工业企业处置盘活的建议案"
    assert recommendation.activity.title == "随州市政协五届二次常委会议（危困企业重组盘活专题协商）"
    assert recommendation.instructions.exists()
