from django.db import migrations


class Migration(migrations.Migration):
    """The office's instructions now live in the instructions app (its 0002 moved the rows)."""

    dependencies = [
        ('opinions', '0003_report_handed_up_between_levels'),
        ('instructions', '0002_move_office_instructions'),
    ]

    operations = [
        migrations.DeleteModel(
            name='HistoricalInstruction',
        ),
        migrations.DeleteModel(
            name='Instruction',
        ),
    ]
