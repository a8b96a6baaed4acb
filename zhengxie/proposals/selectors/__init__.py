"""Every read of proposals that is more than a lookup; the figures live in stats.py."""

from .awaiting import list_cosignatures_awaiting, list_replies_awaiting_rating
from .handling import (
    days_left,
    list_contact_overdue,
    list_key_proposals,
    list_overdue,
    list_pending_extensions,
    list_pending_requests,
    list_unit_assignments,
)
from .letters import get_readable_letter, list_letter_desk, list_my_letters
from .register import (
    RegisterFilters,
    RegisterRows,
    as_register_rows,
    get_proposal,
    list_my_proposals,
    list_public,
    list_public_for_member,
    list_register,
    list_register_rows,
    overdue_q,
    published_replies,
)
from .stats import (
    figures,
    figures_by_category,
    figures_by_unit,
    latest_plenary_year,
    proposals_of_year,
)

__all__ = [
    "RegisterFilters",
    "RegisterRows",
    "as_register_rows",
    "days_left",
    "figures",
    "figures_by_category",
    "figures_by_unit",
    "get_proposal",
    "get_readable_letter",
    "latest_plenary_year",
    "list_contact_overdue",
    "list_cosignatures_awaiting",
    "list_key_proposals",
    "list_letter_desk",
    "list_my_letters",
    "list_my_proposals",
    "list_overdue",
    "list_pending_extensions",
    "list_pending_requests",
    "list_public",
    "list_public_for_member",
    "list_register",
    "list_register_rows",
    "list_replies_awaiting_rating",
    "list_unit_assignments",
    "overdue_q",
    "proposals_of_year",
    "published_replies",
]
