"""Key proposals as records their supervising leader instructs on (领衔督办批示)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from zhengxie.instructions.targets import Target, register_target

from .models import KeyProposal
from .permissions import can_read_proposal

KEY_PROPOSAL = "key_proposal"


def register() -> None:
    register_target(
        Target(
            kind=KEY_PROPOSAL,
            label=gettext_lazy("重点提案"),
            queryset=lambda: KeyProposal.objects.select_related("proposal"),
            may_instruct=lambda user, key: (
                getattr(user, "is_authenticated", False) and key.supervisor_id == user.pk
            ),
            may_read=lambda user, key: can_read_proposal(user, key.proposal),
            title=lambda key: str(key.proposal),
            url=lambda key: reverse("proposals:detail", args=[key.proposal_id]),
        )
    )
