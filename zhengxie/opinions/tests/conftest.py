import pytest

from zhengxie.core.models import Role
from zhengxie.opinions.factories import make_author, make_office


@pytest.fixture
def author(city):
    return make_author(committee=city)


@pytest.fixture
def office(city):
    return make_office(committee=city)


@pytest.fixture
def county_office(county):
    return make_office(committee=county)


@pytest.fixture
def people(city, county, author, office, make_user):
    """One person per role; county staff stand for 'staff of another committee'."""
    return {
        "author": author.user,
        "other_member": make_author(committee=city).user,
        "staff": office,
        "county_staff": make_user(Role.STAFF, county),
        "leader": make_user(Role.LEADER, city),
        "resident": make_user(Role.RESIDENT, city),
        "unit": make_user(Role.UNIT, city),
    }
