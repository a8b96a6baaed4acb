"""The forum's board groups and boards on the 基础数据 pages: the committee's office adds and
edits them (moderators and the board's own credit points included), with history; others are
refused; the list costs the same queries at any size."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from zhengxie.core.directory import KINDS
from zhengxie.core.models import Role
from zhengxie.portal.factories import make_board
from zhengxie.portal.models import Board, BoardGroup
from zhengxie.portal.services.credits import board_points, set_board_credit_points


@pytest.fixture
def group(city):
    return BoardGroup.objects.create(committee=city, name="社区交流", sort_order=1)


def _board_post(group: BoardGroup, **changes) -> dict:
    return {
        "group": group.pk,
        "name": "民生杂谈",
        "slug": "minsheng",
        "description": "身边的民生事",
        "kind": "discussion",
        "view_audience": ["guest", "resident"],
        "post_audience": ["resident"],
        "reply_audience": ["resident", "member"],
        "sort_order": 3,
        **changes,
    }


def test_the_forum_and_job_dictionaries_are_on_the_directory_pages():
    assert {"board-groups", "boards", "job-categories"} <= set(KINDS)


def test_the_office_adds_a_board_group_with_history(client, city, staff):
    client.force_login(staff)

    response = client.post(
        reverse("core:record_create", args=["board-groups"]), {"name": "政协资讯", "sort_order": 0}
    )

    assert response.status_code == 302
    group = BoardGroup.objects.get(committee=city, name="政协资讯")
    assert group.history.get().history_user == staff


def test_the_office_adds_a_board_with_moderators_and_its_own_credit_points(
    client, city, staff, group, make_user
):
    moderator = make_user(Role.MEMBER, city)
    client.force_login(staff)

    response = client.post(
        reverse("core:record_create", args=["boards"]),
        _board_post(group, moderators=[moderator.pk], credit_reply=3, credit_thread=""),
    )

    assert response.status_code == 302
    board = Board.objects.get(committee=city, slug="minsheng")
    assert (board.group, board.name, board.sort_order) == (group, "民生杂谈", 3)
    assert (board.view_audience, board.reply_audience) == (
        ["guest", "resident"],
        ["resident", "member"],
    )
    assert list(board.moderators.all()) == [moderator]
    assert board_points(board)["reply"] == 3
    assert board_points(board)["thread"] == 2  # the committee's default
    # the board's row, then its moderators, each in its history under the office's name
    assert [v.history_user for v in board.history.order_by("history_id")] == [staff, staff]
    assert board.credit_rules.get().history.get().history_user == staff


def test_editing_a_board_changes_its_moderators_and_drops_a_cleared_credit_rule(
    client, city, staff, group, make_user
):
    first, second = make_user(Role.MEMBER, city), make_user(Role.STAFF, city)
    board = make_board(committee=city, slug="minsheng")
    board.moderators.add(first)
    set_board_credit_points(actor=staff, board=board, points={"reply": 3})
    client.force_login(staff)
    url = reverse("core:record_edit", args=["boards", board.pk])
    assert client.get(url).context["form"]["credit_reply"].value() == 3

    client.post(url, _board_post(group, moderators=[second.pk], credit_reply=""))

    board.refresh_from_db()
    assert list(board.moderators.all()) == [second]
    assert not board.credit_rules.exists()
    page = client.get(url).content.decode()
    assert "修改记录" in page and str(staff) in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"post_audience": ["guest"]}, "post_audience", "可发主题：游客未登录，不能勾选"),
        (
            {"view_audience": ["member", "staff"], "reply_audience": ["resident"]},
            "reply_audience",
            "可回复：只能勾选可浏览本版块的人",
        ),
        ({"slug": "min sheng"}, "slug", ""),
        ({"credit_digest": 1000}, "credit_digest", ""),
    ],
)
def test_a_bad_board_is_refused_beside_its_field(
    client, city, staff, group, changes, field, message
):
    client.force_login(staff)

    response = client.post(
        reverse("core:record_create", args=["boards"]), _board_post(group, **changes)
    )

    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Board.objects.exists()


def test_a_board_takes_neither_a_group_nor_a_moderator_of_another_committee(
    client, city, county, staff, group, make_user
):
    foreign_group = BoardGroup.objects.create(committee=county, name="县分区")
    outsider = make_user(Role.MEMBER, county)
    client.force_login(staff)

    response = client.post(
        reverse("core:record_create", args=["boards"]),
        _board_post(foreign_group, moderators=[outsider.pk]),
    )

    assert {"group", "moderators"} <= set(response.context["form"].errors)
    assert not Board.objects.exists()


def test_a_slug_is_the_boards_own_within_the_committee(client, city, staff, group):
    make_board(committee=city, slug="minsheng")
    client.force_login(staff)

    response = client.post(reverse("core:record_create", args=["boards"]), _board_post(group))

    assert "本政协已有代码相同的记录" in response.context["form"].errors["slug"][0]


@pytest.mark.parametrize("kind", ["board-groups", "boards"])
@pytest.mark.parametrize("who", ["member", "county_staff"])
def test_a_member_or_another_committees_office_may_not_edit_the_boards(
    client, city, county, make_user, group, kind, who
):
    board = make_board(committee=city, slug="minsheng")
    record = {"board-groups": group, "boards": board}[kind]
    actor = make_user(Role.MEMBER, city) if who == "member" else make_user(Role.STAFF, county)
    client.force_login(actor)

    response = client.post(
        reverse("core:record_edit", args=[kind, record.pk]),
        _board_post(group, name="改名", sort_order=9),
    )

    assert response.status_code in (403, 404)
    record.refresh_from_db()
    assert record.name != "改名"


def test_only_the_boards_office_sets_its_credit_points(city, county, group, make_user):
    board = make_board(committee=city)

    for outsider in (make_user(Role.MEMBER, city), make_user(Role.STAFF, county)):
        with pytest.raises(PermissionDenied):
            set_board_credit_points(actor=outsider, board=board, points={"reply": 5})

    assert not board.credit_rules.exists()


def test_setting_the_same_credit_points_writes_nothing(city, staff):
    board = make_board(committee=city)
    assert set_board_credit_points(actor=staff, board=board, points={"reply": 3}) is True

    assert set_board_credit_points(actor=staff, board=board, points={"reply": 3}) is False
    assert board.credit_rules.get().history.count() == 1


@pytest.mark.parametrize("kind", ["board-groups", "boards"])
def test_the_board_lists_cost_the_same_queries_at_any_size(
    client, city, staff, make_user, kind, django_assert_max_num_queries
):
    moderator = make_user(Role.MEMBER, city)
    for n in range(30):
        board = make_board(committee=city, slug=f"b{n}")
        board.moderators.add(moderator)
        BoardGroup.objects.create(committee=city, name=f"分区{n}")
    client.force_login(staff)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("core:record_list", args=[kind]))

    assert len(response.context["rows"]) >= 30
