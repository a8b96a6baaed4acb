"""Jobs: the employer writes a listing, staff review it, it is open for its days, then closes.

Pay is required (薪资透明): a range in yuan, monthly or hourly, checked here and again by the
table's constraint. Fee words (押金、培训费 ...) flag a listing on submission for the reviewer.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.chinese import normalize_text
from zhengxie.core.models import Town, User
from zhengxie.core.services.notifications import notify
from zhengxie.core.workflow import Step, WorkflowError, apply

from ..models import Employer, Job, JobCategory, JobState, PayUnit
from ..models.jobs import MAX_OPEN_DAYS
from ..notifications import EMPLOYER
from ..permissions import check_post_job_permission
from ..rules import fee_words
from ..search_index import index_job, unindex_job
from ..selectors.work import towns_of

EDITABLE_STATES = (JobState.PENDING, JobState.REJECTED)


@dataclass(frozen=True)
class JobFields:
    """What an employer writes on a listing; the web form and the API both fill one."""

    title: str
    category: JobCategory
    town: Town
    address: str
    pay_unit: str
    pay_min: int | None
    pay_max: int | None
    hours: str
    headcount: int
    open_days: int = 30
    benefits: str = ""
    starts_on: dt.date | None = None
    description: str = ""


def _check_pay(fields: JobFields) -> dict:
    errors = {}
    if fields.pay_unit not in PayUnit.values:
        errors["pay_unit"] = _("请选择计薪方式。")
    if not fields.pay_min or fields.pay_min <= 0:
        errors["pay_min"] = _("请填写最低薪资（元），不接受“面议”。")
    if not fields.pay_max or fields.pay_max <= 0:
        errors["pay_max"] = _("请填写最高薪资（元），不接受“面议”。")
    elif fields.pay_min and fields.pay_max < fields.pay_min:
        errors["pay_max"] = _("最高薪资不能低于最低薪资。")
    return errors


def check_job_fields(fields: JobFields, *, employer: Employer) -> None:
    errors = _check_pay(fields)
    if not normalize_text(fields.title):
        errors["title"] = _("请填写岗位名称。")
    if fields.category.committee_id != employer.committee_id:
        errors["category"] = _("所选岗位类别不属于本政协。")
    if not towns_of(employer.committee_id).filter(pk=fields.town.pk).exists():
        errors["town"] = _("所选乡镇街道不属于本政协。")
    if not 1 <= (fields.open_days or 0) <= MAX_OPEN_DAYS:
        errors["open_days"] = _("招聘天数须在 1 至 %(n)s 天之间。") % {"n": MAX_OPEN_DAYS}
    if not fields.headcount or fields.headcount < 1:
        errors["headcount"] = _("招聘人数至少为 1。")
    if errors:
        raise ValidationError(errors)


def find_fee_words(committee_id: int, *texts: str) -> str:
    text = "".join(normalize_text(t) for t in texts)
    return "、".join(word for word in fee_words(committee_id) if word in text)


def _values(fields: JobFields) -> dict:
    values = {name: getattr(fields, name) for name in JobFields.__dataclass_fields__}
    for name in ("title", "address", "hours", "benefits", "description"):
        values[name] = normalize_text(values[name])
    return values


def submit_job(*, actor: User, employer: Employer, fields: JobFields) -> Job:
    """The employer submits a listing for review (待审核); fee words flag it."""
    check_post_job_permission(actor, employer)
    check_job_fields(fields, employer=employer)
    values = _values(fields)
    flagged = find_fee_words(
        employer.committee_id, values["title"], values["description"], values["benefits"]
    )
    with transaction.atomic():
        job = Job(
            committee_id=employer.committee_id, employer=employer, fee_words=flagged, **values
        )
        job._history_user = actor
        job.save()
    return job


def edit_job(*, actor: User, job: Job, fields: JobFields) -> Job:
    """A listing is edited while it waits for review or after it was sent back; a rejected one
    goes back to the queue through the workflow's resubmit step."""
    check_post_job_permission(actor, job.employer)
    check_job_fields(fields, employer=job.employer)
    values = _values(fields)
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.state not in EDITABLE_STATES:
            raise WorkflowError(_("只有待审核或未通过审核的岗位可以修改。"))
        for name, value in values.items():
            setattr(locked, name, value)
        locked._history_user = actor
        locked.save(update_fields=[*values, "updated_at"])
        if locked.state == JobState.REJECTED:
            locked = apply(locked, "resubmit", actor)
    return locked


# --- the job workflow's effects -----------------------------------------------------------


def check_employer_verified(step: Step) -> None:
    if not step.record.employer.is_verified:
        raise WorkflowError(_("用人单位尚未通过核验，岗位不能发布。"))


def stamp_publication(step: Step) -> None:
    """Open from now for the listing's days; a backfill (the demo) passes `published_at`."""
    now = step.data.get("published_at") or timezone.now()
    expires = timezone.localdate(now) + dt.timedelta(days=step.record.open_days)
    step.touch(published_at=now, expires_on=expires)


def reflag_fee_words(step: Step) -> None:
    job = step.record
    step.touch(fee_words=find_fee_words(job.committee_id, job.title, job.description, job.benefits))


# The index is written in the step's transaction, so a step that fails leaves it as it was.
def add_to_index(step: Step) -> None:
    index_job(step.record)


def drop_from_index(step: Step) -> None:
    unindex_job(step.record)


def _tell_employer(job: Job, title: str, body: str = "") -> None:
    owner = job.employer.owner
    if owner is not None:
        notify(
            kind=EMPLOYER, recipients=[owner], title=title, body=body, url=job.get_absolute_url()
        )


def tell_employer_published(step: Step) -> None:
    _tell_employer(step.record, _("岗位“%(t)s”已通过审核并公开。") % {"t": step.record.title})


def tell_employer_rejected(step: Step) -> None:
    job = step.record
    _tell_employer(job, _("岗位“%(t)s”未通过审核。") % {"t": job.title}, step.reason)


def tell_employer_taken_down(step: Step) -> None:
    job = step.record
    _tell_employer(job, _("岗位“%(t)s”已被下架。") % {"t": job.title}, step.reason)


def expire_jobs(*, today: dt.date | None = None) -> int:
    """Closes open jobs past their date (the daily task). Search hides them from the day
    after their date already; this only tidies the state and the index."""
    today = today or timezone.localdate()
    done = 0
    for job in Job.objects.filter(state=JobState.OPEN, expires_on__lt=today).only("pk", "state"):
        apply(job, "expire", None)
        done += 1
    return done
