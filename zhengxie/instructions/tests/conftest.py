import pytest

from zhengxie.core.models import Role
from zhengxie.opinions.factories import make_adopted_report, make_author, make_office
from zhengxie.proposals.factories import unit_of


@pytest.fixture
def author(city):
    return make_author(committee=city)


@pytest.fixture
def office(city):
    return make_office(committee=city)


@pytest.fixture
def leader(city, make_user):
    return make_user(Role.LEADER, city)


@pytest.fixture
def unit_user(city, make_user):
    return make_user(Role.UNIT, city)


@pytest.fixture
def unit(unit_user):
    return unit_of(unit_user)


@pytest.fixture
def adopted(author, office):
    return make_adopted_report(author=author, office=office)
