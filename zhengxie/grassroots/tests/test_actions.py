import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection

from zhengxie.core import factories as core
from zhengxie.core.models import Notification, Role
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.grassroots.factories import make_action, make_case
from zhengxie.grassroots.models import Action, CaseEvent, CaseState, ContactRecord
from zhengxie.grassroots.services.actions import remind_due_actions, report_progress
from zhengxie.grassroots.services.contacts import record_contact
from zhengxie.grassroots.services.venues import update_venue

TODAY = dt.date(2022, 6, 10)


def test_reminders_reach_the_unit_and_the_convenor_once_a_day_for_due_and_overdue_actions(
    county, venue, convenor
):
    # given one action due in two days, one overdue, one due next month
    unit_user = core.make_user(role=Role.UNIT, committee=county)
    unit = unit_user.role_grants.get().handling_unit
    case = make_case(venue=venue, state=CaseState.ACTING)
    make_action(case=case, due_on=TODAY + dt.timedelta(days=2), responsible_unit=unit)
    make_action(case=case, due_on=TODAY - dt.timedelta(days=1), description="清理积水")
    make_action(case=case, due_on=TODAY + dt.timedelta(days=30))
    # when the reminder runs twice on the same day
    first = remind_due_actions(on=TODAY)
    second = remind_due_actions(on=TODAY)
    # then
    assert (first, second) == (2, 0)
    assert Notification.objects.filter(recipient=unit_user, title__contains="即将到期").count() == 1
    assert Notification.objects.filter(recipient=convenor, title__contains="已逾期").count() == 1


def test_the_reminder_command_reports_how_many_it_reminded(venue, capsys):
    make_action(case=make_case(venue=venue, state=CaseState.ACTING), due_on=TODAY)
    call_command("remind_grassroots_actions", "--on", TODAY.isoformat())
    assert "已提醒 1 项" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_a_members_contact_record_may_raise_a_case_and_is_credited_once(county, town, member):
    contact, case = record_contact(
        actor=member.user,
        kind="grassroots",
        target="幸福小区居民",
        town=town,
        occurred_on=TODAY,
        content="居民反映路灯不亮",
        case={
            "category": "urgent",
            "title": "路灯不亮",
            "description": "晚上很黑",
            "place": "幸福小区",
        },
    )
    contact.refresh_from_db()
    assert case.contact == contact and case.raised_by_member == member and case.source == "visit"
    kinds = sorted(DutyRecord.objects.filter(member=member).values_list("kind", flat=True))
    assert kinds == sorted([DutyKind.CONTACT, DutyKind.CASE_RAISED])


def test_a_resident_cannot_record_a_contact(resident, town):
    with pytest.raises(PermissionDenied):
        record_contact(
            actor=resident, kind="grassroots", target="x", town=town, occurred_on=TODAY, content="y"
        )
    assert not ContactRecord.objects.exists()


def test_a_convenor_edits_the_venue_but_not_its_stars(venue, convenor, county_staff, county):
    member = core.make_member(committee=county)
    update_venue(
        actor=convenor,
        venue=venue,
        address="镇政府二楼",
        duty_days="每周三",
        member_ids=[member.pk],
        star_rating=venue.star_rating,
    )
    with pytest.raises(PermissionDenied):
        update_venue(
            actor=convenor, venue=venue, address="x", duty_days="", member_ids=[], star_rating=5
        )
    update_venue(
        actor=county_staff,
        venue=venue,
        address="镇政府二楼",
        duty_days="每周三",
        member_ids=[member.pk],
        star_rating=5,
    )
    venue.refresh_from_db()
    assert (venue.address, venue.star_rating, list(venue.members.all())) == (
        "镇政府二楼",
        5,
        [member],
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_units_finishing_the_last_actions_at_once_resolve_the_case_exactly_once(
    county, venue, convenor
):
    # given a case with two open actions
    case = make_case(venue=venue, state=CaseState.ACTING)
    actions = [make_action(case=case, due_on=TODAY), make_action(case=case, due_on=TODAY)]
    barrier, errors = threading.Barrier(2), []

    def finish(action: Action) -> None:
        try:
            barrier.wait()
            report_progress(actor=convenor, action=action, note="完成", done=True)
        except Exception as error:  # collected for the assertion below
            errors.append(error)
        finally:
            connection.close()

    # when both are finished concurrently
    threads = [threading.Thread(target=finish, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then the case is resolved once
    case.refresh_from_db()
    assert not errors and case.state == CaseState.RESOLVED
    assert CaseEvent.objects.filter(case=case, action="resolve").count() == 1


def test_a_reminder_is_written_to_the_actions_history(venue):
    action = make_action(case=make_case(venue=venue, state=CaseState.ACTING), due_on=TODAY)

    remind_due_actions(on=TODAY)

    latest = action.history.order_by("-history_id").first()
    assert (latest.last_reminded_on, latest.history_change_reason) == (TODAY, "到期提醒")
