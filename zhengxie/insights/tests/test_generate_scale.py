"""The province-scale bench generator: the sizes asked for, a review over it, one seed one world."""

import io
import json
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F

from zhengxie.activities.models import Activity, Attendance
from zhengxie.core.models import Committee, Member
from zhengxie.duty.models import DutyRecord, YearBalance
from zhengxie.grassroots.models import Case, Rating
from zhengxie.insights import scale
from zhengxie.insights.scale import generate
from zhengxie.insights.scale.duty import ACTS, acts_for
from zhengxie.insights.scale.world import Sizes
from zhengxie.insights.selectors import compute_annual_figures
from zhengxie.proposals.models import Proposal

SMALL = Sizes(committees=4, members=200, proposals=300, duty_records=2000, cases=300)
ARGS = ["--committees", "4", "--members", "200", "--proposals", "300"]
ARGS += ["--duty-records", "2000", "--cases", "300"]


def _province_figures() -> list[dict]:
    return [
        compute_annual_figures(committee=city, year=2022)
        for city in Committee.objects.filter(parent__isnull=True).order_by("code")
    ]


def _fingerprint() -> dict:
    """The world without its ids, which a database's sequences may number differently."""
    return {
        "figures": _province_figures(),
        "titles": list(Proposal.objects.order_by("pk").values_list("title", "state")),
        "cases": list(Case.objects.order_by("pk").values_list("title", "state", "raised_on")),
        "ledger": list(
            DutyRecord.objects.order_by("pk").values_list("kind", "role", "occurred_on", "sign")
        ),
    }


@pytest.mark.django_db
def test_a_small_run_makes_the_counts_asked_for():
    # When the command builds a small province
    out = io.StringIO()
    call_command("generate_scale", *ARGS, stdout=out)

    # Then every size asked for is there, a city with its three counties
    assert Committee.objects.count() == 4
    assert Committee.objects.filter(parent__isnull=True).count() == 1
    assert Member.objects.count() == 200
    assert Proposal.objects.count() == 300
    assert DutyRecord.objects.count() == 2000
    assert Case.objects.count() == 300
    assert "duty_records: 2000" in out.getvalue()


@pytest.mark.django_db
def test_the_ledger_credits_odd_and_reverses_even():
    generate(sizes=SMALL, seed=7)

    assert set(DutyRecord.objects.filter(sign=1).values_list("seq", flat=True)) == {1}
    assert set(DutyRecord.objects.filter(sign=-1).values_list("seq", flat=True)) == {2}
    assert DutyRecord.objects.filter(sign=-1).count() == 2000 // 20


@pytest.mark.django_db
def test_the_annual_review_command_reads_the_generated_province():
    generate(sizes=SMALL, seed=7)
    out = io.StringIO()

    call_command("annual_review", "--committee", "city0", "--year", "2022", "--json", stdout=out)

    review = json.loads(out.getvalue())
    assert review["members"]["total"] == Member.objects.filter(is_active=True).count()
    assert 0 < review["members"]["participation_rate"] <= 1
    assert review["proposals"]["received"] == 300
    assert 0 < review["proposals"]["registered"] < 300
    assert review["proposals"]["replied"] <= review["proposals"]["registered"]
    assert review["proposals"]["overdue"] > 0
    assert sum(review["proposals"]["key"].values()) > 0
    assert review["opinions"]["submitted"] > 0
    assert (
        review["activities"]["held"]
        == Activity.objects.filter(state__in=["held", "outcome", "followed"]).count()
    )
    assert review["grassroots"]["sessions"] > 0
    # the duty years are computed from the generated ledger, so the five ones read real values
    done = YearBalance.objects.filter(year=2022, five_ones_done=True, member__is_active=True)
    assert done.exists()
    expected = done.count() / review["members"]["total"]
    assert review["members"]["five_ones_completion_rate"] == pytest.approx(expected, abs=1e-4)
    assert review["grassroots"]["satisfaction_rate"] > 0
    assert Attendance.objects.exists() and Rating.objects.exists()


@pytest.mark.django_db
def test_one_seed_builds_the_same_world_twice_and_another_seed_another():
    def run(seed: int) -> dict:
        with transaction.atomic():
            generate(sizes=SMALL, seed=seed)
            found = _fingerprint()
            transaction.set_rollback(True)
        return found

    first, again, other = run(11), run(11), run(12)

    assert first == again
    assert first["titles"] != other["titles"]


@pytest.mark.django_db
def test_every_generated_case_carries_its_latest_rating_as_its_final_one():
    generate(sizes=SMALL, seed=7)

    latest = {}
    for case_id, value, rated_on in Rating.objects.order_by(
        "case_id", "rated_on", "id"
    ).values_list("case_id", "value", "rated_on"):
        latest[case_id] = (value, rated_on)
    finals = Case.objects.values_list("pk", "final_rating", "final_rated_on")
    assert Rating.objects.filter(value="unsatisfied").exists()
    assert {pk: (value, on) for pk, value, on in finals if on} == latest
    assert all(value == "" for _pk, value, on in finals if on is None)


