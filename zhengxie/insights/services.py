"""The annual review: the office's draft and its publication, and generating the review
files in the background."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from zhengxie.core.leases import hold_lease
from zhengxie.core.models import Committee, CommitteeLevel, User

from .models import ReviewDraft, ReviewJob, ReviewJobStatus
from .permissions import check_edit_review_permission, check_rollup_permission
from .review import DEFAULT_PROSE, ReviewDocument, check_prose

MAX_BYLINE = 120


def draft_rollup(committee: Committee) -> bool:
    """A committee's review covers what the committee leads: a city's includes its counties."""
    return committee.level != CommitteeLevel.COUNTY


def review_document(*, committee: Committee, year: int, rollup: bool) -> ReviewDocument:
    """The review as the page and the files show it: the office's prose when it has a draft
    (for the draft's scope), with the frozen figures once published and live ones before."""
    from .selectors import review_snapshot

    draft = ReviewDraft.objects.filter(committee=committee, year=year).first()
    if draft is None or rollup != draft_rollup(committee):
        return ReviewDocument(review_snapshot(committee=committee, year=year, rollup=rollup))
    if draft.is_published:
        return ReviewDocument(draft.frozen, draft.prose)
    snapshot = review_snapshot(committee=committee, year=year, rollup=rollup)
    return ReviewDocument(snapshot, draft.prose)


def review_draft(*, committee: Committee, year: int) -> ReviewDraft | None:
    return (
        ReviewDraft.objects.select_related("published_by", "thread")
        .filter(committee=committee, year=year)
        .first()
    )


def _editable(actor: User, committee: Committee, year: int) -> ReviewDraft:
    check_edit_review_permission(actor, committee)
    draft = ReviewDraft.objects.select_for_update().filter(committee=committee, year=year).first()
    if draft is None:
        draft = ReviewDraft(committee=committee, year=year, prose=DEFAULT_PROSE)
    if draft.is_published:
        raise ValidationError(_("本年度工作回眸已发布，数据已定格，不能再修改。"))
    return draft


@transaction.atomic
def save_review_draft(*, actor: User, committee: Committee, year: int, prose: str) -> ReviewDraft:
    """The office edits the prose; every field it names must be a figure of the review."""
    from .selectors import annual_figures

    draft = _editable(actor, committee, year)
    prose = prose.replace("\r\n", "\n").strip() + "\n"
    check_prose(
        prose, annual_figures(committee=committee, year=year, rollup=draft_rollup(committee))
    )
    draft.prose = prose
    draft._history_user = actor
    draft.save()
    return draft


def _article_html(document: ReviewDocument) -> str:
    parts = []
    for heading, text in document.paragraphs():
        if heading:
            parts.append(f"<h3>{escape(heading)}</h3>")
        parts.append(f"<p>{escape(text)}</p>")
    return "".join(parts)


@transaction.atomic
def publish_review_draft(
    *, actor: User, committee: Committee, year: int, byline: str, source: str
) -> ReviewDraft:
    """Freeze the figures the review shows and post it to the committee's news board with its
    byline and source. Publishing once is final."""
    from zhengxie.portal.models import Board, BoardKind
    from zhengxie.portal.services.posting import create_thread

    from .selectors import review_snapshot

    draft = _editable(actor, committee, year)
    byline, source = byline.strip(), source.strip()
    too_long = {
        name: _("%(field)s：不能超过120个字。") % {"field": label}
        for name, label, value in (("byline", _("署名"), byline), ("source", _("来源"), source))
        if len(value) > MAX_BYLINE
    }
    if too_long:
        raise ValidationError(too_long)
    board = Board.objects.filter(committee=committee, kind=BoardKind.NEWS).order_by("id").first()
    if board is None:
        raise ValidationError(_("本级政协门户还没有新闻版块，无法发布工作回眸。"))
    snapshot = review_snapshot(committee=committee, year=year, rollup=draft_rollup(committee))
    check_prose(draft.prose, snapshot["current"])
    document = ReviewDocument(snapshot, draft.prose)
    draft.thread = create_thread(
        user=actor,
        board=board,
        title=document.title,
        body=_article_html(document),
        byline=byline,
        source=source,
        skip_limits=True,
    )
    draft.frozen = snapshot
    draft.byline, draft.source = draft.thread.byline, draft.thread.source
    draft.published_at, draft.published_by = timezone.now(), actor
    draft._history_user = actor
    draft.save()
    return draft


def request_annual_review(
    *, actor: User, committee: Committee, year: int, rollup: bool
) -> ReviewJob:
    """Queue the Word, Excel and PDF review; the task runs after the request commits."""
    from .tasks import generate_annual_review

    check_rollup_permission(actor, committee, rollup)
    job = ReviewJob.objects.create(
        committee=committee, year=year, rollup=rollup, requested_by=actor
    )
    transaction.on_commit(lambda: generate_annual_review.enqueue(job_id=job.pk))
    return job


def _advance(job: ReviewJob, progress: int, status: str = ReviewJobStatus.RUNNING) -> None:
    job.progress, job.status = progress, status
    job.save(update_fields=["progress", "status"])


def run_annual_review(*, job: ReviewJob) -> ReviewJob:
    if job.status in (ReviewJobStatus.DONE, ReviewJobStatus.FAILED):
        return job
    name = f"{job.committee.code}-{job.year}-{'rollup' if job.rollup else 'own'}-{job.pk}"
    try:
        with hold_lease(job):
            _generate(job, name)
    except Exception as error:  # the job records any failure for the person waiting on it
        job.error = f"{error.__class__.__name__}: {error}"
        job.save(update_fields=["error"])
        _advance(job, job.progress, ReviewJobStatus.FAILED)
        raise
    return job


def _generate(job: ReviewJob, name: str) -> None:
    from .exports import FORMATS, build_review

    _advance(job, 10)
    document = review_document(committee=job.committee, year=job.year, rollup=job.rollup)
    for done, kind in enumerate(FORMATS, start=1):
        _advance(job, 10 + 80 * (done - 1) // len(FORMATS))
        getattr(job, kind).save(
            f"{name}.{kind}", ContentFile(build_review(kind, document)), save=False
        )
    job.finished_at = timezone.now()
    job.save(update_fields=[*FORMATS, "finished_at"])
    _advance(job, 100, ReviewJobStatus.DONE)


def requeue_review(job: ReviewJob):
    """Generating again only writes the files anew."""
    from .tasks import generate_annual_review

    _advance(job, 0, ReviewJobStatus.QUEUED)
    return lambda: generate_annual_review.enqueue(job_id=job.pk)


def fail_review(job: ReviewJob, reason: str) -> None:
    job.error, job.finished_at = reason, timezone.now()
    job.save(update_fields=["error", "finished_at"])
    _advance(job, job.progress, ReviewJobStatus.FAILED)
