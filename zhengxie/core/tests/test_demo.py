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
