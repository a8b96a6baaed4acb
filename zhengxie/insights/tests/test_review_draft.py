"""The office's editable review: fields that stay live until publication freezes them, the
edit history, who may write it, the year-on-year and county comparisons, and publication to
the portal's news with a byline and source."""

import copy

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zhengxie.core import factories
from zhengxie.core.models import Role
from zhengxie.insights.models import ReviewDraft
from zhengxie.insights.review import (
    NO_PREVIOUS,
    ReviewDocument,
    check_prose,
    flatten,
    paragraphs,
    year_on_year,
)
from zhengxie.insights.selectors import compute_annual_figures
from zhengxie.insights.services import (
    publish_review_draft,
    review_document,
    save_review_draft,
)
from zhengxie.portal.factories import make_board
from zhengxie.portal.models import BoardKind, Thread

PROSE = "# 委员\n本届委员{{ members.total }}名，办复率{{ proposals.reply_rate }}。\n"


@pytest.fixture
def news(city):
    return make_board(committee=city, kind=BoardKind.NEWS, post=["staff"])


def test_fields_are_filled_from_the_figures(city):
    figures = compute_annual_figures(committee=city, year=2022)
    factories.make_member(committee=city)
    later = compute_annual_figures(committee=city, year=2022)

    before = paragraphs(figures, PROSE)
    after = paragraphs(later, PROSE)

    assert before == [("委员", "本届委员0名，办复率0.0%。")]
    assert after[0][1].startswith(f"本届委员{later['members']['total']}名")
    assert later["members"]["total"] == 1


@pytest.mark.parametrize(
    ("prose", "message"),
    [
        ("共{{ proposals.nonsense }}件", "第1行：没有名为“proposals.nonsense”的数据字段。"),
        ("# 标题\n共{{ proposals }}件", "第2行：没有名为“proposals”的数据字段。"),
        ("共{{ proposals.received 件", "第1行：数据字段应写作 {{ 字段名 }}，括号不完整。"),
        ("   ", "正文：不能为空。"),
    ],
)
def test_a_bad_field_is_refused_naming_its_line(city, prose, message):
    figures = compute_annual_figures(committee=city, year=2022)

    with pytest.raises(ValidationError) as error:
        check_prose(prose, figures)

    assert message in error.value.messages


def test_office_staff_save_the_draft_and_each_edit_is_in_its_history(city, make_user):
    staff = make_user(Role.STAFF, city)

    save_review_draft(actor=staff, committee=city, year=2022, prose=PROSE)
    draft = save_review_draft(actor=staff, committee=city, year=2022, prose=PROSE + "新的一段。")

    versions = list(draft.history.order_by("history_date"))
    assert [v.history_user for v in versions] == [staff, staff]
    assert versions[-1].prose.endswith("新的一段。\n")


def test_an_unknown_field_changes_nothing(city, make_user):
    staff = make_user(Role.STAFF, city)
    save_review_draft(actor=staff, committee=city, year=2022, prose=PROSE)

    with pytest.raises(ValidationError):
        save_review_draft(actor=staff, committee=city, year=2022, prose="{{ 不存在 }}")

    draft = ReviewDraft.objects.get(committee=city, year=2022)
    assert draft.prose == PROSE
    assert draft.history.count() == 1


@pytest.mark.parametrize("role", [Role.LEADER, Role.MEMBER, Role.ADMIN, Role.UNIT])
def test_only_office_staff_write_the_review(city, make_user, role):
    with pytest.raises(PermissionDenied):
        save_review_draft(actor=make_user(role, city), committee=city, year=2022, prose=PROSE)

    assert not ReviewDraft.objects.exists()


def test_each_office_writes_only_its_own_committees_review(city, county, make_user):
    city_staff, county_staff = make_user(Role.STAFF, city), make_user(Role.STAFF, county)

    with pytest.raises(PermissionDenied):
        save_review_draft(actor=city_staff, committee=county, year=2022, prose=PROSE)
    with pytest.raises(PermissionDenied):
        save_review_draft(actor=county_staff, committee=city, year=2022, prose=PROSE)
    save_review_draft(actor=county_staff, committee=county, year=2022, prose=PROSE)

    assert list(ReviewDraft.objects.values_list("committee", flat=True)) == [county.pk]


