"""The administrator's form for a committee's rule: the key is one of the declared rules and
the value must fit its declaration."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CommitteeSetting
from ..rules import declaration, declarations


class CommitteeSettingForm(forms.ModelForm):
    key = forms.ChoiceField(label=_("规则"))

    class Meta:
        model = CommitteeSetting
        fields = ["committee", "key", "value"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [(r.key, f"{r.label}（{r.key}）") for r in declarations()]

    def clean(self):
        data = super().clean()
        if data.get("key") and "value" in data:
            declared = declaration(data["key"])
            data["value"] = declared.kind.store(declared.clean(data["value"]))
        return data
