"""One home for 批示: the instructions the office typed on opinion reports
(opinions.Instruction) and on outcomes (activities.OutcomeInstruction) move into this app's
Instruction, marked as transcribed from paper, with the same record, leader, level, date and
text. The duty credits they earned are pointed at the moved rows, so no member's points change.
A recorded 落实情况 becomes an accepted follow-up and closes the instruction; the others wait
in the office's queue to be passed to a department, as a newly transcribed one does. The old
models are removed by the migrations that follow this one in their own apps."""

from django.db import migrations
from django.urls import reverse
from django.utils import timezone

REASON = "转录纸质批示（由原机关登记的批示迁入）"


def _content_type(apps, app_label: str, model: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def _remember(apps, model_name: str, row, user_id, when) -> None:
    """The moved row's first history entry: created, by whoever entered it, when."""
    Historical = apps.get_model("instructions", f"Historical{model_name}")
    values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}
    Historical.objects.create(
        **values,
        history_date=when,
        history_type="+",
        history_change_reason=REASON,
        history_user_id=user_id,
    )


def _move(apps, *, kind, record_model, rows, url_name, title_of, user_of) -> None:
    Instruction = apps.get_model("instructions", "Instruction")
    FollowUp = apps.get_model("instructions", "InstructionFollowUp")
    DutyRecord = apps.get_model("duty", "DutyRecord")
    record_type = _content_type(apps, *record_model)
    new_type = _content_type(apps, "instructions", "instruction")
    old_type = None
    now = timezone.now()
    for old in rows:
        follow_up = (getattr(old, "follow_up", "") or "").strip()
        new = Instruction.objects.create(
            committee_id=old.committee_id,
            target_kind=kind,
            target_type=record_type,
            target_id=old.record_id,
            target_title=title_of(old)[:200],
            target_url=reverse(url_name, args=[old.record_id]),
            leader_name=old.leader_name[:40],
            leader_title=old.leader_title[:60],
            level=old.level,
            text=old.text,
            instructed_on=old.instructed_on,
            is_transcribed=True,
            recorded_by_id=user_of(old),
            state="closed" if follow_up else "written",
        )
        _remember(apps, "Instruction", new, user_of(old), now)
        if follow_up:
            done = FollowUp.objects.create(
                committee_id=old.committee_id,
                instruction=new,
                text=follow_up,
                submitted_by_id=user_of(old),
                accepted=True,
            )
            _remember(apps, "InstructionFollowUp", done, user_of(old), now)
        old_type = old_type or _content_type(apps, old._meta.app_label, old._meta.model_name)
        DutyRecord.objects.filter(source_type=old_type, source_id=old.pk).update(
            source_type=new_type, source_id=new.pk
        )


def _opinion_rows(apps):
    Old = apps.get_model("opinions", "Instruction")
    rows = Old.objects.select_related("report").order_by("id")
    for row in rows:
        row.record_id = row.report_id
        yield row


def _outcome_rows(apps):
    Old = apps.get_model("activities", "OutcomeInstruction")
    Historical = apps.get_model("activities", "HistoricalOutcomeInstruction")
    # The outcome's row kept no author: its first history entry names who entered it.
    entered_by = dict(
        Historical.objects.filter(history_type="+").values_list("id", "history_user_id")
    )
    rows = Old.objects.select_related("outcome").order_by("id")
    for row in rows:
        row.entered_by_id = entered_by.get(row.pk)
        # The outcome's form asked for one line: the leader's name, with the title if any.
        row.record_id, row.leader_name, row.leader_title = row.outcome_id, row.leader, ""
        row.instructed_on = row.given_on
        yield row


def move_office_instructions(apps, schema_editor) -> None:
    _move(
        apps,
        kind="opinion_report",
        record_model=("opinions", "opinionreport"),
        rows=_opinion_rows(apps),
        url_name="opinions:detail",
        title_of=lambda old: old.report.title,
        user_of=lambda old: old.recorded_by_id,
    )
    _move(
        apps,
        kind="outcome",
        record_model=("activities", "outcome"),
        rows=_outcome_rows(apps),
        url_name="activities:outcome",
        title_of=lambda old: old.outcome.title,
        user_of=lambda old: old.entered_by_id,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("instructions", "0001_initial"),
        ("opinions", "0003_report_handed_up_between_levels"),
        ("activities", "0006_activity_guests_and_office_own"),
        ("duty", "0006_five_ones_count_activity_kinds"),
    ]

    operations = [
        migrations.RunPython(move_office_instructions, migrations.RunPython.noop),
    ]
