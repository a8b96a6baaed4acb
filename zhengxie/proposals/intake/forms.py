"""The one-click acceptance forms: what the suggestion panel posts back."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Committee, HandlingUnit


class AcceptCategoryForm(forms.Form):
    category = forms.CharField(label=_("类别"), max_length=20)


class AcceptUnitsForm(forms.Form):
    lead = forms.ModelChoiceField(label=_("主办单位"), queryset=HandlingUnit.objects.none())
    co_units = forms.ModelMultipleChoiceField(
        label=_("会办单位"), queryset=HandlingUnit.objects.none(), required=False
    )

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        units = HandlingUnit.objects.filter(committee=committee, is_active=True)
        self.fields["lead"].queryset = units
        self.fields["co_units"].queryset = units