@pytest.mark.parametrize(("rows", "acts"), [(0, 0), (19, 19), (20, 19), (39, 38), (40, 38)])
def test_acts_for_counts_the_acts_that_fill_the_rows(rows, acts):
    # every nineteenth act takes a second row; a reversal past the count is left out
    assert acts_for(rows) == acts


@pytest.mark.django_db
def test_a_ledger_cut_before_a_reversal_keeps_the_count_asked_for():
    generate(sizes=Sizes(committees=2, members=40, proposals=20, duty_records=39, cases=20))

    assert DutyRecord.objects.count() == 39
    assert list(DutyRecord.objects.filter(sign=-1).values_list("source_id", flat=True)) == [19]


@pytest.mark.django_db
def test_the_ledger_draws_every_kind_over_every_serving_member():
    generate(sizes=SMALL, seed=7)
    ledger = DutyRecord.objects.all()

    # every kind and role the bench writes is drawn, none of them in step with the members
    shares = Counter(ledger.filter(sign=1).values_list("kind", "role"))
    assert set(shares) == {(kind, role) for kind, role, _model in ACTS}
    assert all(n > 1900 / len(ACTS) / 2 for n in shares.values())
    # one credit per act, each act its own source; a reversal undoes a credit of the same act
    credits = set(ledger.filter(sign=1).values_list("member", "kind", "source_type", "source_id"))
    assert len(credits) == 1900
    reversals = ledger.filter(sign=-1).values_list("member", "kind", "source_type", "source_id")
    assert set(reversals) <= credits
    # the rows land on the serving members, in their own committee, over the whole year
    serving = Member.objects.filter(is_active=True)
    assert set(ledger.values_list("member", flat=True)) == set(serving.values_list("pk", flat=True))
    assert not ledger.exclude(committee=F("member__committee")).exists()
    assert set(ledger.values_list("year", flat=True)) == {2022}
    assert ledger.values("occurred_on").distinct().count() > 200


def _cache_size() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        return cursor.fetchone()[0]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's page cache")
def test_on_sqlite_the_load_writes_through_a_roomy_page_cache_and_gives_it_back(monkeypatch):
    before = _cache_size()
    seen = []

    def ledger(world):
        seen.append(_cache_size())
        scale.duty.ledger(world)

    steps = [ledger if step is scale.duty.ledger else step for step in scale.STEPS]
    monkeypatch.setattr(scale, "STEPS", steps)

    generate(sizes=SMALL, seed=7)

    # the ledger went in through a cache of hundreds of megabytes, not SQLite's default 2 MB
    assert seen == [-scale.LOAD_CACHE_KIB]
    assert scale.LOAD_CACHE_KIB >= 100_000
    # and the connection's own size is back for whatever runs on it next
    assert _cache_size() == before


def _ledger_indexes() -> dict:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, DutyRecord._meta.db_table)
    return {name: (c["columns"], c["unique"]) for name, c in found.items() if c["index"]}


@pytest.mark.django_db
def test_the_ledger_has_every_one_of_its_indexes_back_after_the_load():
    before = _ledger_indexes()

    generate(sizes=SMALL, seed=7)

    # every index of the ledger, the grouping and the five ones' covering ones among them,
    # is there after the load, on the same columns
    assert _ledger_indexes() == before
    assert len(before) >= 6


# The constraints a bulk load drops: a trigger check or a unique index kept current per row.
KEYS = ("FOREIGN KEY", "UNIQUE")


def _constraints(model=DutyRecord) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass ORDER BY conname",
            [model._meta.db_table],
        )
        return cursor.fetchall()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's constraints")
def test_on_postgresql_the_ledger_loads_without_its_keys_and_gets_them_back():
    before, cases_before = _constraints(), _constraints(Case)
    during = []

    def watch_the_load(execute, sql, params, many, context):
        if "FROM scale_draw" in sql:
            during.extend(d for _name, d in _constraints() if d.startswith(KEYS))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch_the_load):
        generate(sizes=SMALL, seed=7)

    # the rows queued no trigger check and kept no unique index current: neither was there
    assert during == []
    # and every constraint is back under its name, with its definition (keys deferred as before)
    assert _constraints() == before
    # as is every constraint of a table the other steps load (through COPY, keys dropped too)
    assert _constraints(Case) == cases_before
    keys = [d for _name, d in before if d.startswith("FOREIGN KEY")]
    assert len(keys) == 3 and all("DEFERRABLE INITIALLY DEFERRED" in d for d in keys)
    assert any(name == "dutyrecord_unique_act_seq" for name, _d in before)
