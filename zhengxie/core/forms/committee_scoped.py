"""The base of every form that edits a record of one committee."""

from django import forms
from django.db import models
from django.utils.translation import gettext as _

from ..models import Committee


class CommitteeScopedForm(forms.ModelForm):
    """Choices narrow to the committee's own records, and the model's unique constraints
    that include the committee are checked here (Django skips them, committee not being a
    form field), so a clash is a field message rather than a database error."""

    def __init__(self, *args, committee: Committee, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.committee = committee
        self.instance.committee = committee
        self.scope_choices()

    def scope_choices(self) -> None:
        """Subclasses narrow their foreign-key choices to the committee."""

    def save_related(self, *, user, record: models.Model) -> None:
        """Subclasses write the records kept beside this one from their other fields (a
        board's credit points) through their own service; called by save_directory_record
        in its transaction, after the record and its many-to-many fields."""

    def clean(self) -> dict:
        cleaned = super().clean()
        for constraint in self._meta.model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and "committee" in (
                constraint.fields
            ):
                self._check_unique(constraint.fields, cleaned)
        return cleaned

    def _check_unique(self, fields: tuple[str, ...], cleaned: dict) -> None:
        others = [f for f in fields if f != "committee"]
        if any(f not in cleaned for f in others):
            return
        clash = self._meta.model.objects.filter(
            committee=self.committee, **{f: cleaned[f] for f in others}
        ).exclude(pk=self.instance.pk)
        if clash.exists():
            labels = "、".join(
                str(self._meta.model._meta.get_field(f).verbose_name) for f in others
            )
            self.add_error(others[0], _("本政协已有%(labels)s相同的记录。") % {"labels": labels})
