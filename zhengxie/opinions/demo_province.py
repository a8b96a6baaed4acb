"""The province's part of the opinion reports demo (after `seed_province`): one of Suixian's
adopted 2022 reports handed up to the city and on to the province, each level adopting it
through the workflow, so the three levels' pages, figures and the member's credits show it."""

import datetime as dt

from zhengxie.core.models import Committee, User

from . import services
from .models import OpinionReport, OpinionState

COUNTY, CITY = "suixian", "suizhou"
# The days after the county's adoption on which the city and then the province decided.
CITY_DAYS, PROVINCE_DAYS = 12, 30


def seed(province: Committee) -> None:
    original = (
        OpinionReport.objects.filter(
            committee__code=COUNTY, state=OpinionState.ADOPTED, escalations__isnull=False
        )
        .filter(handoffs__isnull=True)
        .order_by("id")
        .first()
    )
    if original is None:
        return
    county_office = User.objects.get(username=f"{COUNTY}_info")
    city_office = User.objects.get(username=f"{CITY}_info")
    province_office = User.objects.get(username="hubei_staff")
    at_city = services.hand_off_report(report=original, actor=county_office)
    at_city = _adopt(at_city, city_office)
    at_province = services.hand_off_report(report=at_city, actor=city_office)
    at_province = _adopt(at_province, province_office)
    # The demo's year is 2022: the levels decided in the weeks after the county did.
    start = original.decided_at
    for report, days in ((at_city, CITY_DAYS), (at_province, PROVINCE_DAYS)):
        OpinionReport.objects.filter(pk=report.pk).update(
            submitted_at=start + dt.timedelta(days=days - 5),
            decided_at=start + dt.timedelta(days=days),
        )


def _adopt(report: OpinionReport, office: User) -> OpinionReport:
    return services.apply_action(report=report, actor=office, action="adopt", mode="single")
