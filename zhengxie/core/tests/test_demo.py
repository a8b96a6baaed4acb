from django.core.management import call_command

from zhengxie.core.models import Committee, Member, Venue


def test_seed_demo_builds_the_suizhou_world_once(db):
    # when
    call_command("seed_demo")
    call_command("seed_demo")
    # then
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
