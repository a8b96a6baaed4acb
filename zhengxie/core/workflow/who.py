"""The predicates most workflows share; apps add their own (the proposer, the answering unit,
the venue's convenor) next to their tables."""

from collections.abc import Callable
from operator import attrgetter

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..permissions import is_office
from .definition import Who


def office(committee_of: Callable[[models.Model], int] = attrgetter("committee_id")) -> Who:
    """Staff or an administrator of the record's committee."""
    return Who(
        "office",
        _("本级政协机关"),
        lambda user, record: user is not None and is_office(user, committee_of(record)),
    )
