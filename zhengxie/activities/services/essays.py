"""理论征文: staff open a call, members submit before the deadline, reviewers score, staff
publish the results."""

import datetime as dt
import math
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.models import Committee, Member, User
from zhengxie.core.workflow import apply
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services import credit_duty

from ..models import Essay, EssayCall, EssayCallState, EssayScore, EssayState
from ..permissions import check_manage_activity_permission, member_of
from ..steps import take

# 评审结果按平均分划档：一等奖约 10%，二等奖约 20%，三等奖约 30%（每档至少一篇），其余为优秀奖
AWARD_SHARES = (("一等奖", 0.1), ("二等奖", 0.2), ("三等奖", 0.3))
OTHER_AWARD = "优秀奖"


def _awards(count: int) -> list[str]:
    awards: list[str] = []
    for name, share in AWARD_SHARES:
        awards += [name] * max(1, math.ceil(count * share))
    return (awards + [OTHER_AWARD] * count)[:count]


def open_call(
    *,
    actor: User | None,
    committee: Committee,
    title: str,
    theme: str,
    deadline: dt.date,
    reviewers: list[User] = (),
) -> EssayCall:
    if actor is not None:
        check_manage_activity_permission(actor, committee.pk)
    call = EssayCall(committee=committee, title=title, theme=theme, deadline=deadline)
    call._history_user = actor
    call.save()
    call.reviewers.set(reviewers)
    return call


def submit_essay(
    *, user: User, call: EssayCall, title: str, body: str, today: dt.date | None = None
) -> Essay:
    """A member submits online before the deadline."""
    member = member_of(user, call.committee_id)
    if member is None:
        raise PermissionDenied(_("只有本级政协委员可以投稿。"))
    return _create_essay(actor=user, call=call, member=member, title=title, body=body, today=today)


def record_essay(
    *,
    actor: User | None,
    call: EssayCall,
    member: Member,
    title: str,
    body: str,
    today: dt.date | None = None,
) -> Essay:
    """Staff enter an essay handed in on paper (actor None: the demo loader)."""
    if actor is not None:
        check_manage_activity_permission(actor, call.committee_id)
    if member.committee_id != call.committee_id:
        raise ValidationError({"member": _("作者须为本级政协委员。")})
    return _create_essay(actor=actor, call=call, member=member, title=title, body=body, today=today)


def _create_essay(*, actor, call, member, title, body, today) -> Essay:
    today = today or timezone.localdate()
    if call.state != EssayCallState.OPEN or today > call.deadline:
        raise ValidationError(_("征文已截止。"))
    if not title.strip() or not body.strip():
        raise ValidationError({"title": _("请填写题目和正文。")})
    with transaction.atomic():
        essay = Essay(
            call=call,
            committee_id=call.committee_id,
            member=member,
            title=title.strip(),
            body=body,
            submitted_on=today,
        )
        essay._history_user = actor
        essay.save()
        credit_duty(member=member, kind=DutyKind.ESSAY, source=essay, occurred_on=today)
    return essay


def score_essay(*, reviewer: User, essay: Essay, score: int) -> EssayScore:
    """A reviewer named on the call scores an essay (again, to correct it) while reviewing."""
    call = EssayCall.objects.get(pk=essay.call_id)
    if not call.reviewers.filter(pk=reviewer.pk).exists():
        raise PermissionDenied(_("您不是本次征文的评审人。"))
    if call.state != EssayCallState.REVIEWING:
        raise ValidationError(_("征文不在评审阶段。"))
    if not 0 <= score <= 100:
        raise ValidationError({"score": _("评分应在 0 至 100 之间。")})
    row, _created = EssayScore.objects.update_or_create(
        essay=essay, reviewer=reviewer, defaults={"score": score}
    )
    return row


def close_submissions(*, actor: User | None, call: EssayCall) -> EssayCall:
    return take(call, "close_submissions", actor)


def publish_results(*, actor: User | None, call: EssayCall) -> EssayCall:
    """Publish the results: the essays are graded on entering the state (grade_essays)."""
    return take(call, "publish_results", actor)


def _average(value) -> Decimal | None:
    return None if value is None else round(Decimal(str(value)), 2)


def grade_essays(step) -> None:
    """Average the reviewers' scores and grade the call's essays by rank; each essay whose
    grade changes takes its own "award" step, so every award keeps history. Grading again
    (the office publishing a second time) changes only what the scores now change."""
    call = step.record
    essays = list(call.essays.annotate(avg=Avg("scores__score")).order_by("-avg", "id"))
    for essay, award in zip(essays, _awards(len(essays)), strict=True):
        average = _average(essay.avg)
        if (essay.state, essay.award, essay.average_score) != (EssayState.AWARDED, award, average):
            apply(essay, "award", step.actor, award=award, average_score=average)


def set_award(step) -> None:
    step.touch(award=step.data["award"], average_score=step.data["average_score"])


def fill_award(step) -> None:
    """An awarded essay has its average and an award: one the office moves here by hand gets
    the award every graded essay below the ranked ones gets."""
    essay = step.record
    if essay.average_score is None:
        step.touch(average_score=_average(essay.scores.aggregate(avg=Avg("score"))["avg"]))
    if not essay.award:
        step.touch(award=OTHER_AWARD)


def clear_award(step) -> None:
    """An essay back among the submitted ones shows no grade."""
    if step.record.award or step.record.average_score is not None:
        step.touch(award="", average_score=None)


def set_reviewers(*, actor: User, call: EssayCall, reviewers: list[User]) -> EssayCall:
    """Staff name the reviewers; one taken off keeps the scores already given, which still
    count in the average."""
    check_manage_activity_permission(actor, call.committee_id)
    if call.state == EssayCallState.PUBLISHED:
        raise ValidationError(_("结果已公布，不能再更改评审人。"))
    with transaction.atomic():
        call = EssayCall.objects.select_for_update().get(pk=call.pk)
        call._history_user = actor
        call.reviewers.set(reviewers)
    return call


def record_scores(
    *, actor: User, call: EssayCall, reviewer: User, scores: dict[int, int | None]
) -> int:
    """A reviewer's score sheet for the call (essay pk -> score; None leaves an essay
    unscored). Entered by the reviewer, or by staff from a sheet handed in on paper. All or
    nothing: one bad row changes no score."""
    if actor.pk != reviewer.pk:
        check_manage_activity_permission(actor, call.committee_id)
    with transaction.atomic():
        call = EssayCall.objects.select_for_update().get(pk=call.pk)
        if not call.reviewers.filter(pk=reviewer.pk).exists():
            raise PermissionDenied(_("%(name)s 不是本次征文的评审人。") % {"name": reviewer})
        if call.state != EssayCallState.REVIEWING:
            raise ValidationError(_("征文不在评审阶段。"))
        essays = {e.pk: e for e in call.essays.filter(pk__in=list(scores))}
        given = {pk: score for pk, score in scores.items() if score is not None}
        for pk, score in given.items():
            if pk not in essays:
                raise ValidationError({"scores": _("稿件不属于本次征文。")})
            if not 0 <= score <= 100:
                title = essays[pk].title
                raise ValidationError(
                    {"scores": _("《%(title)s》：评分应在 0 至 100 之间。") % {"title": title}}
                )
        for pk, score in given.items():
            EssayScore.objects.update_or_create(
                essay_id=pk, reviewer=reviewer, defaults={"score": score}
            )
    return len(given)
