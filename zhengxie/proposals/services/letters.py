"""委员来信: opened when the review converts a proposal (转委员来信), forwarded by the office to
the unit concerned and closed with the answer. Every step goes through the letter's table
(workflow/letter.py); these are its effects."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import Step

from ..models import Letter
from ..notifications import LETTER_FORWARDED, LETTER_PROGRESS
from .handling import _unit_users
from .notices import recipients_of


def open_letter(step: Step) -> None:
    """On entering 转委员来信: the letter the office goes on with. Once only, so an override
    back and forth keeps the one letter and its history."""
    proposal = step.record
    if Letter.objects.filter(proposal=proposal).exists():
        return
    letter = Letter(
        committee_id=proposal.committee_id,
        proposal=proposal,
        title=proposal.title,
        created_at=step.moment(),
    )
    letter._history_user = step.actor
    letter._history_date = letter.created_at
    letter._change_reason = step.reason or str(step.label)
    letter.save()


def check_unit(step: Step) -> None:
    unit = step.data.get("unit")
    if unit is None:
        raise ValidationError({"unit": _("请选择转办单位。")})
    if unit.committee_id != step.record.committee_id:
        raise ValidationError({"unit": _("转办单位须是本级政协的承办单位。")})


def set_forwarded(step: Step) -> None:
    step.touch(unit=step.data["unit"], forwarded_on=timezone.localdate())


def record_answer(step: Step) -> None:
    step.touch(answer=step.reason, answered_on=timezone.localdate(), answered_by=step.actor)


def _tell_proposers(letter: Letter, *, title: str, body: str) -> None:
    notify(
        kind=LETTER_PROGRESS,
        recipients=recipients_of(letter.proposal),
        title=title,
        body=body,
        url=reverse("proposals:my_letters"),
    )


def tell_forwarded(step: Step) -> None:
    """The unit learns it has a letter to answer; the proposers, where it went."""
    letter = step.record
    notify(
        kind=LETTER_FORWARDED,
        recipients=_unit_users([letter.unit]),
        title=_("转办委员来信：%(t)s") % {"t": letter.title},
        body=step.reason,
        url=letter.get_absolute_url(),
    )
    _tell_proposers(
        letter,
        title=_("委员来信“%(t)s”已转办") % {"t": letter.title},
        body=_("转办单位：%(u)s") % {"u": letter.unit.name},
    )


def tell_answered(step: Step) -> None:
    letter = step.record
    _tell_proposers(
        letter, title=_("委员来信“%(t)s”已答复") % {"t": letter.title}, body=letter.answer
    )
