"""Forms of the duty app: each names the field a bad value is in, in Chinese."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Member

from .models import (
    AnnualTask,
    DutyKind,
    PointsGroup,
    PointsRule,
    Recognition,
)


class RuleForm(forms.ModelForm):
    class Meta:
        model = PointsRule
        fields = ["kind", "role", "points", "annual_cap", "group"]

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.scheme = scheme
        self.fields["group"].queryset = PointsGroup.objects.filter(scheme=scheme)

    def clean_annual_cap(self):
        cap = self.cleaned_data["annual_cap"]
        if cap is not None and cap < 0:
            raise forms.ValidationError(_("年度上限不能为负数；扣分规则也填写正数的最多扣分。"))
        return cap


class GroupForm(forms.ModelForm):
    class Meta:
        model = PointsGroup
        fields = ["name", "combine", "base", "ceiling", "floor"]

    def clean(self):
        data = super().clean()
        ceiling, floor = data.get("ceiling"), data.get("floor")
        if ceiling is not None and floor is not None and floor > ceiling:
            self.add_error("floor", _("下限不能高于上限。"))
        return data


def _parse_acts(text: str) -> list[list[str]]:
    acts = []
    for part in text.replace("，", ",").split(","):
        kind, _sep, role = part.strip().partition(":")
        if not kind:
            continue
        if kind not in DutyKind.values:
            raise forms.ValidationError(
                _("计入的履职中“%(kind)s”不是履职类别代码。") % {"kind": kind}
            )
        acts.append([kind, role.strip()])
    if not acts:
        raise forms.ValidationError(
            _("请至少填写一种计入的履职，如 proposal 或 attendance:research。")
        )
    return acts


class TaskForm(forms.ModelForm):
    acts_text = forms.CharField(
        label=_("计入的履职"),
        help_text=_("履职类别代码，可加“:角色”，逗号分隔，如 attendance:research, report"),
    )

    class Meta:
        model = AnnualTask
        fields = ["name", "required_count", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["acts_text"] = ", ".join(
                f"{k}:{r}" if r else k for k, r in self.instance.acts
            )

    def clean_acts_text(self):
        return _parse_acts(self.cleaned_data["acts_text"])

    def save(self, commit=True):
        self.instance.acts = self.cleaned_data["acts_text"]
        return super().save(commit=commit)


class EvaluationForm(forms.Form):
    weight_quality = forms.IntegerField(label=_("工作质效度权重"), min_value=0, max_value=100)
    weight_satisfaction = forms.IntegerField(label=_("群众满意度权重"), min_value=0, max_value=100)
    weight_reputation = forms.IntegerField(label=_("社会美誉度权重"), min_value=0, max_value=100)
    excellent = forms.IntegerField(label=_("优秀分数线"), min_value=0, max_value=100)
    good = forms.IntegerField(label=_("良好分数线"), min_value=0, max_value=100)
    competent = forms.IntegerField(label=_("称职分数线"), min_value=0, max_value=100)
    warning_line = forms.IntegerField(label=_("预警线"), min_value=0, max_value=100)
    reputation_base = forms.IntegerField(label=_("美誉度起始分"), min_value=0, max_value=100)
    reputation_commendation = forms.IntegerField(label=_("每项表彰加分"), min_value=0)
    reputation_honour = forms.IntegerField(label=_("每项荣誉加分"), min_value=0)
    reputation_media = forms.IntegerField(label=_("每篇报道加分"), min_value=0)
    absence_plenary = forms.IntegerField(label=_("全体会议缺席预警次数"), min_value=1)
    absence_standing = forms.IntegerField(label=_("常委会议缺席预警次数"), min_value=1)
    absence_total = forms.IntegerField(label=_("年内缺席合计预警次数"), min_value=1)

    def clean(self):
        data = super().clean()
        weights = [data.get(f"weight_{k}") or 0 for k in ("quality", "satisfaction", "reputation")]
        if not sum(weights):
            self.add_error("weight_quality", _("三项权重不能都为 0。"))
        lines = [data.get(k) for k in ("excellent", "good", "competent")]
        if None not in lines and not lines[0] > lines[1] > lines[2]:
            self.add_error("good", _("分数线须满足：优秀 > 良好 > 称职。"))
        return data


class RecognitionForm(forms.ModelForm):
    link = forms.URLField(label=_("链接"), required=False, assume_scheme="https")

    class Meta:
        model = Recognition
        fields = ["member", "kind", "level", "title", "issuer", "occurred_on", "link", "note"]
        widgets = {"occurred_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(committee=committee, is_active=True)


class TalkForm(forms.Form):
    talked_on = forms.DateField(label=_("约谈日期"), widget=forms.DateInput(attrs={"type": "date"}))
    outcome = forms.CharField(label=_("约谈情况及结果"), widget=forms.Textarea(attrs={"rows": 3}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤销原因"), max_length=100)
