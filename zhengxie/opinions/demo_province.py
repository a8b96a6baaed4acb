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
    # The demo's year is 2022: the levels decided in the weeks after the county did.
    start = original.decided_at
    at_city = services.hand_off_report(
        report=original, actor=county_office, at=start + dt.timedelta(days=CITY_DAYS - 5)
    )
    at_city = _adopt(at_city, city_office, start + dt.timedelta(days=CITY_DAYS))
    at_province = services.hand_off_report(
        report=at_city, actor=city_office, at=start + dt.timedelta(days=PROVINCE_DAYS - 5)
    )
    _adopt(at_province, province_office, start + dt.timedelta(days=PROVINCE_DAYS))


def _adopt(report: OpinionReport, office: User, at: dt.datetime) -> OpinionReport:
    return services.apply_action(report=report, actor=office, action="adopt", mode="single", at=at)
