from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "zhengxie.proposals"
    label = "proposals"
    verbose_name = _("提案")

    def ready(self) -> None:
        from zhengxie.core.notifications import register_kinds
        from zhengxie.core.rules import register as register_rules
        from zhengxie.core.task_leases import register_retryable_task
        from zhengxie.core.todos import register_todo_provider
        from zhengxie.core.workflow import register
        from zhengxie.duty.providers import register_section, register_showcase_section

        from . import instruction_targets, signals  # noqa: F401  (the register count's cache)
        from .notifications import KINDS
        from .rules import RULES
        from .selectors import (
            list_cosignatures_awaiting,
            list_public_for_member,
            list_replies_awaiting_rating,
        )
        from .tasks import train_intake_model
        from .todos import PROVIDERS as TODO_PROVIDERS
        from .workflow.handling import COSIGNATURE, EXTENSION, REASSIGNMENT, REPLY
        from .workflow.letter import LETTER
        from .workflow.proposal import PROPOSAL

        register_job_kinds()
        # Training replaces the committee's one model row: a lost training simply runs again.
        register_retryable_task(train_intake_model)
        register_rules(RULES)
        register(PROPOSAL, COSIGNATURE, REPLY, EXTENSION, REASSIGNMENT, LETTER)
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
        register_showcase_section(
            key="proposals", title=_("提案"), provider=list_public_for_member, order=10
        )
        register_kinds(KINDS)
        for provider in TODO_PROVIDERS:
            register_todo_provider(provider)


def register_job_kinds() -> None:
    from zhengxie.core.leases import JobKind, register_job_kind

    from .imports.jobs import fail_register_import, requeue_register_import
    from .models import RegisterImport, RegisterImportStatus

    register_job_kind(
        JobKind(
            model=RegisterImport,
            finished=(RegisterImportStatus.DONE, RegisterImportStatus.FAILED),
            requeue=requeue_register_import,
            fail=fail_register_import,
        )
    )