def test_publishing_freezes_the_figures_and_posts_a_news_thread(city, county, make_user, news):
    staff = make_user(Role.STAFF, city)
    factories.make_member(committee=city)
    save_review_draft(actor=staff, committee=city, year=2022, prose=PROSE)

    draft = publish_review_draft(
        actor=staff,
        committee=city,
        year=2022,
        byline="随州日报全媒记者 陈巧玲 林超",
        source="随州日报",
    )
    factories.make_member(committee=city)  # after publication: the review must not move

    thread = Thread.objects.get(pk=draft.thread_id)
    assert (thread.board, thread.byline, thread.source) == (
        news,
        "随州日报全媒记者 陈巧玲 林超",
        "随州日报",
    )
    assert "本届委员1名" in thread.posts.get(floor=1).body_text
    frozen = review_document(committee=city, year=2022, rollup=True)
    live = review_document(committee=county, year=2022, rollup=False)
    assert frozen.paragraphs()[0][1].startswith("本届委员1名")
    assert compute_annual_figures(committee=city, year=2022)["members"]["total"] == 2
    assert live.figures["committee"] == county.code
    assert draft.history.order_by("-history_date").first().published_at is not None


def test_a_published_review_cannot_be_edited_or_published_again(city, make_user, news):
    staff = make_user(Role.STAFF, city)
    save_review_draft(actor=staff, committee=city, year=2022, prose=PROSE)
    publish_review_draft(actor=staff, committee=city, year=2022, byline="", source="")

    with pytest.raises(ValidationError, match="已发布"):
        save_review_draft(actor=staff, committee=city, year=2022, prose=PROSE + "改")
    with pytest.raises(ValidationError, match="已发布"):
        publish_review_draft(actor=staff, committee=city, year=2022, byline="", source="")

    assert Thread.objects.count() == 1


def test_publishing_without_a_news_board_changes_nothing(city, make_user):
    staff = make_user(Role.STAFF, city)
    save_review_draft(actor=staff, committee=city, year=2022, prose=PROSE)

    with pytest.raises(ValidationError, match="新闻版块"):
        publish_review_draft(actor=staff, committee=city, year=2022, byline="", source="")

    assert ReviewDraft.objects.get().published_at is None
    assert not Thread.objects.exists()


def test_a_byline_over_the_limit_is_refused_by_name(city, make_user, news):
    staff = make_user(Role.STAFF, city)
    save_review_draft(actor=staff, committee=city, year=2022, prose=PROSE)

    with pytest.raises(ValidationError) as error:
        publish_review_draft(actor=staff, committee=city, year=2022, byline="长" * 121, source="")

    assert error.value.message_dict == {"byline": ["署名：不能超过120个字。"]}
    assert not Thread.objects.exists()


def _figures_with(figures: dict, **values) -> dict:
    """The figures with some headline counts set (dotted keys with "__" for ".")."""
    changed = copy.deepcopy(figures)
    for dotted, value in values.items():
        *path, last = dotted.split("__")
        section = changed
        for key in path:
            section = section[key]
        section[last] = value
    return changed


def test_year_on_year_gives_the_change_and_its_percentage(city):
    empty = compute_annual_figures(committee=city, year=2021)
    before = _figures_with(
        empty, proposals__received=40, proposals__reply_rate=0.5, activities__held=3
    )
    now = _figures_with(
        compute_annual_figures(committee=city, year=2022),
        proposals__received=50,
        proposals__reply_rate=0.75,
    )

    table = year_on_year(now, before)

    rows = {row[0]: row[1:] for row in table.rows}
    assert table.header == ["指标", "2021年", "2022年", "增减", "增减幅度"]
    assert rows["收到提案"] == ["40", "50", "+10", "+25.0%"]
    assert rows["办复率"] == ["50.0%", "75.0%", "+25.0 个百分点", "—"]
    assert rows["立案提案"] == ["0", "0", "+0", "—"]  # a figure that was 0 has no percentage
    assert rows["履职活动"] == ["3", "0", "-3", "-100.0%"]
    # the year had records, but no opinion reports: that section says so
    assert rows["报送社情民意"] == [NO_PREVIOUS, "0", NO_PREVIOUS, NO_PREVIOUS]
    assert len(table.rows) == len({row[0] for row in table.rows})


