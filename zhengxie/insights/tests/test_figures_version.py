"""The figures' cache version moves when a record changes, and again when the change commits."""

import pytest
from django.db import transaction

from zhengxie.core.factories import make_member
from zhengxie.insights.selectors import bump_figures_version, figures_version


@pytest.mark.django_db(transaction=True)
def test_figures_read_before_a_change_commits_are_not_kept_after_it(
    city, django_capture_on_commit_callbacks
):
    with transaction.atomic():
        with django_capture_on_commit_callbacks() as hooks:
            for _ in range(3):
                make_member(committee=city)
        # a request reading now sees the rows as they were and caches under this version
        read_before_commit = figures_version()
    assert figures_version() > read_before_commit
    # one bump on commit however many records the transaction saved
    assert hooks.count(bump_figures_version) == 1
