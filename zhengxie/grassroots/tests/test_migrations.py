import datetime as dt
import importlib

from django.apps import apps

from zhengxie.grassroots.factories import make_case
from zhengxie.grassroots.models import Case, CaseState, Rating

final_rating_migration = importlib.import_module(
    "zhengxie.grassroots.migrations.0005_case_final_rating"
)


def test_the_final_rating_migration_gives_each_rated_case_its_latest_rating(venue):
    # given cases rated before the case kept its final rating
    reopened, same_day, unrated = (make_case(venue=venue, state=CaseState.RATED) for _ in range(3))
    Rating.objects.create(case=reopened, value="unsatisfied", rated_on=dt.date(2022, 5, 1))
    Rating.objects.create(case=reopened, value="satisfied", rated_on=dt.date(2022, 6, 1))
    Rating.objects.create(case=reopened, value="unsatisfied", rated_on=dt.date(2022, 4, 1))
    Rating.objects.create(case=same_day, value="unsatisfied", rated_on=dt.date(2022, 6, 1))
    Rating.objects.create(case=same_day, value="basic", rated_on=dt.date(2022, 6, 1))
    # when the migration fills them
    final_rating_migration.fill_final_ratings(apps, None)
    # then each has its latest by day, then by entry, and an unrated case none
    finals = dict(Case.objects.values_list("pk", "final_rating"))
    assert finals == {reopened.pk: "satisfied", same_day.pk: "basic", unrated.pk: ""}
    reopened.refresh_from_db()
    assert reopened.final_rated_on == dt.date(2022, 6, 1)
