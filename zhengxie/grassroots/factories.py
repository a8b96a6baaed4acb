"""Test factories for the grassroots casework; each makes what it needs and no more."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from zhengxie.core import factories as core
from zhengxie.core.models import Committee, Role, Town, User, Venue

from .models import Action, Case, CaseSource, CaseState, Rating
from .services.resolution import final_rating_after


def make_photo(
    *, name: str = "photo.png", fmt: str = "PNG", content_type: str = "image/png"
) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def make_convenor_venue(*, committee: Committee, town: Town | None = None) -> tuple[User, Venue]:
    convenor = core.make_user(role=Role.CONVENOR, committee=committee)
    return convenor, core.make_venue(committee=committee, town=town, convenor=convenor)


def make_case(
    *,
    venue: Venue | None = None,
    town: Town | None = None,
    state: str = CaseState.RAISED,
    reporter: User | None = None,
    category: str = "livelihood",
    source: str = CaseSource.RESIDENT,
    raised_on: dt.date = dt.date(2022, 3, 1),
    **fields,
) -> Case:
    """A case put straight into a state, for tests of what comes after."""
    town = town or venue.town
    return Case.objects.create(
        committee_id=town.committee_id,
        town=town,
        venue=venue,
        state=state,
        reporter=reporter,
        category=category,
        source=source,
        raised_on=raised_on,
        title=fields.pop("title", "小区路灯不亮"),
        description=fields.pop("description", "晚上出行不便"),
        place=fields.pop("place", "幸福小区"),
        reporter_name=fields.pop("reporter_name", "王大妈"),
        reporter_phone=fields.pop("reporter_phone", "13912345678"),
        **fields,
    )


def make_rating(*, case: Case, value: str, rated_on: dt.date) -> Rating:
    """A rating of a case whatever its state, for tests of the figures; the case's final
    rating kept as the rating service keeps it."""
    rating = Rating.objects.create(case=case, value=value, rated_on=rated_on)
    case.refresh_from_db(fields=["final_rating", "final_rated_on"])
    final = final_rating_after(rating, case)
    for name, new in final.items():
        setattr(case, name, new)
    case.save(update_fields=list(final))
    return rating


def make_action(*, case: Case, due_on: dt.date, **fields) -> Action:
    return Action.objects.create(
        committee_id=case.committee_id,
        case=case,
        due_on=due_on,
        description=fields.pop("description", "更换路灯"),
        responsible_name=fields.pop("responsible_name", "社区居委会"),
        **fields,
    )
