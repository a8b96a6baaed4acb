"""Rules whose value is a mapping (the proposal categories) are stored as [[key, value], ...]
rows, so the office's order survives PostgreSQL's jsonb, which keeps no key order. Rows stored
before keep the order the database gives back (on PostgreSQL it is already lost)."""

from django.db import migrations

# The rules declared with the Mapping kind when the storage changed.
MAPPING_KEYS = ["proposals.categories"]


def forwards(apps, schema_editor) -> None:
    Setting = apps.get_model("core", "CommitteeSetting")
    for row in Setting.objects.filter(key__in=MAPPING_KEYS):
        if isinstance(row.value, dict):
            row.value = [[key, value] for key, value in row.value.items()]
            row.save(update_fields=["value"])


def backwards(apps, schema_editor) -> None:
    Setting = apps.get_model("core", "CommitteeSetting")
    for row in Setting.objects.filter(key__in=MAPPING_KEYS):
        if isinstance(row.value, list):
            row.value = dict(row.value)
            row.save(update_fields=["value"])


class Migration(migrations.Migration):
    dependencies = [("core", "0011_calendar_days_per_committee")]

    operations = [migrations.RunPython(forwards, backwards)]
