import pytest

from zhengxie.core.models import Role
from zhengxie.portal.factories import make_board, make_thread


@pytest.fixture
def board(city):
    return make_board(committee=city)


@pytest.fixture
def resident(city, make_user):
    return make_user(Role.RESIDENT, city)


@pytest.fixture
def moderator(city, make_user, board):
    user = make_user(Role.RESIDENT, city)
    board.moderators.add(user)
    return user


@pytest.fixture
def thread(board, staff):
    return make_thread(board=board, author=staff, title="随州市政协2022年工作回眸")
