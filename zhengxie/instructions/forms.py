"""Forms parse input; every rule beyond the shape of a field lives in the services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Committee, HandlingUnit

from .models import InstructionLevel, InstructionState

# The browser's date picker reads and writes ISO dates whatever the page's language.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _units(committee: Committee):
    return HandlingUnit.objects.filter(committee=committee, is_active=True).order_by("name")


class AssignForm(forms.Form):
    """交办: the department concerned and, if not the committee's usual one, the deadline."""

    unit = forms.ModelChoiceField(label=_("落实部门"), queryset=HandlingUnit.objects.none())
    due_on = forms.DateField(
        label=_("反馈期限"),
        widget=DATE,
        required=False,
        help_text=_("不填则按本级规定的工作日数计算。"),
    )

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(committee)


class WriteForm(AssignForm):
    """A leader's own instruction; the department is optional (the office can pass it on)."""

    text = forms.CharField(label=_("批示内容"), widget=forms.Textarea(attrs={"rows": 4}))
    field_order = ["text", "unit", "due_on"]

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, committee=committee, **kwargs)
        self.fields["unit"].required = False
        self.fields["unit"].help_text = _("可不选，由政协机关转交。")


class TranscribeForm(WriteForm):
    """A paper instruction the office types in: who wrote it, at which level, when."""

    leader_name = forms.CharField(label=_("批示领导"), max_length=40)
    leader_title = forms.CharField(label=_("职务"), max_length=60, required=False)
    level = forms.ChoiceField(label=_("批示级别"), choices=InstructionLevel.choices)
    instructed_on = forms.DateField(
        label=_("批示日期"), widget=DATE, initial=lambda: timezone.localdate()
    )
    field_order = ["leader_name", "leader_title", "level", "instructed_on", "text", "unit",
                   "due_on"]  # fmt: skip


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=_("落实情况"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("写明采取的措施、取得的成效和下一步打算。"),
    )


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("状态"), choices=[("", _("未办结")), *InstructionState.choices], required=False
    )
