"""The search over everything (全站搜索), as on the web's /search/: every kind of record the
caller may open (guests the public ones), newest first, with highlighted snippets and facet
counts by kind, committee and year; `next` paging on (date, id)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from zhengxie.search.everything import PAGE_SIZE, search_everything
from zhengxie.search.views import parse_query

from ..auth import token_or_guest
from ..errors import ERRORS

router = Router(tags=["search"])


class HitOut(Schema):
    kind: str = Field(description="类型，如 proposal、opinion_report、case")
    kind_label: str
    id: int = Field(description="记录编号", alias="object_id")
    committee_name: str
    dated: date = Field(description="记录日期（提交、举办、编发、发布）")
    url: str = Field(description="网页地址")
    title_html: str = Field(description="标题，已转义，命中词以 <mark> 标出")
    snippet_html: str = Field(description="摘要，已转义，命中词以 <mark> 标出")


class FacetOut(Schema):
    value: str = Field(description="筛选参数的取值")
    label: str
    count: int


class EverythingOut(Schema):
    items: list[HitOut]
    next: str | None = Field(description="下一页的翻页标记；没有下一页时为 null")
    kinds: list[FacetOut]
    committees: list[FacetOut]
    years: list[FacetOut]
    counts_are_lower_bounds: bool = Field(
        description="为 true 时命中太多，各分面只统计了最新的若干条，count 为下限而非总数"
    )


class EverythingIn(Schema):
    q: str = Field("", description="关键词（中文按词和字检索）；为空时无结果")
    kind: str = Field("", description="只看这一类")
    committee: int | None = Field(None, description="只看这一级政协")
    year: int | None = Field(None, description="只看这一年")
    cursor: str = Field("", description="上一页答复中的 next")
    limit: int = Field(PAGE_SIZE, ge=1, le=100)


@router.get("", response={200: EverythingOut, **ERRORS}, auth=token_or_guest)
def search(request: HttpRequest, filters: Query[EverythingIn]):
    """Everything the caller may open holding every word of `q`: the web search's form and
    selector, each app's own reading rules."""
    data = filters.dict()
    data["after"] = data.pop("cursor")
    size = data.pop("limit")
    form, query = parse_query({k: v for k, v in data.items() if v not in (None, "")})
    if query is None:
        raise ValidationError(form.errors.as_data())
    page = search_everything(request.user, query, size=size)
    return {
        "items": page.results,
        "next": page.next_cursor or None,
        "kinds": page.kinds,
        "committees": page.committees,
        "years": page.years,
        "counts_are_lower_bounds": page.counts_are_lower_bounds,
    }
