"""The research and consultation tasks of the five ones count attendance by the activity kinds
that really belong to them (duty/models/ledger.py): the shipped definitions matched the roles
"consultation" and "research"/"inspection" only, and no activity writes "consultation".

A committee's task is updated only while its acts are still exactly the shipped ones (in any
order): a task whose acts the office changed is its own and is left as it is. Names, required
counts and switches are never touched. Each update is written into the task's history."""

from django.db import migrations
from django.utils import timezone

OLD = {
    "research": [["attendance", "research"], ["attendance", "inspection"], ["report", ""]],
    "consultation": [["attendance", "consultation"], ["session", ""]],
}
NEW = {
    "research": [
        ["attendance", "research"],
        ["attendance", "inspection"],
        ["attendance", "supervision"],
        ["attendance", "joint"],
        ["report", ""],
    ],
    "consultation": [
        ["attendance", "bimonthly"],
        ["attendance", "thematic"],
        ["attendance", "counterpart"],
        ["attendance", "sector"],
        ["attendance", "proposal"],
        ["session", ""],
    ],
}
REASON = "五个一按活动类型计入调研、协商"
FIELDS = ["committee_id", "code", "name", "required_count", "acts", "sort_order", "is_active"]


def _same(acts, shipped) -> bool:
    return sorted(map(tuple, acts or [])) == sorted(map(tuple, shipped))


def forwards(apps, schema_editor) -> None:
    AnnualTask = apps.get_model("duty", "AnnualTask")
    History = apps.get_model("duty", "HistoricalAnnualTask")
    now = timezone.now()
    changed = []
    for task in AnnualTask.objects.filter(code__in=list(OLD)).order_by("pk"):
        if _same(task.acts, OLD[task.code]):
            task.acts = NEW[task.code]
            changed.append(task)
    AnnualTask.objects.bulk_update(changed, ["acts"])
    History.objects.bulk_create(
        History(
            id=task.pk,
            **{field: getattr(task, field) for field in FIELDS},
            history_date=now,
            history_type="~",
            history_change_reason=REASON,
        )
        for task in changed
    )


class Migration(migrations.Migration):
    dependencies = [("duty", "0005_member_showcase")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
