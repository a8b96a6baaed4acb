"""人才库: the résumés whose owners ticked 允许已核验单位查看, for verified employers to browse.

A row carries what a résumé holds (a résumé has no ID number and no address) with the mobile
number masked; the full number reaches an employer only through an application the person
sends and an interview the person accepts."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from ..models import Invitation, Job, Resume
from ..permissions import check_talent_pool_permission, filter_public_jobs

PAGE_SIZE = 20


@dataclass(frozen=True)
class TalentQuery:
    text: str = ""
    town_id: int | None = None
    category_id: int | None = None


def list_talent(user, query: TalentQuery) -> QuerySet[Resume]:
    """The visible résumés matching the query, freshest first; one query a page (the page
    adds its count). Raises PermissionDenied for anyone but a verified employer."""
    check_talent_pool_permission(user)
    resumes = Resume.objects.filter(is_public=True).exclude(user=user)
    if query.town_id:
        resumes = resumes.filter(desired_town_id=query.town_id)
    if query.category_id:
        resumes = resumes.filter(desired_category_id=query.category_id)
    text = query.text.strip()
    if text:
        resumes = resumes.filter(
            Q(shown_experience__icontains=text)
            | Q(education__icontains=text)
            | Q(name__icontains=text)
        )
    return resumes.select_related("desired_category", "desired_town").order_by("-updated_at", "-pk")


def jobs_to_invite_to(user, *, today) -> list[Job]:
    """The person's own open jobs, offered beside each résumé: one query."""
    jobs = filter_public_jobs(Job.objects.filter(employer__owner=user), today=today)
    return list(jobs.order_by("-published_at", "-pk"))


def list_my_invitations(user) -> QuerySet[Invitation]:
    """The invitations the person received, newest first, with the job and its employer (one
    query a page); anyone signed in has theirs, maybe none."""
    return Invitation.objects.filter(seeker_id=getattr(user, "pk", None)).select_related(
        "job__employer", "job__town", "job__category"
    )


def get_my_invitation(user, pk: int) -> Invitation:
    """One of the person's invitations; anyone else's is not there for them (404)."""
    return get_object_or_404(list_my_invitations(user), pk=pk)
