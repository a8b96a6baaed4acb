from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "zhengxie.proposals"
    label = "proposals"
    verbose_name = _("提案")

    def ready(self) -> None:
        from zhengxie.core.rules import register as register_rules
        from zhengxie.core.workflow import register
        from zhengxie.duty.providers import register_section

        from . import instruction_targets
        from .rules import RULES
        from .selectors import list_cosignatures_awaiting, list_replies_awaiting_rating
        from .workflow.handling import COSIGNATURE, EXTENSION, REASSIGNMENT, REPLY
        from .workflow.proposal import PROPOSAL

        register_rules(RULES)
        register(PROPOSAL, COSIGNATURE, REPLY, EXTENSION, REASSIGNMENT)
        instruction_targets.register()
        register_section(
            key="cosign",
            title=_("待确认的联名提案"),
            provider=list_cosignatures_awaiting,
            order=20,
        )
        register_section(
            key="feedback",
            title=_("待评价的办理结果"),
            provider=list_replies_awaiting_rating,
            order=30,
        )
