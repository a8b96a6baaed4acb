"""Checks on what a person typed that several services share."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.workflow import InvalidInput


def require_text(text: str, *, what: str, field: str) -> str:
    """A text the person must write (a reply, an opinion, who took part), stripped; `field`
    names the input that lacks it."""
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("请填写%(what)s。") % {"what": what}, field=field)
    return text


def check_not_future(at: dt.datetime | None, *, what: str) -> None:
    """`at` dates an act done earlier and entered now (a paper record typed in later): it
    cannot lie ahead. `what` names the time in the person's words."""
    if at is not None and at > timezone.now():
        raise ValidationError({"at": _("%(what)s：不能晚于现在。") % {"what": what}})


def dated(at: dt.datetime | None) -> dict:
    """A step's data for an act dated `at`: none for an act done now."""
    return {} if at is None else {"at": at}
