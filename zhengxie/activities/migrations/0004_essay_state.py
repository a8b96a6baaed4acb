from django.db import migrations, models


def graded_essays_are_awarded(apps, schema_editor):
    """Essays graded before the state existed carry their award: they are awarded."""
    Essay = apps.get_model("activities", "Essay")
    Essay.objects.exclude(award="").update(state="awarded")


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0003_absence_warning_plenary_year"),
    ]

    operations = [
        migrations.AddField(
            model_name="essay",
            name="state",
            field=models.CharField(
                choices=[("submitted", "已投稿"), ("awarded", "已评定")],
                default="submitted",
                max_length=10,
                verbose_name="状态",
            ),
        ),
        migrations.AddField(
            model_name="historicalessay",
            name="state",
            field=models.CharField(
                choices=[("submitted", "已投稿"), ("awarded", "已评定")],
                default="submitted",
                max_length=10,
                verbose_name="状态",
            ),
        ),
        migrations.RunPython(graded_essays_are_awarded, migrations.RunPython.noop),
    ]
