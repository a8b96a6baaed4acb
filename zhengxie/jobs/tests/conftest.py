import pytest

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.jobs import factories


@pytest.fixture
def town(city):
    return core.make_town(committee=city, name="厉山镇")


@pytest.fixture
def office(city):
    return core.make_user(role=Role.STAFF, committee=city)


@pytest.fixture
def owner(city):
    return core.make_user(role=Role.RESIDENT, committee=city, mobile="13972210001")


@pytest.fixture
def employer(city, owner, town, office):
    return factories.make_employer(committee=city, owner=owner, town=town, office=office)


@pytest.fixture
def job(employer, office):
    return factories.make_job(employer=employer, office=office, title="包装工")


@pytest.fixture
def seeker(city):
    return core.make_user(role=Role.RESIDENT, committee=city)


@pytest.fixture
def resume(seeker):
    return factories.make_resume(user=seeker, mobile="13871231234")
