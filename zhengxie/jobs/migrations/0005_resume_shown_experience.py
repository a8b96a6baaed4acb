from django.db import migrations, models

from zhengxie.core.phones import mask_numbers_in_text


def mask_existing(apps, schema_editor):
    Resume = apps.get_model("jobs", "Resume")
    resumes = list(Resume.objects.exclude(experience="").only("experience"))
    for resume in resumes:
        resume.shown_experience = mask_numbers_in_text(resume.experience)
    Resume.objects.bulk_update(resumes, ["shown_experience"], batch_size=500)


class Migration(migrations.Migration):
    """The talent pool searches 工作经历 as employers read it, numbers masked."""

    dependencies = [
        ("jobs", "0004_invitation_answer"),
    ]

    operations = [
        migrations.AddField(
            model_name="resume",
            name="shown_experience",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(mask_existing, migrations.RunPython.noop),
    ]
