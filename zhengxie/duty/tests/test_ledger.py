import datetime as dt
import threading

import pytest
from django.db import connection

from zhengxie.core.factories import make_member
from zhengxie.duty.factories import make_source
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.duty.services import credit_duty, revoke_duty

DAY = dt.date(2022, 5, 10)


def _net(member, source):
    return sum(r.sign for r in DutyRecord.objects.filter(member=member, source_id=source.pk))


def test_crediting_the_same_act_twice_writes_one_record(city):
    # given
    member, source = make_member(committee=city), make_source(committee=city)
    # when
    first = credit_duty(
        member=member, kind=DutyKind.PROPOSAL, source=source, occurred_on=DAY, role="first"
    )
    again = credit_duty(
        member=member, kind=DutyKind.PROPOSAL, source=source, occurred_on=DAY, role="first"
    )
    # then
    assert first is not None and again is None
    first.refresh_from_db()
    assert (first.sign, first.seq, first.year, first.role) == (1, 1, 2022, "first")
    assert DutyRecord.objects.filter(member=member).count() == 1


def test_revoking_writes_a_negative_row_and_keeps_the_credit_in_history(city):
    # given
    member, source = make_member(committee=city), make_source(committee=city)
    credit_duty(
        member=member, kind=DutyKind.ATTENDANCE, source=source, occurred_on=DAY, role="research"
    )
    # when
    reversal = revoke_duty(member=member, kind=DutyKind.ATTENDANCE, source=source, note="撤销签到")
    # then
    reversal.refresh_from_db()
    assert (reversal.sign, reversal.seq, reversal.role, reversal.occurred_on) == (
        -1,
        2,
        "research",
        DAY,
    )
    assert DutyRecord.objects.filter(member=member).count() == 2
    assert _net(member, source) == 0


def test_revoking_twice_or_without_credit_changes_nothing(city):
    member, source = make_member(committee=city), make_source(committee=city)
    assert revoke_duty(member=member, kind=DutyKind.ATTENDANCE, source=source) is None
    credit_duty(member=member, kind=DutyKind.ATTENDANCE, source=source, occurred_on=DAY)
    assert revoke_duty(member=member, kind=DutyKind.ATTENDANCE, source=source) is not None
    assert revoke_duty(member=member, kind=DutyKind.ATTENDANCE, source=source) is None
    assert DutyRecord.objects.filter(member=member).count() == 2


def test_an_act_credited_again_after_reversal_counts_once_more(city):
    member, source = make_member(committee=city), make_source(committee=city)
    credit_duty(member=member, kind=DutyKind.SESSION, source=source, occurred_on=DAY)
    revoke_duty(member=member, kind=DutyKind.SESSION, source=source)
    # when
    record = credit_duty(member=member, kind=DutyKind.SESSION, source=source, occurred_on=DAY)
    # then
    assert record.seq == 3
    assert _net(member, source) == 1


def test_an_unknown_kind_is_refused(city):
    member, source = make_member(committee=city), make_source(committee=city)
    with pytest.raises(ValueError, match="未知的履职类别"):
        credit_duty(member=member, kind="bogus", source=source, occurred_on=DAY)
    assert not DutyRecord.objects.exists()


def test_same_source_credits_different_kinds_separately(city):
    member, source = make_member(committee=city), make_source(committee=city)
    credit_duty(member=member, kind=DutyKind.OPINION_SUBMITTED, source=source, occurred_on=DAY)
    credit_duty(member=member, kind=DutyKind.OPINION_ADOPTED, source=source, occurred_on=DAY)
    assert DutyRecord.objects.filter(member=member).count() == 2


def _race(target, count: int) -> list:
    results, barrier = [], threading.Barrier(count)

    def run():
        barrier.wait()
        try:
            results.append(target())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_credits_of_one_act_land_once(city):
    # given
    member, source = make_member(committee=city), make_source(committee=city)

    # when
    results = _race(
        lambda: credit_duty(member=member, kind=DutyKind.PROPOSAL, source=source, occurred_on=DAY),
        6,
    )
    # then
    assert sum(1 for r in results if r is not None) == 1
    assert DutyRecord.objects.filter(member=member).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_revocations_write_one_negative_row(city):
    member, source = make_member(committee=city), make_source(committee=city)
    credit_duty(member=member, kind=DutyKind.ATTENDANCE, source=source, occurred_on=DAY)
    results = _race(lambda: revoke_duty(member=member, kind=DutyKind.ATTENDANCE, source=source), 6)
    assert sum(1 for r in results if r is not None) == 1
    assert _net(member, source) == 0


def test_credit_many_writes_each_new_act_once_and_skips_credited_ones(
    city, django_assert_max_num_queries
):
    # given: one act already credited, one credited then reversed, one new, one listed twice
    from zhengxie.duty.services import Credit, credit_duty_many

    member = make_member(committee=city)
    credited, reversed_, new = (make_source(committee=city) for _ in range(3))
    credit_duty(member=member, kind=DutyKind.SESSION, source=credited, occurred_on=DAY)
    credit_duty(member=member, kind=DutyKind.SESSION, source=reversed_, occurred_on=DAY)
    revoke_duty(member=member, kind=DutyKind.SESSION, source=reversed_)
    credits = [
        Credit(member=member, kind=DutyKind.SESSION, source=source, occurred_on=DAY, role="venue")
        for source in (credited, reversed_, new, new)
    ]
    # when
    with django_assert_max_num_queries(4):
        written = credit_duty_many(credits=credits)
    # then
    assert written == 2
    assert _net(member, credited) == 1
    assert _net(member, reversed_) == 1
    assert _net(member, new) == 1
    assert DutyRecord.objects.get(member=member, source_id=reversed_.pk, seq=3).sign == 1
