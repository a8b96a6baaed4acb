"""Key proposals: selected from registered ones, each with a supervising leader and kind;
supervision activities are logged and leaders follow progress."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import User
from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import InvalidInput, WorkflowError

from ..models import KeyProposal, Proposal, SupervisionLog, SupervisorKind
from ..notifications import SUPERVISION
from ..permissions import check_office_of
from ..workflow import FINAL_STATES, REGISTERED_STATES
from .inputs import require_text


def select_key_proposal(
    *,
    proposal: Proposal,
    actor: User,
    supervisor_kind: str,
    supervisor: User | None = None,
    supervisor_name: str = "",
    note: str = "",
) -> KeyProposal:
    check_office_of(actor, proposal)
    if supervisor_kind not in SupervisorKind.values:
        raise InvalidInput(_("督办类型：无效。"), field="supervisor_kind")
    name = supervisor_name.strip() or (str(supervisor) if supervisor else "")
    name = require_text(name, what=_("督办领导"), field="supervisor_name")
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.state not in REGISTERED_STATES or locked.state in FINAL_STATES - {"closed"}:
            raise WorkflowError(_("只有已立案的提案可以确定为重点提案。"))
        if KeyProposal.objects.filter(proposal=locked).exists():
            raise WorkflowError(_("该提案已是重点提案。"))
        year = locked.year or timezone.localdate().year
        key = KeyProposal(
            committee_id=locked.committee_id,
            proposal=locked,
            supervisor=supervisor,
            supervisor_name=name,
            supervisor_kind=supervisor_kind,
            year=year,
            selected_on=timezone.localdate(),
            note=note,
        )
        key._history_user = actor
        key.save()
        if supervisor is not None:
            transaction.on_commit(
                lambda: notify(
                    kind=SUPERVISION,
                    recipients=[supervisor],
                    title=_("请您督办重点提案：%(t)s") % {"t": locked.title},
                    url=f"/proposals/{locked.pk}/",
                )
            )
    return key


def log_supervision(
    *,
    key: KeyProposal,
    actor: User,
    happened_on: dt.date,
    form: str,
    notes: str,
    participants: str = "",
) -> SupervisionLog:
    """Office staff or the supervising leader record a supervision activity."""
    if key.supervisor_id != actor.pk:
        check_office_of(actor, key.proposal)
    notes = require_text(notes, what=_("督办情况"), field="notes")
    if happened_on > timezone.localdate():
        raise InvalidInput(_("日期：不能晚于今天。"), field="happened_on")
    return SupervisionLog.objects.create(
        committee_id=key.committee_id,
        key_proposal=key,
        happened_on=happened_on,
        form=form,
        participants=participants,
        notes=notes,
        recorded_by=actor,
    )
