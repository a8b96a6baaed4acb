import datetime as dt
import random

from django.db.models import F

from zhengxie.activities import demo, demo_guests, selectors
from zhengxie.activities.models import Activity, Guest, GuestStatus, LeaveRequest, Outcome
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
    # the leave of those who stayed away came on slips the office entered, each approved and
    # dated the day before the activity, with its one history row dated then too
    leaves = LeaveRequest.objects.select_related("activity")
    assert leaves.exists() and not leaves.filter(signed_by="").exists()
    day = dt.timedelta(days=1)
    assert all(leave.decided_at == leave.activity.starts_at - day for leave in leaves)
    assert not leaves.exclude(created_at=F("decided_at")).exists()
    assert not LeaveRequest.history.exclude(history_date=F("decided_at")).exists()
    assert LeaveRequest.history.count() == leaves.count()


def test_demo_guests_are_present_without_touching_members_figures(db):
    # given the core world and its year of activities
    world = core_demo.DemoWorld(rng=random.Random(2022))
    core_demo.seed(world)
    demo.seed(world)
    city = [world.city.pk]
    before = selectors.figures(committee_ids=city, year=2022)
    # when the reporters' trip and the office's own contest are recorded
    demo_guests.seed(world)
    # then the reporters and cadres are present as guests
    trip = Activity.objects.get(title="随州文史记者行")
    present = Guest.objects.filter(status=GuestStatus.PRESENT)
    assert present.filter(activity=trip, kind="media").count() == len(demo_guests.REPORTERS)
    contest = Activity.objects.get(office_own=True)
    assert contest.invitations.count() == 0
    assert present.filter(activity=contest, kind="cadre", user__isnull=False).exists()
    # and only the trip's members change the members' figures; the contest is counted apart
    after = selectors.figures(committee_ids=city, year=2022)
    assert after["held"] == before["held"] + 1
    assert after["office_own_held"] == before["office_own_held"] + 1
    assert after["guests_present"] == before["guests_present"] + len(demo_guests.REPORTERS)
    assert (
        after["cadres_present"]
        == before["cadres_present"] + present.filter(activity=contest).count()
    )
    assert contest.attendances.count() == 0
