"""The statistics service's round trips: the province's review computes every city's figures,
so each section reads several figures from one aggregate over its table rather than one query
per figure (on PostgreSQL every query is a round trip to the server)."""

from zhengxie.core.factories import make_committee
from zhengxie.insights.selectors import compute_annual_figures


def test_a_city_roll_up_reads_its_figures_in_a_fixed_number_of_queries(
    city, county, django_assert_num_queries
):
    make_committee(code="county2", parent=city, name="测试二县政协")
    compute_annual_figures(committee=city, year=2022)  # fills the caches of rules and types

    with django_assert_num_queries(17):
        compute_annual_figures(committee=city, year=2022)
