import io

from django.core.management import call_command

from zhengxie.core.models import Committee, Member, Venue


def test_seed_demo_builds_the_suizhou_world_once(demo_world, db):
    # given the demo world, seeded once for the run (demo_world is what that run printed)
    # when it is seeded again
    again = io.StringIO()
    call_command("seed_demo", stdout=again)
    # then both runs say how members sign in by number, password or SMS code
    for output in (demo_world, again.getvalue()):
        assert "13900000000–13900001118" in output
        assert "sms_outbox --phone 13900000000 --last" in output
    assert "  member         13900000001  刘荣" in demo_world
    assert Member.objects.count() == 1119
    assert Venue.objects.count() == 47
    city = Committee.objects.get(code="suizhou")
    assert set(city.children.values_list("code", flat=True)) == {"zengdu", "suixian", "guangshui"}
    assert all(c.plenaries.filter(code="5-1").exists() for c in Committee.objects.all())
    assert not Member.objects.filter(town__isnull=True).exists()


def test_seed_demo_refuses_a_database_holding_real_records(db):
    # given a database with a real committee and account, not built by the demo
    import pytest
    from django.core.management.base import CommandError

    from zhengxie.core.factories import make_committee, make_user

    make_committee(code="xiangyang", name="襄阳市政协")
    make_user(username="real-admin")
    # when / then
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert list(Committee.objects.values_list("code", flat=True)) == ["xiangyang"]
    assert not Member.objects.exists()


def test_seed_demo_keeps_no_log_of_its_statements(db, settings, monkeypatch):
    """On a developer's machine (DEBUG on) the seed's steps run without Django's statement
    log, which on SQLite costs a second statement for each of theirs."""
    from django.db import connection

    from zhengxie.core.management.commands.seed_demo import Command

    settings.DEBUG = True
    logged = []
    monkeypatch.setattr(
        Command, "_run", lambda self, step, world: logged.append(connection.queries_logged)
    )
    call_command("seed_demo", stdout=io.StringIO())
    assert logged and not any(logged)
