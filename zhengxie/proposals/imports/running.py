"""One import run, shared by the command and the upload task: read, check, then write all or
nothing, and re-index what changed once it is committed."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django_tasks import task

from zhengxie.core.models import Plenary

from ..models import Proposal
from .apply import ApplyResult, apply_rows, members_by_name
from .credits import CreditPlan, plan_credits
from .reading import RegisterFileError, read_register
from .validation import validate_rows


@dataclass
class ImportOutcome:
    rows: int = 0
    errors: list[str] = field(default_factory=list)
    result: ApplyResult | None = None  # None: nothing written (errors, or a dry run)
    credit_plan: CreditPlan | None = None  # with the duty-credit option only

    @property
    def ok(self) -> bool:
        return not self.errors


@task()
def reindex_imported(*, ids: list[int]) -> int:
    """Search indexing after an import runs as its own job: the register is written and
    usable at once, and similar-proposal checks see the new rows a little later."""
    from ..similarity import index_proposals

    queryset = Proposal.objects.filter(pk__in=ids).order_by("id")
    return index_proposals(queryset.iterator(chunk_size=1000))


def run_import(
    *,
    plenary: Plenary,
    content: bytes,
    dry_run: bool = False,
    credit_duty: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportOutcome:
    """`progress(done, total)` is told as rows are checked. With `credit_duty` the
    registered proposals credit their proposers' duty; the outcome's plan says how many
    credits that means, in the dry run too."""
    try:
        sheet_rows = read_register(content)
    except RegisterFileError as error:
        return ImportOutcome(errors=[str(error)])
    total = len(sheet_rows)
    existing = set(
        Proposal.objects.filter(plenary=plenary, number__isnull=False).values_list(
            "number", flat=True
        )
    )
    checked = validate_rows(
        committee=plenary.committee,
        rows=sheet_rows,
        existing_numbers=existing,
        progress=(lambda n: progress(n, total)) if progress else None,
    )
    outcome = ImportOutcome(rows=total, errors=[str(e) for e in checked.errors])
    if not outcome.ok:
        return outcome
    if credit_duty:
        members = members_by_name(plenary)
        outcome.credit_plan = plan_credits(rows=checked.rows, members=members)
    if dry_run:
        return outcome
    with transaction.atomic():
        outcome.result = apply_rows(plenary=plenary, rows=checked.rows, credit_duty=credit_duty)
        ids = outcome.result.proposal_ids
        transaction.on_commit(lambda: reindex_imported.enqueue(ids=list(ids)))
    return outcome
