"""委员风采: the members who switched their page on, and one member's public page. Only what a
guest may read: names, seats and published records; no contact field is ever selected into a
page's context. Constant queries for the index (a page of members) and for a member's page."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from zhengxie.core.models import Committee, Member, Sector

from ..models import DeedState, PracticalDeed, Showcase
from ..providers import showcase_sections

PAGE_SIZE = 24
DEEDS_SHOWN = 20
# The member's fields a public page may show; contact details (mobile, ID, address, e-mail)
# are on the account and the roster and never leave them for these pages.
PUBLIC_FIELDS = (
    "id",
    "name",
    "gender",
    "ethnicity",
    "party",
    "public_title",
    "is_standing",
    "committee__id",
    "committee__name",
    "committee__short_name",
    "sector__id",
    "sector__name",
    "special_committee__id",
    "special_committee__name",
    "showcase__is_featured",
)


def _public_members() -> QuerySet:
    return (
        Member.objects.filter(is_active=True, showcase__is_public=True)
        .select_related("committee", "sector", "special_committee", "showcase")
        .only(*PUBLIC_FIELDS)
    )


def list_showcase(*, committee_id: int | None = None, sector_id: int | None = None) -> QuerySet:
    """Featured pages first, then by committee and seat order; paged by the view (one count and
    one page query)."""
    members = _public_members()
    if committee_id:
        members = members.filter(committee_id=committee_id)
    if sector_id:
        members = members.filter(sector_id=sector_id)
    return members.order_by("-showcase__is_featured", "committee_id", "id")


def showcase_filters() -> dict:
    """The committees and sectors that have a public page, for the index's filters."""
    public = Member.objects.filter(is_active=True, showcase__is_public=True)
    return {
        "committees": list(
            Committee.objects.filter(pk__in=public.values("committee_id")).order_by("id")
        ),
        "sectors": list(
            Sector.objects.filter(pk__in=public.values("sector_id"))
            .select_related("committee")
            .order_by("committee_id", "sort_order", "id")
        ),
    }


@dataclass
class ShowcasePage:
    member: Member
    deeds: list[PracticalDeed]
    sections: list[dict]


def get_showcase(*, member_id: int) -> ShowcasePage:
    """A member's public page; a page the member has not switched on does not exist."""
    member = _public_members().filter(pk=member_id).first()
    if member is None:
        raise Http404
    deeds = list(
        PracticalDeed.objects.filter(member=member, state=DeedState.CONFIRMED)
        .only("title", "place", "beneficiaries", "done_on")
        .order_by("-done_on", "-id")[:DEEDS_SHOWN]
    )
    sections = [
        {"key": section.key, "title": section.title, "items": section.provider(member=member)}
        for section in showcase_sections()
    ]
    return ShowcasePage(member=member, deeds=deeds, sections=sections)


def showcase_of(member: Member) -> Showcase | None:
    return Showcase.objects.filter(member=member).first()
