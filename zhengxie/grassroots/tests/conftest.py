import pytest

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.grassroots import factories


@pytest.fixture
def town(county):
    return core.make_town(committee=county, name="洪山镇")


@pytest.fixture
def convenor_venue(county, town):
    return factories.make_convenor_venue(committee=county, town=town)


@pytest.fixture
def convenor(convenor_venue):
    return convenor_venue[0]


@pytest.fixture
def venue(convenor_venue):
    return convenor_venue[1]


@pytest.fixture
def resident(city):
    return core.make_user(role=Role.RESIDENT, committee=city)


@pytest.fixture
def county_staff(county):
    return core.make_user(role=Role.STAFF, committee=county)


@pytest.fixture
def member(county):
    return core.make_member(committee=county, with_account=True)
