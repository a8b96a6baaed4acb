"""Shared query shapes: count_together reads counts over several tables in one statement."""

from zhengxie.core.factories import make_member, make_venue
from zhengxie.core.models import Member, Venue
from zhengxie.core.queries import count_together


def test_count_together_reads_each_querysets_count_in_one_statement(
    city, county, django_assert_num_queries
):
    # given two venues and three members in the city, one of them no longer serving, and a
    # venue in the county
    make_venue(committee=city)
    make_venue(committee=city)
    make_venue(committee=county)
    for active in (True, True, False):
        make_member(committee=city, is_active=active)

    # when the city's venues and serving members are counted together
    with django_assert_num_queries(1):
        found = count_together(
            venues=Venue.objects.filter(committee=city),
            serving=Member.objects.filter(committee=city, is_active=True),
            county_members=Member.objects.filter(committee=county),
        )

    # then each count is its queryset's, in the order asked
    assert list(found.items()) == [("venues", 2), ("serving", 2), ("county_members", 0)]


def test_count_together_counts_an_empty_scope_as_zero(city):
    # given a venue in the city; when a scope of no committees is counted beside the city's
    make_venue(committee=city)
    found = count_together(
        nowhere=Venue.objects.filter(committee_id__in=[]),
        city=Venue.objects.filter(committee=city),
    )

    # then the empty scope counts 0 and the other count is unaffected
    assert found == {"nowhere": 0, "city": 1}


def test_count_together_counts_distinct_values_as_count_would(city, county):
    # given three venues over two committees
    for committee in (city, city, county):
        make_venue(committee=committee)
    committees = Venue.objects.values("committee").distinct()

    # when the committees having a venue are counted together with the venues
    found = count_together(committees=committees, venues=Venue.objects.all())

    # then the distinct values count as the queryset's own count() does
    assert found == {"committees": committees.count(), "venues": 3}
    assert found["committees"] == 2
