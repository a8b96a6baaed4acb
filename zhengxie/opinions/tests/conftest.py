import pytest

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
