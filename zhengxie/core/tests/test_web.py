"""The web glue every app's views share (`zhengxie.core.web`) and a record's history on its
page (`history_context`)."""

import io

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from zhengxie.core.history import history_context
from zhengxie.core.models import Member, Role
from zhengxie.core.services.members import create_member, update_member
from zhengxie.core.web.downloads import DOCX, download
from zhengxie.core.web.errors import (
    messages_of,
    show_as_messages,
    show_form_errors_as_messages,
    show_on_form,
)
from zhengxie.core.web.pagination import paginate
from zhengxie.core.web.redirects import redirect_to, redirect_with_success
from zhengxie.core.web.scoping import committee_switch, office_committee
from zhengxie.core.workflow import WorkflowError


def _get(query: str = "", user=None):
    request = RequestFactory().get(f"/any/{query}")
    request.user = user
    request._messages = CookieStorage(request)
    return request


def _messages(request) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(request)]


class TitleForm(forms.Form):
    title = forms.CharField(label="标题")
    year = forms.IntegerField(label="年度")


# Errors ----------------------------------------------------------------------------------------


def test_a_field_error_goes_beside_its_field_and_the_rest_above_the_form():
    # given a valid form and a service's refusal naming one of its fields and one it lacks
    form = TitleForm({"title": "关于", "year": "2024"})
    assert form.is_valid()
    refusal = ValidationError({"title": "标题：与已有提案重复。", "plenary": "会议已闭幕。"})
    # when it is shown on the form
    show_on_form(form, refusal)
    # then each message stands where the person can act on it
    assert form.errors["title"] == ["标题：与已有提案重复。"]
    assert form.non_field_errors() == ["会议已闭幕。"]


@pytest.mark.parametrize(
    "refusal",
    [
        ValidationError("已截止。"),
        WorkflowError("已截止。"),
        PermissionDenied("已截止。"),
    ],
)
def test_a_refusal_without_a_field_stands_above_the_form(refusal):
    form = TitleForm({"title": "关于", "year": "2024"})
    form.is_valid()
    show_on_form(form, refusal)
    assert form.non_field_errors() == ["已截止。"]
    assert messages_of(refusal) == ["已截止。"]


def test_a_refusal_keeps_its_code_on_the_form():
    form = TitleForm({"title": "关于", "year": "2024"})
    form.is_valid()
    show_on_form(form, ValidationError("请一小时后再试。", code="throttled"))
    show_on_form(form, ValidationError({"title": ValidationError("重复。", code="duplicate")}))
    assert [e.code for e in form.non_field_errors().as_data()] == ["throttled"]
    assert [e.code for e in form.errors.as_data()["title"]] == ["duplicate"]


def test_each_message_of_a_refusal_becomes_one_error_message():
    request = _get()
    show_as_messages(request, ValidationError(["甲。", "乙。"]))
    show_as_messages(request, WorkflowError("丙。"))
    assert _messages(request) == [("error", "甲。"), ("error", "乙。"), ("error", "丙。")]


def test_a_form_posted_from_a_record_page_names_the_field_in_each_message():
    # given a form with an error on a field and one on the whole form
    form = TitleForm({"title": "", "year": "2024"})
    form.is_valid()
    form.add_error(None, "请稍后再试。")
    request = _get()
    # when its errors become messages
    show_form_errors_as_messages(request, form)
    # then the field's label leads its message; the form's own stands alone
    assert _messages(request) == [("error", "标题：这个字段是必填项。"), ("error", "请稍后再试。")]


# Redirects -------------------------------------------------------------------------------------


def test_after_a_post_the_browser_is_sent_on_with_the_success_message(city):
    request = _get()
    response = redirect_with_success(request, "已保存。", "core:record_list", "sectors")
    assert response.status_code == 302
    assert response.url == reverse("core:record_list", args=["sectors"])
    assert _messages(request) == [("success", "已保存。")]


def test_a_redirect_carries_the_committee_and_year_it_was_on():
    response = redirect_to("duty:standings", query={"committee": "wx", "year": 2024})
    assert response.url == reverse("duty:standings") + "?committee=wx&year=2024"
    assert redirect_to("/portal/thread/1/?page=2#floor-3").url == "/portal/thread/1/?page=2#floor-3"


# Pagination ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("", 1), ("2", 2), ("abc", 1), ("0", 1), ("-3", 1), ("²", 1), ("9" * 30, 1), ("99", 3)],
)
def test_any_page_number_opens_a_page(asked, shown):
    page = paginate(_get(f"?page={asked}"), list(range(25)), 10)
    assert page.number == shown


def test_page_links_keep_the_filters_and_drop_the_old_page_number():
    # given page 2 of a list filtered by state and committee
    page = paginate(_get("?state=raised&page=2&committee=wx"), list(range(25)), 10)
    # when the shared include renders its links
    html = render_to_string("core/_pagination.html", {"page": page})
    # then both links keep the filters
    assert page.query == "state=raised&committee=wx"
    assert "?state=raised&amp;committee=wx&page=1" in html
    assert "?state=raised&amp;committee=wx&page=3" in html


# History ---------------------------------------------------------------------------------------


def test_a_record_page_shows_its_history_only_to_those_it_is_shown_to(city, staff):
    member = create_member(user=staff, committee=city, fields={"name": "张三"})
    update_member(user=staff, member=member, fields={"name": "张三丰"})

    shown = history_context(member)["history"]
    hidden = history_context(member, shown=False)

    assert [entry.action for entry in shown] == ["修改", "创建"]
    assert hidden == {"history": []}
    html = render_to_string("core/_history.html", history_context(member))
    assert 'data-testid="history"' in html and "张三 → 张三丰" in html


def test_a_bulk_loaded_record_without_history_reads_as_none(city):
    [member] = Member.objects.bulk_create([Member(committee=city, name="李四")])
    assert history_context(member) == {"history": []}


# Committee picking -----------------------------------------------------------------------------


def test_office_pages_work_on_the_office_the_person_works_in(city, county, make_user):
    county_staff = make_user(Role.STAFF, county)
    assert office_committee(_get(user=county_staff)) == county
    with pytest.raises(PermissionDenied, match="只有政协机关工作人员可以操作"):
        office_committee(_get(user=make_user(Role.MEMBER, city)))


def test_the_switch_offers_every_allowed_committee_and_marks_the_one_named(city, county):
    context = committee_switch(_get(f"?committee={county.code}"), {city.pk, county.pk})
    assert context == {"committee": county, "committees": [city, county]}
    html = render_to_string("core/_committee_switch.html", context)
    assert f'<option value="{county.code}" selected>' in html
    assert f'<option value="{city.code}">' in html


# Downloads -------------------------------------------------------------------------------------


def test_a_chinese_file_name_reaches_the_browser_intact():
    response = download(b"PK", filename="提案表-1.docx", content_type=DOCX)
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E6%8F%90%E6%A1%88%E8%A1%A8-1.docx"
    )
    assert response.content == b"PK"


def test_an_open_file_is_streamed_and_an_image_may_be_shown_inline():
    response = download(
        io.BytesIO(b"GIF89a"), filename="a.gif", content_type="image/gif", inline=True
    )
    assert isinstance(response, FileResponse)
    assert response["Content-Disposition"] == 'inline; filename="a.gif"'
    assert b"".join(response.streaming_content) == b"GIF89a"
