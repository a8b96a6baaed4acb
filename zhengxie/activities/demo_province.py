"""The province's part of the activities demo (after `seed_province`): its 2022 guiding topic
on rural revitalisation, rural industry and elderly care (农村养老), which the city and the
counties took up in activities they had held (市县联动), so the province's topic page shows
the whole topic's progress while each committee's figures still count only its own."""

from django.db.models import Q

from zhengxie.core.models import Committee, User

from .models import Activity, ActivityKind
from .services import plans
from .services.activities import link_topic, link_upper_partner
from .services.kinds import seed_default_kinds

YEAR = 2022
REASON = "演示数据：与省政协联合开展"
TITLE = "乡村振兴：特色产业与农村养老服务"
# The held activities that took the topic up, the first two of each committee below: its
# research on elderly care, rural revitalisation or the mushroom industry (香菇).
TAKEN_UP = Q(title__contains="养老") | Q(title__contains="乡村振兴") | Q(title__contains="香菇")


def seed(province: Committee) -> None:
    office = User.objects.get(username="hubei_staff")
    seed_default_kinds(committee=province)
    plan = plans.open_plan(actor=office, committee=province, year=YEAR)
    topic = plans.collect_topic(
        actor=office,
        plan=plan,
        title=TITLE,
        kind=ActivityKind.objects.get(committee=province, code="research"),
        proposed_by="省政协农业和农村委员会",
        quarter=2,
    )
    topic = plans.decide_topic(actor=office, topic=topic, approve=True)
    below = Committee.objects.filter(Q(parent=province) | Q(parent__parent=province))
    _take_up(topic, below)
    _join(province, below)


def _take_up(topic, below) -> None:
    for committee in below:
        first = Activity.objects.filter(
            TAKEN_UP, committee=committee, starts_at__year=YEAR
        ).order_by("starts_at", "id")[:2]
        for activity in first:
            link_topic(actor=None, activity=activity, topic=topic, reason=REASON)


def _join(province: Committee, below) -> None:
    joint = Activity.objects.filter(
        committee__in=below,
        kind__code="joint",
        upper_committee__in=[province.name, province.short_name],
        upper_partner=None,
    )
    for activity in joint:
        link_upper_partner(actor=None, activity=activity, partner=province, reason=REASON)
