"""Test factories: index real texts against throwaway records (any model row will do, the
index is generic; handling units are cheap to make)."""

from zhengxie.core import factories as core_factories
from zhengxie.core.models import Committee

from .services import index_document


def make_indexed(
    *,
    committee: Committee,
    title: str,
    body: str = "",
    kind: str = "proposal",
    is_public: bool = True,
):
    """A new record indexed with this text; returns the record."""
    record = core_factories.make_handling_unit(committee=committee)
    index_document(
        obj=record,
        committee_id=committee.pk,
        kind=kind,
        title=title,
        body=body,
        is_public=is_public,
    )
    return record
