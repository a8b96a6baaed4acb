import random

from django.db.models import Count

from zhengxie.core import demo as core_demo
from zhengxie.core.models import Committee, Member
from zhengxie.opinions import demo, selectors
from zhengxie.opinions.models import BulletinIssue, OpinionReport, OpinionState


def test_demo_year_has_reports_from_most_members_issues_and_instructions_at_each_level(db):
    # given the core world
    world = core_demo.DemoWorld(rng=random.Random(2022))
    core_demo.seed(world)
    # when
    demo.seed(world)
    # then most, but not all, members reported
    reporters = Member.objects.filter(opinion_reports__isnull=False).distinct().count()
    assert 0.8 * 1119 < reporters < 1119
    city = Committee.objects.get(code="suizhou")
    numbers = list(
        BulletinIssue.objects.filter(committee=city, year=2022)
        .order_by("number")
        .values_list("number", flat=True)
    )
    assert numbers == list(range(1, 13))
    figures = selectors.figures_in_detail(committee_ids=[city.pk], year=2022)
    assert all(row["instructions"] > 0 for row in figures["by_level"].values())
    assert all(row["escalated"] > 0 for row in figures["by_level"].values())
    assert 0.15 < figures["adoption_rate"] < 0.4
    # every issue holds adopted reports only, and no report is in two issues
    assert (
        not OpinionReport.objects.filter(bulletin__isnull=False)
        .exclude(state=OpinionState.ADOPTED)
        .exists()
    )
    sizes = BulletinIssue.objects.annotate(n=Count("reports")).values_list("n", flat=True)
    assert min(sizes) >= 1
    # the demo member's own report is adopted and instructed
    liu = world.accounts["member"].member
    assert liu.opinion_reports.get().instructions.exists()
    # and each committee's information office can log in with the demo password
    office = world.accounts["guangshui_info"]
    office.refresh_from_db()
    assert office.check_password(core_demo.DEMO_PASSWORD)
