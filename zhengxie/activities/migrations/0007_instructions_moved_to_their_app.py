from django.db import migrations


class Migration(migrations.Migration):
    """Outcomes' instructions now live in the instructions app (its 0002 moved the rows)."""

    dependencies = [
        ('activities', '0006_activity_guests_and_office_own'),
        ('instructions', '0002_move_office_instructions'),
    ]

    operations = [
        migrations.DeleteModel(
            name='HistoricalOutcomeInstruction',
        ),
        migrations.DeleteModel(
            name='OutcomeInstruction',
        ),
    ]