def test_a_previous_year_without_records_is_said_not_counted_as_growth(city):
    now = _figures_with(compute_annual_figures(committee=city, year=2022), proposals__received=50)
    before = compute_annual_figures(committee=city, year=2021)

    table = year_on_year(now, before)

    received = next(row for row in table.rows if row[0] == "收到提案")
    assert received == ["收到提案", NO_PREVIOUS, "50", NO_PREVIOUS, NO_PREVIOUS]
    assert all(NO_PREVIOUS in row for row in table.rows)


def test_the_citys_review_compares_its_counties_and_a_countys_does_not(city, county, other_county):
    factories.make_member(committee=county)

    city_review = review_document(committee=city, year=2022, rollup=True)
    county_review = review_document(committee=county, year=2022, rollup=False)

    table = city_review.counties()
    assert [row[0] for row in table.rows] == [county.name, other_county.name]
    members = table.header.index("委员")
    assert [row[members] for row in table.rows] == ["1", "0"]
    assert county_review.counties() is None
    assert table in city_review.all_tables()


def test_every_headline_field_exists_in_the_figures(city):
    fields = flatten(compute_annual_figures(committee=city, year=2022))
    document = ReviewDocument(
        {
            "current": compute_annual_figures(committee=city, year=2022),
            "previous": {},
            "counties": [],
        }
    )

    assert document.title == "测试市政协2022年工作回眸"
    assert {"proposals.received", "members.five_ones_completion_rate"} <= set(fields)


# --- pages ------------------------------------------------------------------------------------


def test_leaders_read_the_draft_without_a_form(client, city, make_user):
    client.force_login(make_user(Role.LEADER, city))

    response = client.get(reverse("insights:review_draft"), {"committee": city.pk, "year": 2022})

    assert response.status_code == 200
    assert response.context["editable"] is False
    assert 'name="prose"' not in response.content.decode()


def test_staff_edit_publish_and_the_thread_shows_the_byline(client, city, make_user, news):
    staff = make_user(Role.STAFF, city)
    client.force_login(staff)
    url = reverse("insights:review_draft")

    page = client.get(url, {"committee": city.pk, "year": 2022})
    bad = client.post(url, {"committee": city.pk, "year": 2022, "prose": "{{ 乱写 }}"})
    saved = client.post(url, {"committee": city.pk, "year": 2022, "prose": PROSE}, follow=True)
    published = client.post(
        reverse("insights:review_publish"),
        {"committee": city.pk, "year": 2022, "byline": "记者 甲", "source": "随州日报"},
        follow=True,
    )

    assert 'name="prose"' in page.content.decode()
    assert "没有名为“乱写”的数据字段" in bad.content.decode()
    assert "本届委员0名" in saved.content.decode()
    assert saved.context["history"][0]["who"] == staff
    html = published.content.decode()
    assert published.redirect_chain[-1][0] == reverse(
        "portal:thread", args=[Thread.objects.get().pk]
    )
    assert "记者 甲 来源：随州日报" in html
    assert "本届委员0名" in html


def test_the_review_page_shows_the_comparisons(client, city, county, make_user):
    client.force_login(make_user(Role.LEADER, city))

    response = client.get(
        reverse("insights:review"), {"committee": city.pk, "year": 2022, "rollup": "on"}
    )

    html = response.content.decode()
    assert "与2021年比较" in html
    assert "2021年没有记录，不作同比。" in html
    assert "县市区比较" in html and county.name in html


def test_the_draft_pages_queries_do_not_grow_with_its_edits(client, city, county, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zhengxie.core.factories import make_member

    staff = make_user(Role.STAFF, city)
    client.force_login(staff)
    url, scope = reverse("insights:review_draft"), {"committee": city.pk, "year": 2022}

    def queries_after(edits: int) -> int:
        for index in range(edits):
            save_review_draft(actor=staff, committee=city, year=2022, prose=f"{PROSE}第{index}稿")
            make_member(committee=county)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, scope)
        assert response.status_code == 200
        return len(captured)

    client.get(url, scope)  # the first request fills the caches every later one reads
    small, large = queries_after(1), queries_after(6)

    assert large == small
    assert small <= 107  # this year's and last year's figures, and the county comparison
