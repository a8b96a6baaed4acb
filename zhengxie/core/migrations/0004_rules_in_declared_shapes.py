"""Stored rule values take the shapes their declarations now require: reply classes become
[{code, label}], and the two absence-warning families (activities.absence.*, duty's
per-year absence_limits) fold into the one activities.absence_limits rule."""

from django.db import migrations

DEFAULT_LIMITS = {"plenary": {"year": None, "term": 3}, "standing": {"year": 3, "term": 7}}
OLD_DUTY_DEFAULTS = {"plenary": 2, "standing": 3, "": 5}
OLD_ACTIVITY_KEYS = {
    "activities.absence.plenary_per_term": ("plenary", "term"),
    "activities.absence.standing_per_year": ("standing", "year"),
    "activities.absence.standing_per_term": ("standing", "term"),
}


def _reply_classes(Setting) -> None:
    for row in Setting.objects.filter(key="proposals.result_classes"):
        if row.value and isinstance(row.value[0], list):
            row.value = [{"code": code, "label": label} for code, label in row.value]
            row.save(update_fields=["value"])


def _absence_limits(Setting) -> None:
    committees = set(
        Setting.objects.filter(key__in=[*OLD_ACTIVITY_KEYS, "duty.absence_limits"]).values_list(
            "committee_id", flat=True
        )
    )
    for committee_id in committees:
        limits = {k: dict(v) for k, v in DEFAULT_LIMITS.items()}
        rows = Setting.objects.filter(committee_id=committee_id)
        # duty's per-year limits by activity kind ("" was an unsourced total, not kept); the
        # evaluation form stored its old defaults on every save, so those say nothing chosen
        duty = rows.filter(key="duty.absence_limits").first()
        if duty is not None and duty.value != OLD_DUTY_DEFAULTS:
            for category in ("plenary", "standing"):
                if duty.value.get(category):
                    limits[category]["year"] = int(duty.value[category])
        for row in rows.filter(key__in=list(OLD_ACTIVITY_KEYS)):
            category, period = OLD_ACTIVITY_KEYS[row.key]
            limits[category][period] = int(row.value)
        Setting.objects.update_or_create(
            committee_id=committee_id, key="activities.absence_limits", defaults={"value": limits}
        )
        rows.filter(key__in=[*OLD_ACTIVITY_KEYS, "duty.absence_limits"]).delete()


def forwards(apps, schema_editor) -> None:
    Setting = apps.get_model("core", "CommitteeSetting")
    _reply_classes(Setting)
    _absence_limits(Setting)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_session_salt_and_demo_marker")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
