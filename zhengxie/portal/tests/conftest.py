import pytest

from zhengxie.core.models import Role
from zhengxie.portal.factories import make_board, make_thread
from zhengxie.search.services import clear_kind


@pytest.fixture(autouse=True)
def _empty_search_index_after_transactional_tests(request):
    """Posts are indexed as they are written. A transactional test's flush empties the
    tables but not SQLite's FTS5 index, whose rows would then count in later searches."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    clear_kind()


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
